import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, ConflictError, InvalidInputError, machineTime } from '@homecare/common';
import type { PasswordReset, UserAccount } from '@homecare/database';
import { EMAIL_QUEUE, type SendPasswordResetEmailJob, emailJobId } from '@homecare/jobs';
import { normaliseEmail } from './auth.service';
import { EmailedLinks } from './emailed-links';
import { hashOpaqueToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';
import { PasswordResetRepository } from './password-reset.repository';
import { SessionRevocations } from './session-revocations';

/** How long a reset link works. */
export const PASSWORD_RESET_LIFETIME_MS = 3600 * 1000;

/**
 * Password reset by a one-time emailed link. Asking says nothing about whether the address has
 * an account (the answer is the same either way); setting the password uses the link up and ends
 * every sign-in of the account, so whoever knew the old password is signed out too.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly repository: PasswordResetRepository,
    private readonly links: EmailedLinks,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionRevocations,
    private readonly clock: Clock,
  ) {}

  /** Records a reset and its email for an enabled account with this address; nothing otherwise. */
  async request(email: string): Promise<void> {
    if (!this.links.emailOn) {
      this.logger.warn('a password reset was asked for, but email is off (SMTP_URL is not set)');
      return;
    }
    const id = randomUUID();
    const job: SendPasswordResetEmailJob = { name: 'send-password-reset', data: { resetId: id } };
    await this.repository.record(
      normaliseEmail(email),
      {
        id,
        tokenHash: hashOpaqueToken(this.links.tokenFor('password-reset', id)),
        expiresAt: new Date(this.clock.nowMs() + PASSWORD_RESET_LIFETIME_MS),
      },
      {
        queueName: EMAIL_QUEUE,
        jobName: job.name,
        jobId: emailJobId(job),
        payload: job.data,
        availableAt: machineTime.now(),
      },
    );
  }

  /** Sets the password with a link's token, uses the link up and ends every sign-in of the account. */
  async confirm(token: string, password: string): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    const nowMs = this.clock.nowMs();
    const families = await this.repository.use(
      hashOpaqueToken(token),
      (reset: PasswordReset | null, user: UserAccount | null) => {
        if (!reset)
          throw new InvalidInputError(
            'This password reset link is not known.',
            [{ path: 'body.token', message: 'is not a password reset link' }],
            'password-reset.unknown',
          );
        if (reset.usedAt)
          throw new ConflictError('This password reset link has been used already; ask for a new one.', {
            code: 'password-reset.used',
          });
        // A disabled account's links count as expired: enabling it again does not revive them.
        if (reset.expiresAt.getTime() <= nowMs || !user || user.disabledAt)
          throw new ConflictError('This password reset link has expired; ask for a new one.', {
            code: 'password-reset.expired',
          });
      },
      passwordHash,
      this.clock.now(),
      machineTime.now(),
    );
    await this.sessions.revoked(families);
  }
}
