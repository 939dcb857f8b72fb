import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { type DefaultJobOptions, Queue } from 'bullmq';
import type { AppConfig } from '@homecare/common';
import { redisConnectionFromUrl } from '@homecare/jobs';
import type { QueueOutboxRepository } from './queue-outbox.repository';

const POLL_INTERVAL_MS = 1000;
const BATCH_SIZE = 50;

/**
 * Moves one queue's rows of the outbox into that BullMQ queue. Runs in every worker (the API only
 * writes rows). Job ids are deterministic (one per record), so a row dispatched twice after a
 * crash between add and mark is still one job. While Redis is away, rows wait. A feature's relay
 * (email, webhooks) extends this with its queue's name and job options.
 */
export abstract class QueueOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  readonly queue: Queue;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastProblem = '';

  protected constructor(
    private readonly outbox: QueueOutboxRepository,
    config: ConfigService<AppConfig, true>,
    private readonly queueName: string,
    defaultJobOptions: DefaultJobOptions,
  ) {
    this.logger = new Logger(new.target.name);
    this.queue = new Queue(queueName, {
      connection: {
        ...redisConnectionFromUrl(config.get('REDIS_URL', { infer: true })),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      },
      prefix: config.get('QUEUE_PREFIX', { infer: true }),
      defaultJobOptions,
    });
    this.queue.on('error', (error) => this.logger.debug(`${queueName} queue: ${error.message}`));
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
        (await this.outbox.dispatchBatch(this.queueName, BATCH_SIZE, async (row) => {
          await this.queue.add(row.job_name, row.payload, { jobId: row.job_id });
        })) === BATCH_SIZE
      );
      this.lastProblem = '';
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastProblem) this.logger.warn(`${this.queueName} relay: ${message}`);
      this.lastProblem = message;
    }
  }
}
