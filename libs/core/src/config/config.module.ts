import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { type AppConfig, Clock, clockFromSettings, validateEnvironment } from '@homecare/common';

/**
 * Typed, validated configuration for both apps (a bad variable stops start-up with its name), and
 * the one Clock of the process, shifted by CLOCK_NOW when set (refused in production).
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment, ignoreEnvFile: true }),
  ],
  providers: [
    {
      provide: Clock,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>): Clock =>
        clockFromSettings({
          CLOCK_NOW: config.get('CLOCK_NOW', { infer: true }),
          CLOCK_NOW_ANCHOR_MS: config.get('CLOCK_NOW_ANCHOR_MS', { infer: true }),
        }),
    },
  ],
  exports: [Clock],
})
export class AppConfigModule {}
