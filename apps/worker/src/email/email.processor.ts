import { Processor } from '@nestjs/bullmq';
import { MeasuredWorkerHost } from '../metrics/measured-worker-host';
import { type Job, UnrecoverableError } from 'bullmq';
import { EmailSender, type EmailOutcome, PermanentMailError } from '@homecare/core/email';
import { EMAIL_QUEUE, type EmailJob } from '@homecare/jobs';

/**
 * Sends one email per job. A failure is retried with exponential backoff (EMAIL_JOB_OPTIONS); a
 * refusal the mail server says is final is not. The job's data is an id: nothing personal in Redis.
 */
@Processor(EMAIL_QUEUE)
export class EmailProcessor extends MeasuredWorkerHost {
  constructor(private readonly sender: EmailSender) {
    super();
  }

  async process(job: Job<EmailJob['data'], EmailOutcome, EmailJob['name']>): Promise<EmailOutcome> {
    try {
      return await this.sender.send({ name: job.name, data: job.data } as EmailJob);
    } catch (error) {
      if (error instanceof PermanentMailError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
