import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { WEBHOOK_QUEUE, webhookJobOptions } from '@homecare/jobs';
import { QueueOutboxRelay, QueueOutboxRepository } from '../shared';

/** Moves the webhook rows of the outbox into the `webhooks` queue (one job per delivery). */
@Injectable()
export class WebhookRelay extends QueueOutboxRelay {
  constructor(outbox: QueueOutboxRepository, config: ConfigService<AppConfig, true>) {
    super(
      outbox,
      config,
      WEBHOOK_QUEUE,
      webhookJobOptions(config.get('WEBHOOK_RETRY_DELAY_MS', { infer: true })),
    );
  }
}
