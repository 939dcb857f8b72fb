import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import type { AppConfig } from '@homecare/common';
import { EMAIL_JOB_OPTIONS, EMAIL_QUEUE, redisConnectionFromUrl } from '@homecare/jobs';
import { EmailOutboxRepository } from './email-outbox.repository';

const POLL_INTERVAL_MS = 1000;
const BATCH_SIZE = 50;

/**
 * Moves the email rows of the outbox into the `email` queue. Runs in every worker (the API only
 * writes rows). Job ids are deterministic (one per record), so a row dispatched twice after a crash
 * between add and mark is still one email. While Redis is away, rows wait.
 */
@Injectable()
export class EmailRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailRelay.name);
  readonly queue: Queue;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastProblem = '';

  constructor(
    private readonly outbox: EmailOutboxRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.queue = new Queue(EMAIL_QUEUE, {
      connection: {
        ...redisConnectionFromUrl(config.get('REDIS_URL', { infer: true })),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      },
      prefix: config.get('QUEUE_PREFIX', { infer: true }),
      defaultJobOptions: EMAIL_JOB_OPTIONS,
    });
    this.queue.on('error', (error) => this.logger.debug(`email queue: ${error.message}`));
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
        (await this.outbox.dispatchBatch(BATCH_SIZE, async (row) => {
          await this.queue.add(row.job_name, row.payload, { jobId: row.job_id });
        })) === BATCH_SIZE
      );
      this.lastProblem = '';
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastProblem) this.logger.warn(`email relay: ${message}`);
      this.lastProblem = message;
    }
  }
}
