import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '@homecare/common';
import { AppConfigModule } from '@homecare/core/config';
import { DatabaseModule } from '@homecare/core/database';
import { DEFAULT_JOB_OPTIONS, redisConnectionFromUrl } from '@homecare/jobs';
import { EmailWorkerModule } from './email/email-worker.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { WorkerMetricsModule } from './metrics/worker-metrics.module';
import { PlanningWorkerModule } from './planning/planning-worker.module';
import { RostersWorkerModule } from './rosters/rosters-worker.module';
import { WebhooksWorkerModule } from './webhooks/webhooks-worker.module';

/** The worker: the same configuration and services as the API, but queue consumers and no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        pinoHttp: { level: config.get('LOG_LEVEL', { infer: true }) },
      }),
    }),
    DatabaseModule,
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        // Workers must keep retrying Redis forever (BullMQ requires maxRetriesPerRequest: null).
        connection: {
          ...redisConnectionFromUrl(config.get('REDIS_URL', { infer: true })),
          maxRetriesPerRequest: null,
        },
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    WorkerMetricsModule,
    MaintenanceModule,
    PlanningWorkerModule,
    RostersWorkerModule,
    EmailWorkerModule,
    WebhooksWorkerModule,
  ],
})
export class WorkerModule {}
