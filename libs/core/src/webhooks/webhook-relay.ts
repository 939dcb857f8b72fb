import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import type { AppConfig } from '@homecare/common';
import { redisConnectionFromUrl, WEBHOOK_QUEUE, webhookJobOptions } from '@homecare/jobs';
import { WebhooksRepository } from './webhooks.repository';

const POLL_INTERVAL_MS = 1000;
const BATCH_SIZE = 50;

/**
 * Moves the webhook rows of the outbox into the `webhooks` queue, in every worker (the API only
 * writes rows), as the email relay does for email. One job id per delivery, so a row dispatched
 * twice after a crash between add and mark is still one job. While Redis is away, rows wait.
 */
@Injectable()
export class WebhookRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookRelay.name);
  readonly queue: Queue;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastProblem = '';

  constructor(
    private readonly repository: WebhooksRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.queue = new Queue(WEBHOOK_QUEUE, {
      connection: {
        ...redisConnectionFromUrl(config.get('REDIS_URL', { infer: true })),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      },
      prefix: config.get('QUEUE_PREFIX', { infer: true }),
      defaultJobOptions: webhookJobOptions(config.get('WEBHOOK_RETRY_DELAY_MS', { infer: true })),
    });
    this.queue.on('error', (error) => this.logger.debug(`webhook queue: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.queue.close();
  }

  private kick(): void {
    if (this.stopped || this.running) return;
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Every due row, batch after batch. */
  async drain(): Promise<void> {
    try {
      while (
        !this.stopped &&
        (await this.repository.dispatchOutbox(BATCH_SIZE, async (row) => {
          await this.queue.add(row.job_name, row.payload, { jobId: row.job_id });
        })) === BATCH_SIZE
      );
      this.lastProblem = '';
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastProblem) this.logger.warn(`webhook relay: ${message}`);
      this.lastProblem = message;
    }
  }
}
