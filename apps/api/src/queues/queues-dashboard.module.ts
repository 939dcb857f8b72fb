import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { AppConfig } from '@homecare/common';
import { AuthModule, AuthService } from '@homecare/core/auth';
import { producerConnection, RosterQueue, RostersModule } from '@homecare/core/rosters';
import { MAINTENANCE_QUEUE } from '@homecare/jobs';
import { administratorOnly } from '../auth/administrator-only.middleware';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board for operators at /admin/queues, for administrators only (their access token, or their
 * email and password by HTTP Basic for a browser). Without OPS_DASHBOARD_ENABLED it is not mounted
 * at all, so the path answers 404 like any unknown one.
 */
@Module({ imports: [RostersModule, AuthModule] })
export class QueuesDashboardModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(QueuesDashboardModule.name);
  private maintenanceQueue: Queue | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly rosterQueue: RosterQueue,
    private readonly auth: AuthService,
  ) {}

  // Runs after Nest has registered its routes and before its not-found handler, so the board's
  // router gets the paths no controller serves.
  onModuleInit(): void {
    if (!this.config.get('OPS_DASHBOARD_ENABLED', { infer: true })) return;
    this.maintenanceQueue = new Queue(MAINTENANCE_QUEUE, {
      connection: producerConnection(this.config.get('REDIS_URL', { infer: true })),
      prefix: this.config.get('QUEUE_PREFIX', { infer: true }),
    });
    this.maintenanceQueue.on('error', (error) => this.logger.debug(`maintenance queue: ${error.message}`));
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: [new BullMQAdapter(this.rosterQueue.queue), new BullMQAdapter(this.maintenanceQueue)],
      serverAdapter,
    });
    this.adapterHost.httpAdapter.use(
      DASHBOARD_PATH,
      administratorOnly(this.auth, 'queues'),
      serverAdapter.getRouter(),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.maintenanceQueue?.close();
  }
}
