import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { AppConfig } from '@homecare/common';
import { MetricsService } from '@homecare/core/metrics';
import { REDIS } from '@homecare/core/redis';
import { redisConnectionFromUrl, ROSTER_QUEUE, type RosterJob } from '@homecare/jobs';
import { RosterProcessor, type RosterJobOf } from './roster.processor';

// A job whose worker died is taken over; one that keeps killing its worker fails eventually.
const MAX_STALLED_COUNT = 3;

/**
 * The BullMQ worker of the roster queue, created here rather than with @Processor because its
 * lock, stalled-job and shutdown settings come from the validated configuration.
 */
@Injectable()
export class RosterWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RosterWorker.name);
  private worker: Worker<RosterJob['data'], unknown, string> | undefined;
  private lastError = '';

  constructor(
    private readonly config: ConfigService<AppConfig, true>,
    private readonly processor: RosterProcessor,
    private readonly metrics: MetricsService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.processor.warm(this.config.get('WORKER_CONCURRENCY', { infer: true }));
    const worker = new Worker<RosterJob['data'], unknown, string>(
      ROSTER_QUEUE,
      (job, token) => this.processor.process(job as RosterJobOf, token),
      {
        // Workers must wait for Redis forever (maxRetriesPerRequest: null) and resume by themselves.
        connection: {
          ...redisConnectionFromUrl(this.config.get('REDIS_URL', { infer: true })),
          maxRetriesPerRequest: null,
        },
        prefix: this.config.get('QUEUE_PREFIX', { infer: true }),
        // Stored on every job it takes (`processedBy`): which process ran a job, for operators and the fault suite.
        name: `${hostname()}:${process.pid}`,
        concurrency: this.config.get('WORKER_CONCURRENCY', { infer: true }),
        lockDuration: this.config.get('WORKER_LOCK_DURATION_MS', { infer: true }),
        stalledInterval: this.config.get('WORKER_STALLED_INTERVAL_MS', { infer: true }),
        maxStalledCount: MAX_STALLED_COUNT,
      },
    );
    this.worker = worker;
    worker.on('error', (error) => {
      // Repeats while Redis is away; once per distinct message is enough.
      if (error.message !== this.lastError) this.logger.warn(`roster worker: ${error.message}`);
      this.lastError = error.message;
    });
    worker.on('ready', () => {
      if (this.lastError) this.logger.log('roster worker: connected to Redis again');
      this.lastError = '';
    });
    worker.on('closed', () => this.logger.log('roster worker closed'));
    worker.on('completed', (job) => this.metrics.recordJob(ROSTER_QUEUE, job, 'completed'));
    worker.on('failed', (job, error) => {
      if (job) this.metrics.recordJob(ROSTER_QUEUE, job, 'failed');
      this.processor
        .recordGivenUp(job as RosterJobOf | undefined, error)
        .catch((markError: unknown) =>
          this.logger.warn(`could not record a failed job: ${(markError as Error).message}`),
        );
    });
    void this.checkEvictionPolicy();
  }

  /**
   * SIGTERM: stop taking jobs, abort the solves under way (their jobs go back to the queue) and
   * wait for the worker to close, but never longer than the deadline: `worker.close()` alone can
   * wait forever, and a job whose lock lapses is taken over by another worker anyway.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const timeoutMs = this.config.get('WORKER_SHUTDOWN_TIMEOUT_MS', { infer: true });
    const deadline = setTimeout(() => {
      this.logger.error(`shutdown took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    const closing = worker.close();
    this.processor.abortAll();
    await closing;
    clearTimeout(deadline);
  }

  /** Evicted keys are lost jobs: warn when Redis may evict (CONFIG may be disabled; then say nothing). */
  private async checkEvictionPolicy(): Promise<void> {
    try {
      if (this.redis.status !== 'ready')
        await new Promise((resolve, reject) => {
          this.redis.once('ready', resolve);
          setTimeout(() => reject(new Error('Redis is not connected')), 10_000).unref();
        });
      const reply = (await this.redis.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply[1];
      if (policy && policy !== 'noeviction')
        this.logger.warn(`Redis maxmemory-policy is ${policy}; queues need noeviction or jobs may be lost`);
    } catch (error) {
      this.logger.debug(`could not read maxmemory-policy: ${(error as Error).message}`);
    }
  }
}
