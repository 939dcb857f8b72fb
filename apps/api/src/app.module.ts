import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@homecare/common';
import { AppConfigModule } from '@homecare/core/config';
import { DatabaseModule } from '@homecare/core/database';
import { RedisModule } from '@homecare/core/redis';
import { redactPath } from './auth/log-redaction';
import { HealthModule } from './health/health.module';
import { HttpDrain } from './http/http-drain';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { API_FEATURE_MODULES } from './features';

/** The request logger's options; exported so that a test can run them against a captured stream. */
export function httpLoggerOptions(config: ConfigService<AppConfig, true>): HttpLoggerOptions {
  return {
    level: config.get('LOG_LEVEL', { infer: true }),
    // A request id in every log line; taken from the caller when it sends one.
    genReqId: (request, response) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      response.setHeader('x-request-id', id);
      return id;
    },
    // Never log bodies, tokens or cookies: they carry personal and health-adjacent data. Invitation
    // links and calendar feeds (`/calendar/<token>.ics`) carry a token in the path, which is masked.
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: redactPath(request.url.split('?')[0]),
      }),
    },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
  };
}

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>): Params => ({
        pinoHttp: httpLoggerOptions(config),
      }),
    }),
    DatabaseModule,
    RedisModule,
    HealthModule,
    ...API_FEATURE_MODULES,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }, HttpDrain],
})
export class AppModule {}
