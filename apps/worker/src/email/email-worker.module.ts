import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EmailModule } from '@homecare/core/email';
import { EMAIL_QUEUE } from '@homecare/jobs';
import { EmailProcessor } from './email.processor';

/** Email delivery: the outbox relay of the email queue and its consumer. */
@Module({
  imports: [BullModule.registerQueue({ name: EMAIL_QUEUE }), EmailModule],
  providers: [EmailProcessor],
})
export class EmailWorkerModule {}
