import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { InvitationKind, NotificationKind } from '@homecare/database';
import type { Language } from '../notifications';

export interface Recipient {
  email: string;
  language: Language;
}

export interface NotificationToSend extends Recipient {
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  count: number;
  read: boolean;
}

export interface InvitationToSend extends Recipient {
  kind: InvitationKind;
  firstName: string;
  inviterName: string | null;
  teamName: string | null;
  clientName: string | null;
  organisationName: string | null;
  zone: string | null;
  expiresAt: Date;
  open: boolean;
}

export interface ResetToSend extends Recipient {
  expiresAt: Date;
  open: boolean;
}

const LANGUAGE = `coalesce((SELECT p.language FROM notification_preference p WHERE p.user_id = u.id), 'nl')`;

/** What the worker reads to write an email, at send time, always from the database. */
@Injectable()
export class EmailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The notification and its reader, when their account is enabled. */
  async notification(id: string): Promise<NotificationToSend | undefined> {
    const [row] = await this.dataSource.query<NotificationToSend[]>(
      `SELECT u.email, ${LANGUAGE} AS language, n.kind, n.params, n.link, n.count, n.read_at IS NOT NULL AS read
         FROM notification n JOIN user_account u ON u.id = n.user_id
        WHERE n.id = $1 AND u.disabled_at IS NULL`,
      [id],
    );
    return row;
  }

  /** The invitation, with the names its email greets by; `open` while it can still be accepted. */
  async invitation(id: string): Promise<InvitationToSend | undefined> {
    const [row] = await this.dataSource.query<InvitationToSend[]>(
      `SELECT i.email, i.language, i.kind, i.first_name AS "firstName", u.name AS "inviterName",
              t.name AS "teamName", c.name AS "clientName", o.name AS "organisationName",
              coalesce(t.timezone, ct.timezone) AS zone, i.expires_at AS "expiresAt",
              i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() AS open
         FROM invitation i
         LEFT JOIN user_account u ON u.id = i.invited_by_user_id
         LEFT JOIN team t ON t.id = i.team_id
         LEFT JOIN client c ON c.id = i.client_id
         LEFT JOIN team ct ON ct.id = c.team_id
         LEFT JOIN organisation o ON o.id = i.organisation_id
        WHERE i.id = $1`,
      [id],
    );
    return row;
  }

  /** The reset and its account; `open` while it is unused and the account enabled. */
  async passwordReset(id: string): Promise<ResetToSend | undefined> {
    const [row] = await this.dataSource.query<ResetToSend[]>(
      `SELECT u.email, ${LANGUAGE} AS language, r.expires_at AS "expiresAt",
              r.used_at IS NULL AND u.disabled_at IS NULL AS open
         FROM password_reset r JOIN user_account u ON u.id = r.user_id
        WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  /** The person's unread notifications of the last day (newest first), for their digest. */
  async digest(
    userId: string,
    since: Date,
  ): Promise<{ recipient: Recipient; notifications: NotificationToSend[] } | undefined> {
    const [recipient] = await this.dataSource.query<Recipient[]>(
      `SELECT u.email, ${LANGUAGE} AS language FROM user_account u WHERE u.id = $1 AND u.disabled_at IS NULL`,
      [userId],
    );
    if (!recipient) return undefined;
    const notifications = await this.dataSource.query<NotificationToSend[]>(
      `SELECT n.kind, n.params, n.link, n.count, false AS read
         FROM notification n
        WHERE n.user_id = $1 AND n.read_at IS NULL AND n.created_at > $2
          AND NOT (n.kind = ANY(coalesce((SELECT p.email_off FROM notification_preference p WHERE p.user_id = $1), '{}')))
        ORDER BY n.created_at DESC LIMIT 50`,
      [userId, since],
    );
    return { recipient, notifications };
  }
}
