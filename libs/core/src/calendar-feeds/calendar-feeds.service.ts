import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { DomainError, ForbiddenError, NotFoundError } from '@homecare/common';
import type { CalendarFeed, CalendarFeedKind } from '@homecare/database';
import { AccessService } from '../access';
import { hashOpaqueToken, newOpaqueToken } from '../auth';
import { type Principal, principalOf } from '../principal';
import { Clock } from '@homecare/common';
import { type PlannedVisit, VisitPlansService } from '../visit-plans';
import { FEED_TEXTS, type FeedEvent, renderCalendar } from './calendar-ics';
import { localTime } from '../visit-plans';
import type { Language } from '../shared';
import type { CalendarFeedList, CalendarFeedView, CreatedCalendarFeed } from './calendar-feed.view';
import { CalendarFeedsRepository } from './calendar-feeds.repository';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** A feed shows published visits from two weeks back to eight weeks ahead. */
export const FEED_DAYS_BACK = 14;
export const FEED_DAYS_AHEAD = 56;
/** The route pattern a feed is fetched through, as the access log records it. */
export const CALENDAR_FEED_ROUTE = 'GET /calendar/:token.ics';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface RenderedCalendar {
  /** File name for Content-Disposition. */
  filename: string;
  body: string;
}

/** A feed's name as stored: trimmed, inner runs of white space as one space; null when blank. */
function nameOf(name: string | undefined): string | null {
  const tidy = name?.trim().replace(/\s+/g, ' ');
  return tidy ? tidy : null;
}

