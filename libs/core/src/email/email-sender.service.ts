import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@homecare/common';
import type { EmailJob } from '@homecare/jobs';
import { EmailedLinks } from '../auth';
import { DEFAULT_ZONE, renderNotification } from '../notifications';
import {
  digestEmail,
  invitationEmail,
  notificationEmail,
  passwordResetEmail,
  type RenderedEmail,
} from './email-templates';
import { EmailRepository, type Recipient } from './email.repository';
import { MailTransport } from './mail-transport';

const firstWord = (text: string | null | undefined): string | null => text?.trim().split(/\s+/)[0] || null;

/** What one email job did: sent, or skipped because its reason went away meanwhile. */
export type EmailOutcome = { sent: true; messageId: string } | { sent: false; reason: string };

/**
 * Writes and sends the email of one job, from what the database says now: the job carries an id
 * only. An email whose reason has gone (read, accepted, revoked, used, expired) is not sent.
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);

  constructor(
    private readonly repository: EmailRepository,
    private readonly transport: MailTransport,
    private readonly links: EmailedLinks,
    private readonly clock: Clock,
  ) {}

  async send(job: EmailJob): Promise<EmailOutcome> {
    const email = await this.render(job);
    if ('reason' in email) {
      this.logger.log(`${job.name}: not sent (${email.reason})`);
      return { sent: false, reason: email.reason };
    }
    const messageId = await this.transport.send(email.to.email, email.content);
    return { sent: true, messageId };
  }

  private async render(
    job: EmailJob,
  ): Promise<{ to: Recipient; content: RenderedEmail } | { reason: string }> {
    switch (job.name) {
      case 'send-notification': {
        const { notificationId } = job.data;
        const notification = await this.repository.notification(notificationId);
        if (!notification) return { reason: 'gone' };
        if (notification.read) return { reason: 'read already' };
        const text = renderNotification(
          notification.kind,
          notification.params,
          notification.count,
          notification.language,
        );
        return {
          to: notification,
          content: notificationEmail({ text, url: this.appUrl(notification.link) }, notification.language),
        };
      }
      case 'send-invitation': {
        const { invitationId } = job.data;
        const invitation = await this.repository.invitation(invitationId);
        if (!invitation) return { reason: 'gone' };
        if (!invitation.open) return { reason: 'accepted, revoked or expired' };
        const place =
          invitation.kind === 'caregiver'
            ? invitation.teamName
            : invitation.kind === 'family'
              ? firstWord(invitation.clientName)
              : invitation.organisationName;
        return {
          to: invitation,
          content: invitationEmail(
            {
              firstName: invitation.firstName,
              inviterFirstName: firstWord(invitation.inviterName),
              kind: invitation.kind,
              place,
              url: this.links.url('invitation', invitationId),
              expiresAt: invitation.expiresAt,
              zone: invitation.zone ?? DEFAULT_ZONE,
            },
            invitation.language,
          ),
        };
      }
      case 'send-password-reset': {
        const { resetId } = job.data;
        const reset = await this.repository.passwordReset(resetId);
        if (!reset) return { reason: 'gone' };
        if (!reset.open || reset.expiresAt.getTime() <= this.clock.nowMs())
          return { reason: 'used or expired' };
        return {
          to: reset,
          content: passwordResetEmail({ url: this.links.url('password-reset', resetId) }, reset.language),
        };
      }
      case 'send-digest': {
        const { userId } = job.data;
        const digest = await this.repository.digest(userId, new Date(this.clock.nowMs() - 24 * 3600 * 1000));
        if (!digest) return { reason: 'gone' };
        if (digest.notifications.length === 0) return { reason: 'nothing unread' };
        const { language } = digest.recipient;
        return {
          to: digest.recipient,
          content: digestEmail(
            {
              texts: digest.notifications.map((n) => renderNotification(n.kind, n.params, n.count, language)),
              url: this.appUrl('/notifications'),
            },
            language,
          ),
        };
      }
    }
  }

  /** A web app path as an address to open. */
  private appUrl(path: string): string {
    return `${this.links.publicUrl}/app${path.startsWith('/') ? path : `/${path}`}`;
  }
}
