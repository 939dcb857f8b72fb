import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import type { AppConfig } from '@homecare/common';
import { AuthModule } from '@homecare/core/auth';
import { REDIS } from '@homecare/core/redis';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { BootstrapAdmin } from './bootstrap-admin';
import { emailTracker, hasEmail, THROTTLE_BY_EMAIL, THROTTLE_BY_IP } from './login-throttler.guard';
import { RedisThrottlerStorage } from './redis-throttler-storage';

@Module({
  imports: [
    AuthModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS],
      useFactory: (config: ConfigService<AppConfig, true>, redis: Redis) => {
        const limit = config.get('LOGIN_RATE_LIMIT', { infer: true });
        const prefix =
          config.get('RATE_LIMIT_PREFIX', { infer: true }) ??
          config.get('QUEUE_PREFIX', { infer: true }) ??
          'homecare';
        return {
          // Counted in Redis: every API process of the deployment shares the counts.
          storage: new RedisThrottlerStorage(redis, prefix),
          errorMessage: 'Too many attempts: wait a minute and try again.',
          throttlers: [
            { name: THROTTLE_BY_IP, ttl: 60_000, limit },
            {
              name: THROTTLE_BY_EMAIL,
              ttl: 60_000,
              limit,
              getTracker: emailTracker,
              skipIf: (context) => !hasEmail(context.switchToHttp().getRequest<{ body?: unknown }>()),
            },
          ],
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, BootstrapAdmin],
  exports: [AuthModule],
})
export class AuthApiModule {}
