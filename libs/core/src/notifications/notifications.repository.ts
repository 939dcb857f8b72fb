import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationKind } from '@homecare/database';

/** A message to write; `userId` is who reads it. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  /** Unread messages with the same key become one, with a count. */
  groupKey?: string;
  /**
   * Written at most once per person and key, read or not (a reminder a redelivered job must not
   * repeat). Needs a groupKey.
   */
  once?: boolean;
}

/** A member of a team who can read messages: their caregiver record and their account. */
export interface Reader {
  caregiverId: string;
  userId: string;
}

/** A visit as far as telling its client's family goes. */
export interface VisitOfClient {
  visitId: string;
  clientId: string;
  earliestStart: Date;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  count: number;
  created_at: Date;
  read_at: Date | null;
}

/** Every statement of the notification feed. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes the messages inside the caller's transaction. A grouped message that is still unread
   * is updated instead (newest params, count + 1, moved to the top), so a recompute that moves
   * twenty visits leaves one message, not twenty.
   */
  async insert(
    manager: EntityManager,
    notifications: NewNotification[],
    at: Date,
  ): Promise<Array<{ id: string; userId: string; kind: NotificationKind }>> {
    if (notifications.length === 0) return [];
    const written = await manager.query<Array<{ id: string; user_id: string; kind: NotificationKind }>>(
      `INSERT INTO notification (user_id, kind, params, link, group_key, created_at)
       SELECT n.user_id, n.kind, n.params, n.link, n.group_key, $2
         FROM jsonb_to_recordset($1::jsonb)
           AS n(user_id uuid, kind text, params jsonb, link text, group_key text, once boolean)
        WHERE NOT (n.once AND EXISTS (
                SELECT 1 FROM notification o WHERE o.user_id = n.user_id AND o.group_key = n.group_key))
       ON CONFLICT (user_id, group_key) WHERE read_at IS NULL AND group_key IS NOT NULL
       DO UPDATE SET params = EXCLUDED.params, link = EXCLUDED.link,
                     count = notification.count + 1, created_at = EXCLUDED.created_at
       RETURNING id, user_id, kind`,
      [
        JSON.stringify(
          notifications.map((notification) => ({
            user_id: notification.userId,
            kind: notification.kind,
            params: notification.params,
            link: notification.link,
            group_key: notification.groupKey ?? null,
            once: notification.once === true && notification.groupKey !== undefined,
          })),
        ),
        at,
      ],
    );
    return written.map((row) => ({ id: row.id, userId: row.user_id, kind: row.kind }));
  }

  /** Newest first; `before` (an id) continues a page. */
  async list(
    userId: string,
    options: { unreadOnly: boolean; limit: number; before?: string },
  ): Promise<NotificationRow[]> {
    return this.dataSource.query(
      `SELECT id, kind, params, link, count, created_at, read_at
         FROM notification n
        WHERE user_id = $1
          AND ($2::boolean IS FALSE OR read_at IS NULL)
          AND ($3::uuid IS NULL OR (created_at, id) < (
                SELECT created_at, id FROM notification WHERE id = $3 AND user_id = $1))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [userId, options.unreadOnly, options.before ?? null, options.limit],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row.count;
  }

  /** Marks the given messages (or all when `ids` is undefined) read; returns how many changed. */
  async markRead(userId: string, ids: string[] | undefined, at: Date): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ count: number }>>(
      `WITH marked AS (
         UPDATE notification SET read_at = $3
          WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
          RETURNING 1)
       SELECT count(*)::int AS count FROM marked`,
      [userId, ids ?? null, at],
    );
    return row.count;
  }

  /** Family members who follow the client (an active access link): who hears of its visits. */
  async followersOfClient(manager: EntityManager, clientId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ user_id: string }>>(
      `SELECT DISTINCT user_id FROM client_access_link WHERE client_id = $1 AND revoked_at IS NULL`,
      [clientId],
    );
    return rows.map((row) => row.user_id);
  }

  /** The active members of a team who have an account (only they read the feed). */
  async membersOfTeam(manager: EntityManager, teamId: string): Promise<Reader[]> {
    const rows = await manager.query<Array<{ id: string; user_id: string }>>(
      `SELECT id, user_id FROM caregiver WHERE team_id = $1 AND active AND user_id IS NOT NULL`,
      [teamId],
    );
    return rows.map((row) => ({ caregiverId: row.id, userId: row.user_id }));
  }

  /** The accounts of the given caregivers (those who have one). */
  async readersOf(manager: EntityManager, caregiverIds: string[]): Promise<Reader[]> {
    if (caregiverIds.length === 0) return [];
    const rows = await manager.query<Array<{ id: string; user_id: string }>>(
      `SELECT id, user_id FROM caregiver WHERE id = ANY($1::uuid[]) AND user_id IS NOT NULL`,
      [caregiverIds],
    );
    return rows.map((row) => ({ caregiverId: row.id, userId: row.user_id }));
  }

  /** The coordinators of an organisation: who approves its pay periods. */
  async coordinatorsOf(manager: EntityManager, organisationId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM user_account WHERE organisation_id = $1 AND role = 'coordinator'`,
      [organisationId],
    );
    return rows.map((row) => row.id);
  }

  /** Visits with their client, those still to come at `from` only. */
  async comingVisitsOf(manager: EntityManager, visitIds: string[], from: Date): Promise<VisitOfClient[]> {
    if (visitIds.length === 0) return [];
    const rows = await manager.query<Array<{ id: string; client_id: string; earliest_start: Date }>>(
      `SELECT id, client_id, earliest_start FROM visit
        WHERE id = ANY($1::uuid[]) AND earliest_start >= $2 AND status <> 'cancelled'`,
      [visitIds, from],
    );
    return rows.map((row) => ({
      visitId: row.id,
      clientId: row.client_id,
      earliestStart: new Date(row.earliest_start),
    }));
  }
}
