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
    const written = await this.repository.insert(
      manager,
      notifications.filter((notification) => notification.userId !== actorUserId),
      this.clock.now(),
    );
    await this.preferences.enqueueEmails(manager, written);
  }

  /** Family members following a client, to be told about its visits. */
  followersOfClient(manager: EntityManager, clientId: string): Promise<string[]> {
    return this.repository.followersOfClient(manager, clientId);
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
