import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { NotificationsModule } from '../notifications';
import { QueueOutboxRepository } from '../shared';
import { EmailRelay } from './email-relay';
import { EmailRepository } from './email.repository';
import { EmailSender } from './email-sender.service';
import { MailTransport } from './mail-transport';

/**
 * Email delivery, for the worker: the relay from the outbox to the `email` queue, and the sender
 * that writes each email from the database at send time and hands it to SMTP.
 */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [QueueOutboxRepository, EmailRelay, EmailRepository, EmailSender, MailTransport],
  exports: [EmailSender],
})
export class EmailModule {}
