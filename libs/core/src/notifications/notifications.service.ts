import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, InvalidInputError } from '@homecare/common';
import { type Language, renderNotification } from './notification-texts';
import type { NotificationPage, NotificationView } from './notification.view';
import { NotificationPreferencesService } from './notification-preferences.service';
import {
  type NewNotification,
  type NotificationRow,
  NotificationsRepository,
  type Reader,
  type VisitOfClient,
} from './notifications.repository';

export const MAX_NOTIFICATION_PAGE = 100;

/**
 * Each person's notification feed. Features call `notify` inside the transaction of the change
 * that causes the messages, so that a change and its messages are written together or not at all;
 * people read, count and mark them here.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly clock: Clock,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  /**
   * Writes messages within the caller's transaction, never for the person who made the change,
   * and the emails people asked for (through the outbox, in the same transaction).
   */
  async notify(
    manager: EntityManager,
    notifications: NewNotification[],
    actorUserId?: string,
  ): Promise<void> {
    const at = this.clock.now();
    // One statement cannot update the same grouped row twice: messages that share a person and a
    // key go in rounds (first of each, then second of each), so each still counts once.
    const rounds: NewNotification[][] = [];
    const seen = new Map<string, number>();
    for (const notification of notifications) {
      if (notification.userId === actorUserId) continue;
      const key =
        notification.groupKey === undefined ? undefined : `${notification.userId}|${notification.groupKey}`;
      const round = key === undefined ? 0 : (seen.get(key) ?? 0);
      if (key !== undefined) seen.set(key, round + 1);
      (rounds[round] ??= []).push(notification);
    }
    for (const round of rounds) {
      const written = await this.repository.insert(manager, round, at);
      await this.preferences.enqueueEmails(manager, written);
    }
  }

  /** Family members following a client, to be told about its visits. */
  followersOfClient(manager: EntityManager, clientId: string): Promise<string[]> {
    return this.repository.followersOfClient(manager, clientId);
  }

  /** The active members of a team who have an account. */
  membersOfTeam(manager: EntityManager, teamId: string): Promise<Reader[]> {
    return this.repository.membersOfTeam(manager, teamId);
  }

  /** The accounts of the given caregivers (those who have one). */
  readersOf(manager: EntityManager, caregiverIds: string[]): Promise<Reader[]> {
    return this.repository.readersOf(manager, caregiverIds);
  }

  /** The coordinators of an organisation. */
  coordinatorsOf(manager: EntityManager, organisationId: string): Promise<string[]> {
    return this.repository.coordinatorsOf(manager, organisationId);
  }

  /** Of the given visits, those still to come (by the clock), with their client. */
  comingVisitsOf(manager: EntityManager, visitIds: string[]): Promise<VisitOfClient[]> {
    return this.repository.comingVisitsOf(manager, visitIds, this.clock.now());
  }

  async list(
    userId: string,
    options: { unreadOnly?: boolean; limit?: number; before?: string },
    language: Language,
  ): Promise<NotificationPage> {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NOTIFICATION_PAGE)
      throw new InvalidInputError(`limit must be between 1 and ${MAX_NOTIFICATION_PAGE}`, [
        { path: 'query.limit', message: `must be an integer from 1 to ${MAX_NOTIFICATION_PAGE}` },
      ]);
    const [rows, unreadCount] = await Promise.all([
      this.repository.list(userId, {
        unreadOnly: options.unreadOnly ?? false,
        limit: limit + 1,
        before: options.before,
      }),
      this.repository.unreadCount(userId),
    ]);
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => toView(row, language)),
      unreadCount,
      nextBefore: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  unreadCount(userId: string): Promise<number> {
    return this.repository.unreadCount(userId);
  }

  /** Marks some (or, without ids, all) of the person's messages read; others' ids change nothing. */
  markRead(userId: string, ids?: string[]): Promise<number> {
    return this.repository.markRead(userId, ids, this.clock.now());
  }
}

function toView(row: NotificationRow, language: Language): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    text: renderNotification(row.kind, row.params, row.count, language),
    link: row.link,
    count: row.count,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
