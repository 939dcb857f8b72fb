import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { MetricsModule } from '@homecare/core/metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

/** /metrics in Prometheus format, and the timing of every request it reports. */
@Module({ imports: [MetricsModule], controllers: [MetricsController] })
export class MetricsApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
