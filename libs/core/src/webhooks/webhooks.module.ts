import { Module } from '@nestjs/common';
import { QueueOutboxRepository } from '../shared';
import { WebhookEvents } from './webhook-events';
import { WebhookRelay } from './webhook-relay';
import { WebhookSender } from './webhook-sender';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Webhooks for the API and the features: an organisation's subscriptions, and the events the
 * features emit in their own transactions.
 */
@Module({
  providers: [WebhooksRepository, WebhookEvents, WebhookSubscriptionsService],
  exports: [WebhookEvents, WebhookSubscriptionsService],
})
export class WebhooksModule {}

/** Webhook delivery, for the worker: the relay from the outbox to the queue, and the sender. */
@Module({
  providers: [WebhooksRepository, QueueOutboxRepository, WebhookRelay, WebhookSender],
  exports: [WebhookSender],
})
export class WebhookDeliveryModule {}
