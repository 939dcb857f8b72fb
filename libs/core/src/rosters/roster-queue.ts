import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { FlowProducer, Queue, type ConnectionOptions } from 'bullmq';
import type Redis from 'ioredis';
import { ServiceUnavailableError, type AppConfig } from '@homecare/common';
import { DEFAULT_JOB_OPTIONS, redisConnectionFromUrl, ROSTER_QUEUE } from '@homecare/jobs';
import { REDIS } from '../redis';

const PING_TIMEOUT_MS = 1000;

/** Commands fail at once while Redis is away (no offline queue), so a producer never hangs a request. */
export function producerConnection(url: string): ConnectionOptions {
  return { ...redisConnectionFromUrl(url), enableOfflineQueue: false, maxRetriesPerRequest: 1 };
}

/**
 * The producer side of the roster queue, shared by the API and the worker (both run the outbox
 * relay): the queue, a flow producer for organisation-wide runs, and a fast reachability check.
 */
@Injectable()
export class RosterQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(RosterQueue.name);
  readonly queue: Queue;
  readonly flows: FlowProducer;

  constructor(
    config: ConfigService<AppConfig, true>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    const connection = producerConnection(config.get('REDIS_URL', { infer: true }));
    const prefix = config.get('QUEUE_PREFIX', { infer: true });
    this.queue = new Queue(ROSTER_QUEUE, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    this.flows = new FlowProducer({ connection, prefix });
    // Connection errors are expected while Redis restarts; ioredis reconnects by itself.
    this.queue.on('error', (error) => this.logger.debug(`roster queue: ${error.message}`));
    this.flows.on('error', (error) => this.logger.debug(`flow producer: ${error.message}`));
  }

  /** 503 at once when Redis does not answer a ping quickly. */
  async assertReachable(): Promise<void> {
    try {
      await withTimeout(this.redis.ping(), PING_TIMEOUT_MS, 'redis ping');
    } catch {
      throw new ServiceUnavailableError('The roster queue is unavailable; try again shortly.');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.queue.close(), this.flows.close()]);
  }
}

/** Rejects when the promise has not settled within the time; the promise itself is left to settle. */
export function withTimeout<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
