import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { WebhooksModule } from '@homecare/core/webhooks';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [AccessModule, WebhooksModule],
  controllers: [WebhooksController],
})
export class WebhooksApiModule {}
