import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppConfig } from '@homecare/common';
import {
  EMAIL_QUEUE,
  MAINTENANCE_QUEUE,
  PLANNING_QUEUE,
  redisConnectionFromUrl,
  ROSTER_QUEUE,
  WEBHOOK_QUEUE,
} from '@homecare/jobs';

/** Every queue whose depth /metrics reports; a new queue is added here. */
export const MEASURED_QUEUES = [
  ROSTER_QUEUE,
  MAINTENANCE_QUEUE,
  PLANNING_QUEUE,
  EMAIL_QUEUE,
  WEBHOOK_QUEUE,
] as const;

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'waiting-children'] as const;

/** What a finished solve achieved, as the worker saw it (fractions and counts, no names). */
export interface SolveQuality {
  coverage: number;
  caregiversPerClient: number;
  unassigned: number;
  seconds: number;
}

/**
 * The process's Prometheus metrics (prom-client), one registry per process: the API serves it at
 * /metrics, the worker on WORKER_METRICS_PORT. Labels are route templates, queue and job names
 * only: never an id or anything personal, so the scrape can be shared with operators freely.
 */
@Injectable()
export class MetricsService implements OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly queues = new Map<string, Queue>();

  readonly httpRequests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, with their duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobs = new Histogram({
    name: 'job_duration_seconds',
    help: 'Jobs run by this worker by queue, job name and outcome (completed or failed), with their duration',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  private readonly solveCoverage = new Histogram({
    name: 'roster_solve_coverage_ratio',
    help: 'Share of visits a finished solve covered',
    buckets: [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 1],
    registers: [this.registry],
  });

  private readonly solveContinuity = new Histogram({
    name: 'roster_solve_caregivers_per_client',
    help: 'Distinct caregivers per client of a finished solve (lower is better continuity)',
    buckets: [1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 6],
    registers: [this.registry],
  });

  private readonly solveUnassigned = new Counter({
    name: 'roster_solve_unassigned_visits_total',
    help: 'Visits that finished solves left without a caregiver',
    registers: [this.registry],
  });

  private readonly solveSeconds = new Histogram({
    name: 'roster_solve_seconds',
    help: 'Wall time of finished solves',
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120],
    registers: [this.registry],
  });

  constructor(private readonly config: ConfigService<AppConfig, true>) {
    collectDefaultMetrics({ register: this.registry });
    const collectQueueDepth = (gauge: Gauge<'queue' | 'state'>) => this.collectQueueDepth(gauge);
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each queue by state, read from Redis when scraped',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      // prom-client calls this with the gauge as `this` at every scrape.
      async collect() {
        await collectQueueDepth(this);
      },
    });
  }

  recordSolve(quality: SolveQuality): void {
    this.solveCoverage.observe(quality.coverage);
    this.solveContinuity.observe(quality.caregiversPerClient);
    this.solveUnassigned.inc(quality.unassigned);
    this.solveSeconds.observe(quality.seconds);
  }

  /** A job's outcome, from BullMQ's own timestamps (processedOn to finishedOn). */
  recordJob(
    queue: string,
    job: { name: string; processedOn?: number; finishedOn?: number },
    outcome: string,
  ): void {
    if (job.processedOn === undefined || job.finishedOn === undefined) return;
    this.jobs.observe(
      { queue, job: job.name, outcome },
      Math.max(0, job.finishedOn - job.processedOn) / 1000,
    );
  }

  async scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
  }

  // A scrape while Redis is away still answers, without the queue figures (logged once per scrape).
  private async collectQueueDepth(gauge: Gauge<'queue' | 'state'>): Promise<void> {
    gauge.reset();
    await Promise.all(
      MEASURED_QUEUES.map(async (name) => {
        try {
          const counts = await this.queue(name).getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) gauge.set({ queue: name, state }, counts[state] ?? 0);
        } catch (error) {
          this.logger.debug(`queue depth of ${name}: ${(error as Error).message}`);
        }
      }),
    );
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: {
          ...redisConnectionFromUrl(this.config.get('REDIS_URL', { infer: true })),
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
        },
        prefix: this.config.get('QUEUE_PREFIX', { infer: true }),
      });
      queue.on('error', (error) => this.logger.debug(`metrics queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
