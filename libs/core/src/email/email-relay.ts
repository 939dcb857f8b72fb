import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { EMAIL_JOB_OPTIONS, EMAIL_QUEUE } from '@homecare/jobs';
import { QueueOutboxRelay, QueueOutboxRepository } from '../shared';

/** Moves the email rows of the outbox into the `email` queue (one email per record). */
@Injectable()
export class EmailRelay extends QueueOutboxRelay {
  constructor(outbox: QueueOutboxRepository, config: ConfigService<AppConfig, true>) {
    super(outbox, config, EMAIL_QUEUE, EMAIL_JOB_OPTIONS);
  }
}
