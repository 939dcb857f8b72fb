import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import type { Language } from '../shared';
import { listNames } from '../visit-plans';

/** The words of a feed, in its owner's language (their language setting; Dutch when none). */
export const FEED_TEXTS = {
  nl: {
    clientCalendar: (firstName: string) => `Thuiszorgbezoeken – ${firstName}`,
    clientSummary: (caregivers: string[]) => `Thuiszorgbezoek – ${listNames(caregivers, 'nl')}`,
    clientDescription: (from: string, to: string) => `Tussen ${from} en ${to}.`,
    client: 'cliënt',
    caregiverCalendar: (firstName: string) => `Bezoeken – ${firstName}`,
    caregiverSummary: (client: string) => `Bezoek – ${client}`,
    window: (from: string, to: string) => `Tijdvak ${from}–${to}.`,
    with: (colleagues: string[]) => `Met ${listNames(colleagues, 'nl')}.`,
  },
  en: {
    clientCalendar: (firstName: string) => `Home care visits – ${firstName}`,
    clientSummary: (caregivers: string[]) => `Home care visit – ${listNames(caregivers, 'en')}`,
    clientDescription: (from: string, to: string) => `Between ${from} and ${to}.`,
    client: 'client',
    caregiverCalendar: (firstName: string) => `Visits – ${firstName}`,
    caregiverSummary: (client: string) => `Visit – ${client}`,
    window: (from: string, to: string) => `Window ${from}–${to}.`,
    with: (colleagues: string[]) => `With ${listNames(colleagues, 'en')}.`,
  },
} satisfies Record<Language, unknown>;

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
export function renderCalendar(name: string, events: FeedEvent[], language: Language): string {
  const calendar = new ICalCalendar({
    name,
    prodId: { company: 'homecare-roster', product: 'visit-plans', language: language.toUpperCase() },
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
