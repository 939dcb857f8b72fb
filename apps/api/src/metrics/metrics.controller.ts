import { Controller, Get, Header, Headers, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AppConfig, NotFoundError, UnauthenticatedError } from '@homecare/common';
import { metricsAllowed, MetricsService } from '@homecare/core/metrics';
import { Public } from '../auth/auth.decorators';

/**
 * Prometheus scrape endpoint. Not a person's route (no session): it is guarded by its own bearer
 * token (METRICS_TOKEN) and left out of the OpenAPI document, which describes the product's API.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const access = metricsAllowed(this.config, authorization);
    if (access === 'off') throw new NotFoundError('metrics');
    if (access === 'refused') throw new UnauthenticatedError('Send the metrics token as a bearer token.');
    response.type(this.metrics.contentType).send(await this.metrics.scrape());
  }
}
