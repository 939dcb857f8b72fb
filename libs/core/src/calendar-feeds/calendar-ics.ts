import { ICalCalendar, ICalEventStatus } from 'ical-generator';

/** One VEVENT: everything in it has been chosen for who reads the feed. */
export interface FeedEvent {
  /** Stable per visit and kind of feed: calendar apps update the event instead of adding one. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  cancelled: boolean;
  /** Grows with every published change of the visit, so that apps take the new version. */
  sequence: number;
  lastModified: Date;
}

/** How often calendar apps are asked to poll (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 60 * 60;

/**
 * The feed as iCalendar text. Times are written in UTC (`...Z`): exact whatever the reader's
 * zone, and no VTIMEZONE to get wrong; DTSTAMP is the change time, so an unchanged roster gives
 * byte-identical feeds.
 */
export function renderCalendar(name: string, events: FeedEvent[]): string {
  const calendar = new ICalCalendar({
    name,
    prodId: { company: 'homecare-roster', product: 'visit-plans', language: 'EN' },
    ttl: REFRESH_SECONDS,
  });
  for (const event of events)
    calendar.createEvent({
      id: event.uid,
      start: event.start,
      end: event.end,
      stamp: event.lastModified,
      lastModified: event.lastModified,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description ?? null,
      location: event.location ?? null,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  return calendar.toString();
}
