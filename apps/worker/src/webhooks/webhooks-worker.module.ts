import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WebhookDeliveryModule } from '@homecare/core/webhooks';
import { WEBHOOK_QUEUE } from '@homecare/jobs';
import { WebhookProcessor } from './webhook.processor';

/** Webhook delivery: the outbox relay of the webhooks queue and its consumer. */
@Module({
  imports: [BullModule.registerQueue({ name: WEBHOOK_QUEUE }), WebhookDeliveryModule],
  providers: [WebhookProcessor],
})
export class WebhooksWorkerModule {}
