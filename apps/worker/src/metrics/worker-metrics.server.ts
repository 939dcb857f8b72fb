import { createServer, type Server } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { metricsAllowed, MetricsService } from '@homecare/core/metrics';

/**
 * The worker has no HTTP API; with WORKER_METRICS_PORT set it answers Prometheus on that port
 * (GET /metrics, the same METRICS_TOKEN rule as the API's), so job durations and solve quality
 * are scraped from the process that measures them.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: Server | undefined;

  constructor(
    private readonly metrics: MetricsService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('WORKER_METRICS_PORT', { infer: true });
    if (!port) return;
    this.server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      const access = metricsAllowed(this.config, request.headers.authorization);
      if (request.method !== 'GET' || path !== '/metrics' || access === 'off') {
        response.writeHead(404).end();
        return;
      }
      if (access === 'refused') {
        response.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
        return;
      }
      this.metrics.scrape().then(
        (body) => response.writeHead(200, { 'Content-Type': this.metrics.contentType }).end(body),
        (error: unknown) => {
          this.logger.warn(`metrics scrape failed: ${(error as Error).message}`);
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, () => resolve());
    });
    this.logger.log(`metrics on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
