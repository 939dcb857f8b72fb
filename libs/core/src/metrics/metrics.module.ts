import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** One metrics registry per process, for the API's /metrics and the worker's metrics port. */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
