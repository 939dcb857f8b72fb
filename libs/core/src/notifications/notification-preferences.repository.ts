import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationKind } from '@homecare/database';
import { Outbox } from '@homecare/database';

export interface PreferenceRow {
  user_id: string;
  language: 'nl' | 'en';
  email_off: NotificationKind[];
  daily_digest: boolean;
  quiet_start: string | null;
  quiet_end: string | null;
  /** The person's team zone, or null when they have none. */
  zone: string | null;
}

export interface StoredPreferences {
  language: 'nl' | 'en';
  emailOff: NotificationKind[];
  dailyDigest: boolean;
  quietStart: string | null;
  quietEnd: string | null;
}

export interface OutboxJob {
  queueName: string;
  jobName: string;
  jobId: string;
  payload: Record<string, string>;
  availableAt: Date;
}

/** Every statement of the notification preferences, and the email jobs they lead to. */
@Injectable()
export class NotificationPreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The preferences (defaults where a person has no row) and the zone of the people, active
   * accounts only: a caregiver's first active team, else the team of a client they follow.
   */
  async of(manager: EntityManager | undefined, userIds: string[]): Promise<PreferenceRow[]> {
    if (userIds.length === 0) return [];
    return (manager ?? this.dataSource.manager).query(
      `SELECT u.id AS user_id,
              coalesce(p.language, 'nl') AS language,
              coalesce(p.email_off, '{}') AS email_off,
              coalesce(p.daily_digest, false) AS daily_digest,
              to_char(p.quiet_start, 'HH24:MI') AS quiet_start,
              to_char(p.quiet_end, 'HH24:MI') AS quiet_end,
              coalesce(
                (SELECT t.timezone FROM caregiver c JOIN team t ON t.id = c.team_id
                  WHERE c.user_id = u.id AND c.active ORDER BY c.created_at LIMIT 1),
                (SELECT t.timezone FROM client_access_link l JOIN client cl ON cl.id = l.client_id
                   JOIN team t ON t.id = cl.team_id
                  WHERE l.user_id = u.id AND l.revoked_at IS NULL ORDER BY l.created_at LIMIT 1)) AS zone
         FROM user_account u LEFT JOIN notification_preference p ON p.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND u.disabled_at IS NULL`,
      [userIds],
    );
  }

  async save(userId: string, preferences: StoredPreferences): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preference (user_id, language, email_off, daily_digest, quiet_start, quiet_end)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, email_off = EXCLUDED.email_off,
         daily_digest = EXCLUDED.daily_digest, quiet_start = EXCLUDED.quiet_start,
         quiet_end = EXCLUDED.quiet_end, updated_at = now()`,
      [
        userId,
        preferences.language,
        preferences.emailOff,
        preferences.dailyDigest,
        preferences.quietStart,
        preferences.quietEnd,
      ],
    );
  }

  /** Records email jobs in the caller's transaction; the email relay sends them to the queue. */
  async enqueue(manager: EntityManager, jobs: OutboxJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await manager.insert(
      Outbox,
      jobs.map((job) => ({ kind: 'job' as const, ...job })),
    );
  }
}
