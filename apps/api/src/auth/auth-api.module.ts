import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@homecare/common';
import { AuthModule } from '@homecare/core/auth';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { BootstrapAdmin } from './bootstrap-admin';
import { emailTracker, hasEmail, THROTTLE_BY_EMAIL, THROTTLE_BY_IP } from './login-throttler.guard';

@Module({
  imports: [
    AuthModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const limit = config.get('LOGIN_RATE_LIMIT', { infer: true });
        return {
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
