import { Global, Module } from '@nestjs/common';
import { MetricsModule } from '@homecare/core/metrics';
import { WorkerMetricsServer } from './worker-metrics.server';

/** The worker's metrics registry (for every consumer) and the port Prometheus scrapes it on. */
@Global()
@Module({ imports: [MetricsModule], providers: [WorkerMetricsServer] })
export class WorkerMetricsModule {}
