import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from '@homecare/core/metrics';

/**
 * Times every request and labels it with its route template (`/clients/:clientId`), never the
 * path itself: paths carry ids and tokens, and one series per id would swamp Prometheus.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.httpRequests.startTimer({ method: request.method });
    response.once('finish', () => {
      const route = request.route as { path?: unknown } | undefined;
      const template = typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
      stop({ route: template, status: String(response.statusCode) });
    });
    next();
  }
}
