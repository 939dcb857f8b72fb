import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MetricsService } from '@homecare/core/metrics';

/**
 * A queue consumer whose jobs are timed for /metrics (job_duration_seconds by queue, job name and
 * outcome). Every @Processor of the worker extends this instead of WorkerHost.
 */
export abstract class MeasuredWorkerHost extends WorkerHost {
  // A property, not a constructor parameter, so that consumers keep their own constructors.
  @Inject(MetricsService) private readonly jobMetrics!: MetricsService;

  @OnWorkerEvent('completed')
  onJobCompleted(job: Job): void {
    this.jobMetrics.recordJob(job.queueName, job, 'completed');
  }

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined): void {
    if (job) this.jobMetrics.recordJob(job.queueName, job, 'failed');
  }
}