function view(feed: CalendarFeed): CalendarFeedView {
  return {
    id: feed.id,
    kind: feed.kind,
    name: feed.name,
    clientId: feed.clientId,
    caregiverId: feed.caregiverId,
    createdAt: feed.createdAt.toISOString(),
    lastFetchedAt: feed.lastFetchedAt?.toISOString() ?? null,
    revokedAt: feed.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Secret iCalendar feeds of published visits: a client's (for the client and their family:
 * caregivers' first names only) and a caregiver's own (with the client's name and address, which
 * they need to get there, and nothing about care or health). The token is the credential, since
 * calendar apps send no headers; each fetch checks again that the feed's owner may still see what
 * it shows (a revoked family link or a caregiver who left the team closes the feed).
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    private readonly repository: CalendarFeedsRepository,
    private readonly access: AccessService,
    private readonly visitPlans: VisitPlansService,
    private readonly clock: Clock,
  ) {}

  /**
   * The client themselves, their family (linked), the organisation's coordinators, administrators.
   * `name` is what the family calls the link ("Anna's phone"), to tell their links apart later.
   */
  async createForClient(principal: Principal, clientId: string, name?: string): Promise<CreatedCalendarFeed> {
    await this.access.assertClients(principal, [clientId], 'read');
    return this.create(principal, { kind: 'client', clientId, caregiverId: null, name: nameOf(name) });
  }

  /** The caregiver for themselves (403 for a colleague), coordinators, administrators. */
  async createForCaregiver(
    principal: Principal,
    caregiverId: string,
    name?: string,
  ): Promise<CreatedCalendarFeed> {
    await this.assertCaregiverFeed(principal, caregiverId);
    return this.create(principal, { kind: 'caregiver', clientId: null, caregiverId, name: nameOf(name) });
  }

  /** The caller's own feeds, newest first, without tokens. */
  async list(principal: Principal): Promise<CalendarFeedList> {
    const feeds = await this.repository.feedsOf(principal.userId);
    return { items: feeds.map(view) };
  }

  /**
   * Revokes a feed: its owner, or a coordinator of the organisation it shows (or an
   * administrator). Anyone else gets 404, as for a feed that does not exist.
   */
  async revoke(principal: Principal, feedId: string): Promise<CalendarFeedView> {
    const row = await this.repository.ownership(feedId);
    const allowed =
      row &&
      (row.owner_user_id === principal.userId ||
        principal.role === 'administrator' ||
        (principal.role === 'coordinator' && row.organisation_id === principal.organisationId));
    if (!allowed) throw new NotFoundError('calendar feed', feedId);
    await this.repository.revoke(feedId, this.clock.now(), principal.userId);
    return view(await this.repository.feed(feedId));
  }

  /** The feed of a token, as iCalendar text; "not found" for a token that is unknown or revoked. */
  async render(token: string): Promise<RenderedCalendar> {
    const feed = await this.feedOf(token);
    const owner = await this.repository.user(feed.ownerUserId);
    if (!owner || owner.disabledAt) throw new NotFoundError('calendar feed');
    const principal = principalOf(owner, CALENDAR_FEED_ROUTE);
    const now = this.clock.now().getTime();
    const range = {
      from: new Date(now - FEED_DAYS_BACK * DAY_MS),
      to: new Date(now + FEED_DAYS_AHEAD * DAY_MS),
    };
    // Calendar apps send no language of their own: the feed speaks its owner's.
    const language = (await this.repository.languageOf(owner.id)) ?? 'nl';
    let rendered: RenderedCalendar;
    try {
      rendered =
        feed.kind === 'client'
          ? await this.clientCalendar(principal, feed.clientId!, range, language)
          : await this.caregiverCalendar(principal, feed.caregiverId!, range, language);
    } catch (error) {
      // The owner lost access since: the feed is as good as revoked, and says nothing more.
      if (error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'forbidden'))
        throw new NotFoundError('calendar feed');
      throw error;
    }
    await this.repository.markFetched(feed.id, this.clock.now());
    return rendered;
  }

  private async create(
    principal: Principal,
    subject: {
      kind: CalendarFeedKind;
      clientId: string | null;
      caregiverId: string | null;
      name: string | null;
    },
  ): Promise<CreatedCalendarFeed> {
    const token = newOpaqueToken();
    const feed = await this.repository.insert({
      ...subject,
      tokenHash: hashOpaqueToken(token),
      ownerUserId: principal.userId,
    });
    return { ...view(feed), token, path: `/calendar/${token}.ics` };
  }

  private async assertCaregiverFeed(principal: Principal, caregiverId: string): Promise<void> {
    await this.access.assertCaregivers(principal, [caregiverId], 'read');
    if (principal.role !== 'caregiver') return;
    const row = await this.repository.caregiverUser(caregiverId);
    if (row?.user_id !== principal.userId)
      throw new ForbiddenError("A caregiver's calendar feed is theirs alone.");
  }

  /** Looked up by the hash, then the hashes compared in constant time. */
  private async feedOf(token: string): Promise<CalendarFeed> {
    if (!TOKEN.test(token)) throw new NotFoundError('calendar feed');
    const hash = hashOpaqueToken(token);
    const feed = await this.repository.liveFeedByHash(hash);
    const expected = Buffer.from(hash, 'hex');
    const stored = Buffer.from(feed?.tokenHash ?? '', 'hex');
    if (!feed || stored.length !== expected.length || !timingSafeEqual(stored, expected))
      throw new NotFoundError('calendar feed');
    return feed;
  }

  private async clientCalendar(
    principal: Principal,
    clientId: string,
    range: { from: Date; to: Date },
    language: Language,
  ): Promise<RenderedCalendar> {
    const words = FEED_TEXTS[language];
    // Checks the owner's access again and writes the access log.
    await this.access.assertClients(principal, [clientId], 'read');
    const client = await this.repository.clientWithZone(clientId);
    const visits = await this.visitPlans.plannedVisits({ clientId }, range);
    const revisions = await this.revisions(visits);
    const time = (date: Date) => localTime(date, client.timezone, language, false);
    const events = visits.map((visit): FeedEvent => ({
      uid: `${visit.visitId}.client@homecare-roster`,
      start: new Date(visit.plannedStart),
      end: new Date(visit.plannedEnd),
      summary: words.clientSummary(visit.caregiverFirstNames),
      description: words.clientDescription(time(visit.earliestStart), time(visit.latestEnd)),
      cancelled: visit.status === 'cancelled',
      ...revisions.get(visit.visitId)!,
    }));
    const firstName = client.name.trim().split(/\s+/)[0] || words.client;
    return {
      filename: 'home-care-visits.ics',
      body: renderCalendar(words.clientCalendar(firstName), events, language),
    };
  }

  private async caregiverCalendar(
    principal: Principal,
    caregiverId: string,
    range: { from: Date; to: Date },
    language: Language,
  ): Promise<RenderedCalendar> {
    const words = FEED_TEXTS[language];
    await this.assertCaregiverFeed(principal, caregiverId);
    const caregiver = await this.repository.caregiverWithZone(caregiverId);
    const visits = await this.visitPlans.plannedVisits({ caregiverId }, range);
    const clientIds = [...new Set(visits.map((visit) => visit.clientId))];
    // Name and address only: no notes, care needs or skills, which are health data.
    const clients = new Map((await this.repository.clientAddresses(clientIds)).map((row) => [row.id, row]));
    await this.access.logClientAccess(principal, clientIds);
    const revisions = await this.revisions(visits);
    const time = (date: Date) => localTime(date, caregiver.timezone, language, false);
    const events = visits.map((visit): FeedEvent => {
      const client = clients.get(visit.clientId);
      const colleagues = visit.caregiverFirstNames.filter(
        (_, index) => visit.caregiverIds[index] !== caregiverId,
      );
      return {
        uid: `${visit.visitId}.caregiver@homecare-roster`,
        start: new Date(visit.plannedStart),
        end: new Date(visit.plannedEnd),
        summary: words.caregiverSummary(client?.name ?? words.client),
        location: client?.address || undefined,
        description: [
          words.window(time(visit.earliestStart), time(visit.latestEnd)),
          ...(colleagues.length > 0 ? [words.with(colleagues)] : []),
        ].join(' '),
        cancelled: visit.status === 'cancelled',
        ...revisions.get(visit.visitId)!,
      };
    });
    return {
      filename: 'my-visits.ics',
      body: renderCalendar(words.caregiverCalendar(caregiver.first_name), events, language),
    };
  }

  /**
   * SEQUENCE and LAST-MODIFIED of each visit from the published trail: every moment a row of the
   * visit was published or replaced is one revision (rows are never deleted, so the count only
   * grows); a cancelled visit counts one more, at the time it changed.
   */
  private async revisions(
    visits: PlannedVisit[],
  ): Promise<Map<string, { sequence: number; lastModified: Date }>> {
    const rows = await this.repository.visitRevisions(visits.map((visit) => visit.visitId));
    const result = new Map<string, { sequence: number; lastModified: Date }>();
    for (const row of rows) {
      const cancelled = row.status === 'cancelled';
      const lastChanged = new Date(row.last_changed);
      const updated = new Date(row.updated_at);
      result.set(row.visit_id, {
        sequence: Number(row.changes) - 1 + (cancelled ? 1 : 0),
        lastModified: cancelled && updated > lastChanged ? updated : lastChanged,
      });
    }
    for (const visit of visits)
      if (!result.has(visit.visitId)) result.set(visit.visitId, { sequence: 0, lastModified: new Date(0) });
    return result;
  }
}
