import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { CalendarFeed, UserAccount } from '@homecare/database';
import type { Language } from '../shared';

/** One published visit's trail, as the revisions (SEQUENCE, LAST-MODIFIED) are read from it. */
export interface VisitRevisionRow {
  visit_id: string;
  /** Distinct moments a row of the visit was published or replaced (a bigint count, as text). */
  changes: string;
  last_changed: Date;
  status: string;
  updated_at: Date;
}

/** Every statement of calendar feeds. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get feeds() {
    return this.dataSource.getRepository(CalendarFeed);
  }

  insert(feed: Partial<CalendarFeed>): Promise<CalendarFeed> {
    return this.feeds.save(this.feeds.create(feed));
  }

  /** The user's own feeds, newest first. */
  feedsOf(ownerUserId: string): Promise<CalendarFeed[]> {
    return this.feeds.find({ where: { ownerUserId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  feed(id: string): Promise<CalendarFeed> {
    return this.feeds.findOneByOrFail({ id });
  }

  /** The feed not revoked with this token hash. */
  liveFeedByHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.feeds.findOneBy({ tokenHash, revokedAt: IsNull() });
  }

  /** The feed's owner and the organisation of the client or caregiver it shows. */
  async ownership(
    feedId: string,
  ): Promise<{ owner_user_id: string; organisation_id: string | null } | undefined> {
    const [row] = await this.dataSource.query<{ owner_user_id: string; organisation_id: string | null }[]>(
      `SELECT f.owner_user_id, coalesce(ct.organisation_id, gt.organisation_id) AS organisation_id
         FROM calendar_feed f
         LEFT JOIN client c ON c.id = f.client_id LEFT JOIN team ct ON ct.id = c.team_id
         LEFT JOIN caregiver g ON g.id = f.caregiver_id LEFT JOIN team gt ON gt.id = g.team_id
        WHERE f.id = $1`,
      [feedId],
    );
    return row;
  }

  /** Revokes the feed unless it was revoked already (the first revocation is kept). */
  async revoke(feedId: string, at: Date, byUserId: string): Promise<void> {
    await this.feeds.update(
      { id: feedId, revokedAt: IsNull() },
      { revokedAt: at, revokedByUserId: byUserId },
    );
  }

  async markFetched(feedId: string, at: Date): Promise<void> {
    await this.feeds.update({ id: feedId }, { lastFetchedAt: at });
  }

  user(id: string): Promise<UserAccount | null> {
    return this.dataSource.getRepository(UserAccount).findOneBy({ id });
  }

  /** The user's chosen language, if they chose one. */
  async languageOf(userId: string): Promise<Language | undefined> {
    const [setting] = await this.dataSource.query<{ language: Language }[]>(
      'SELECT language FROM notification_preference WHERE user_id = $1',
      [userId],
    );
    return setting?.language;
  }

  /** The user account of the caregiver, if they have one; undefined for no such caregiver. */
  async caregiverUser(caregiverId: string): Promise<{ user_id: string | null } | undefined> {
    const [row] = await this.dataSource.query<{ user_id: string | null }[]>(
      'SELECT user_id FROM caregiver WHERE id = $1',
      [caregiverId],
    );
    return row;
  }

  async clientWithZone(clientId: string): Promise<{ name: string; timezone: string }> {
    const [client] = await this.dataSource.query<{ name: string; timezone: string }[]>(
      'SELECT c.name, t.timezone FROM client c JOIN team t ON t.id = c.team_id WHERE c.id = $1',
      [clientId],
    );
    return client;
  }

  async caregiverWithZone(caregiverId: string): Promise<{ first_name: string; timezone: string }> {
    const [caregiver] = await this.dataSource.query<{ first_name: string; timezone: string }[]>(
      'SELECT g.first_name, t.timezone FROM caregiver g JOIN team t ON t.id = g.team_id WHERE g.id = $1',
      [caregiverId],
    );
    return caregiver;
  }

  /** Name and address of these clients, nothing else (no notes, care needs or skills). */
  clientAddresses(clientIds: string[]): Promise<{ id: string; name: string; address: string }[]> {
    return this.dataSource.query<{ id: string; name: string; address: string }[]>(
      'SELECT id, name, address FROM client WHERE id = ANY($1::uuid[])',
      [clientIds],
    );
  }

  /** Per visit, the moments a row of it was published or replaced, with the visit's status. */
  visitRevisions(visitIds: string[]): Promise<VisitRevisionRow[]> {
    return this.dataSource.query<VisitRevisionRow[]>(
      `SELECT p.visit_id, count(DISTINCT t.at) AS changes, max(t.at) AS last_changed, v.status, v.updated_at
         FROM published_assignment p
         JOIN visit v ON v.id = p.visit_id
         CROSS JOIN LATERAL (VALUES (p.published_at), (p.removed_at)) AS t(at)
        WHERE p.visit_id = ANY($1::uuid[]) AND t.at IS NOT NULL
        GROUP BY p.visit_id, v.status, v.updated_at`,
      [visitIds],
    );
  }
}
