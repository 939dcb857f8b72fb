import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@homecare/common';
import { dataSourceOptions } from '@homecare/database';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        dataSourceOptions(config.get('DATABASE_URL', { infer: true }), {
          extra: { max: config.get('DB_POOL_SIZE', { infer: true }), connectionTimeoutMillis: 5000 },
          // Fail start-up fast rather than retrying for minutes; the orchestrator restarts us.
          retryAttempts: 3,
          retryDelay: 1000,
        } as object),
    }),
  ],
})
export class DatabaseModule {}
