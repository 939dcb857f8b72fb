import { Processor } from '@nestjs/bullmq';
import { MeasuredWorkerHost } from '../metrics/measured-worker-host';
import type { Job } from 'bullmq';
import { WebhookSender, type WebhookOutcome } from '@homecare/core/webhooks';
import { WEBHOOK_QUEUE, type WebhookJob } from '@homecare/jobs';

/**
 * Posts one event to one receiver per job. A receiver that is down or answers other than 2xx
 * fails the job, which BullMQ tries again with exponential backoff (webhookJobOptions); each try
 * is in the delivery log. The job's data is an id: no address, secret or body in Redis.
 */
@Processor(WEBHOOK_QUEUE)
export class WebhookProcessor extends MeasuredWorkerHost {
  constructor(private readonly sender: WebhookSender) {
    super();
  }

  process(job: Job<WebhookJob['data'], WebhookOutcome, WebhookJob['name']>): Promise<WebhookOutcome> {
    return this.sender.deliver(job.data.deliveryId, job.attemptsMade + 1);
  }
}
