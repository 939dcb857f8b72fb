import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { type AppConfig, Clock, InvalidInputError, machineTime } from '@homecare/common';
import { NOTIFICATION_KINDS, type NotificationKind } from '@homecare/database';
import { EMAIL_QUEUE, type EmailJob, emailJobId } from '@homecare/jobs';
import { DEFAULT_ZONE, nextDigest, quietUntil } from './email-timing';
import type { NotificationPreferencesView } from './notification-preferences.view';
import {
  NotificationPreferencesRepository,
  type OutboxJob,
  type PreferenceRow,
} from './notification-preferences.repository';

export interface PreferencesInput {
  language?: 'nl' | 'en';
  email?: Partial<Record<NotificationKind, boolean>>;
  dailyDigest?: boolean;
  quietHours?: { start: string; end: string } | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function quietOf(row: PreferenceRow): { start: string; end: string } | null {
  return row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null;
}

/**
 * How each person hears of their notifications besides the feed, and the email jobs that follows
 * from it. Jobs are written to the outbox in the transaction of the notification, so a message
 * committed is emailed even when the process dies right after the commit.
 */
@Injectable()
export class NotificationPreferencesService {
  private readonly emailOn: boolean;

  constructor(
    private readonly repository: NotificationPreferencesRepository,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.emailOn = Boolean(config.get('SMTP_URL', { infer: true }));
  }

  async get(userId: string): Promise<NotificationPreferencesView> {
    const [row] = await this.repository.of(undefined, [userId]);
    if (!row) throw new InvalidInputError('This account cannot have preferences.');
    return toView(row);
  }

  async put(userId: string, input: PreferencesInput): Promise<NotificationPreferencesView> {
    const current = await this.get(userId);
    const unknown = Object.keys(input.email ?? {}).filter(
      (kind) => !(NOTIFICATION_KINDS as readonly string[]).includes(kind),
    );
    if (unknown.length > 0)
      throw new InvalidInputError(
        `No such kind of notification: ${unknown.join(', ')}`,
        unknown.map((kind) => ({ path: `body.email.${kind}`, message: 'is not a kind of notification' })),
        'notification-preferences.unknown-kind',
      );
    const quiet = input.quietHours === undefined ? current.quietHours : input.quietHours;
    if (quiet && (!TIME.test(quiet.start) || !TIME.test(quiet.end) || quiet.start === quiet.end))
      throw new InvalidInputError(
        'Quiet hours are two different local times HH:MM (an end before the start spans midnight).',
        [{ path: 'body.quietHours', message: 'start and end must be different times HH:MM' }],
        'notification-preferences.quiet-hours-invalid',
      );
    const email = { ...current.email, ...input.email };
    await this.repository.save(userId, {
      language: input.language ?? current.language,
      emailOff: NOTIFICATION_KINDS.filter((kind) => email[kind] === false),
      dailyDigest: input.dailyDigest ?? current.dailyDigest,
      quietStart: quiet?.start ?? null,
      quietEnd: quiet?.end ?? null,
    });
    return this.get(userId);
  }

  /**
   * Records, in the caller's transaction, the emails the written notifications call for: one per
   * notification (after the quiet hours, if it is quiet), or the person's daily digest. Nothing
   * when email is off (no SMTP_URL) or the person switched this kind off.
   */
  async enqueueEmails(
    manager: EntityManager,
    written: Array<{ id: string; userId: string; kind: NotificationKind }>,
  ): Promise<void> {
    if (!this.emailOn || written.length === 0) return;
    const rows = await this.repository.of(manager, [...new Set(written.map((w) => w.userId))]);
    const byUser = new Map(rows.map((row) => [row.user_id, row]));
    const nowMs = this.clock.nowMs();
    const jobs: OutboxJob[] = [];
    for (const notification of written) {
      const row = byUser.get(notification.userId);
      if (!row || row.email_off.includes(notification.kind)) continue;
      const zone = row.zone ?? DEFAULT_ZONE;
      let job: EmailJob;
      let atMs: number;
      if (row.daily_digest) {
        const digest = nextDigest(nowMs, zone, quietOf(row));
        job = { name: 'send-digest', data: { userId: row.user_id, day: digest.day } };
        atMs = digest.atMs;
      } else {
        job = { name: 'send-notification', data: { notificationId: notification.id } };
        atMs = quietUntil(nowMs, zone, quietOf(row)) ?? nowMs;
      }
      jobs.push({
        queueName: EMAIL_QUEUE,
        jobName: job.name,
        jobId: emailJobId(job),
        payload: job.data,
        // The outbox runs on the machine's time: the wait is as long as the clock says.
        availableAt: new Date(machineTime.nowMs() + Math.max(0, atMs - nowMs)),
      });
    }
    await this.repository.enqueue(manager, jobs);
  }
}

function toView(row: PreferenceRow): NotificationPreferencesView {
  return {
    language: row.language,
    email: Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, !row.email_off.includes(kind)]),
    ) as Record<NotificationKind, boolean>,
    dailyDigest: row.daily_digest,
    quietHours: quietOf(row),
    timeZone: row.zone ?? DEFAULT_ZONE,
  };
}
