// The team week board's layout, without a DOM: which visits fall on which local day of the team,
// where a block sits on a day's axis, the gaps between consecutive visits, the unassigned lane and
// each client's caregivers this week. Pure functions over the plan's assignments, tested in Jest.

/** What the layout needs of an assignment (the API's PlanAssignmentView has more). */
export interface TimedVisit {
  visitId: string;
  clientId: string | null;
  caregiverIds: string[];
  /** ISO 8601 instants; null while unassigned. */
  start: string | null;
  end: string | null;
}

/** A local date `YYYY-MM-DD` and minutes since its local midnight, in the team's zone. */
export interface LocalMoment {
  date: string;
  minutes: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The local date and time of an instant in `timeZone` (DST-correct: the zone decides). */
export function localMoment(instant: string | Date, timeZone: string): LocalMoment {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Every local date from `first` to `last` inclusive (calendar arithmetic, no zone involved). */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let day = Date.parse(`${first}T00:00:00Z`); day <= end && dates.length < 62; day += 86_400_000)
    dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
}

/** One visit placed on a local day: minutes since midnight, clamped to that day. */
export interface PlacedVisit<T extends TimedVisit> {
  kind: 'visit';
  visit: T;
  startMinute: number;
  endMinute: number;
}

/** Time between two consecutive visits of one caregiver on one day (travel, then idle). */
export interface Gap {
  kind: 'gap';
  startMinute: number;
  endMinute: number;
  minutes: number;
}

export type LaneItem<T extends TimedVisit> = PlacedVisit<T> | Gap;

export interface CaregiverLane<T extends TimedVisit> {
  caregiverId: string;
  items: LaneItem<T>[];
  /** Minutes of visits that day. */
  visitMinutes: number;
}

const DAY_MINUTES = 24 * 60;

/** The visit on `date` (a visit over midnight shows up to midnight on its first day only). */
function placeOn<T extends TimedVisit>(visit: T, date: string, timeZone: string): PlacedVisit<T> | null {
  if (!visit.start || !visit.end) return null;
  const start = localMoment(visit.start, timeZone);
  if (start.date !== date) return null;
  const end = localMoment(visit.end, timeZone);
  const endMinute = end.date === date ? end.minutes : DAY_MINUTES;
  return { kind: 'visit', visit, startMinute: start.minutes, endMinute: Math.max(endMinute, start.minutes) };
}

/**
 * One lane per caregiver (in the order given) for a local day: their visits by start, with a gap
 * between consecutive visits. A visit for two caregivers (a double-up) is in both lanes.
 */
export function lanesForDay<T extends TimedVisit>(
  visits: T[],
  caregiverIds: string[],
  date: string,
  timeZone: string,
): CaregiverLane<T>[] {
  return caregiverIds.map((caregiverId) => {
    const placed = visits
      .filter((visit) => visit.caregiverIds.includes(caregiverId))
      .map((visit) => placeOn(visit, date, timeZone))
      .filter((item): item is PlacedVisit<T> => item !== null)
      .sort((first, second) => first.startMinute - second.startMinute || first.endMinute - second.endMinute);
    const items: LaneItem<T>[] = [];
    let visitMinutes = 0;
    placed.forEach((item, index) => {
      const previous = placed[index - 1];
      if (previous && item.startMinute > previous.endMinute)
        items.push({
          kind: 'gap',
          startMinute: previous.endMinute,
          endMinute: item.startMinute,
          minutes: item.startMinute - previous.endMinute,
        });
      items.push(item);
      visitMinutes += item.endMinute - item.startMinute;
    });
    return { caregiverId, items, visitMinutes };
  });
}

/** The hours a day's axis spans: whole hours around every visit of the period, at least 07–19. */
export function axisOf(
  visits: TimedVisit[],
  timeZone: string,
  fallback = { startMinute: 7 * 60, endMinute: 19 * 60 },
): { startMinute: number; endMinute: number } {
  let startMinute = fallback.startMinute;
  let endMinute = fallback.endMinute;
  for (const visit of visits) {
    if (!visit.start || !visit.end) continue;
    const start = localMoment(visit.start, timeZone);
    const end = localMoment(visit.end, timeZone);
    startMinute = Math.min(startMinute, Math.floor(start.minutes / 60) * 60);
    endMinute = Math.max(endMinute, end.date === start.date ? Math.ceil(end.minutes / 60) * 60 : DAY_MINUTES);
  }
  return { startMinute, endMinute };
}

/** Position of a stretch on an axis, in percent of its width (for CSS custom properties). */
export function positionOn(
  axis: { startMinute: number; endMinute: number },
  startMinute: number,
  endMinute: number,
): { offset: number; width: number } {
  const span = axis.endMinute - axis.startMinute;
  const from = Math.max(startMinute, axis.startMinute);
  const to = Math.min(endMinute, axis.endMinute);
  return {
    offset: round(((from - axis.startMinute) / span) * 100),
    width: round((Math.max(to - from, 0) / span) * 100),
  };
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** Visits nobody is assigned to, earliest known first (their own lane on the board). */
export function unassignedOf<T extends TimedVisit>(visits: T[]): T[] {
  return visits.filter((visit) => visit.caregiverIds.length === 0);
}

export interface ClientContinuity {
  clientId: string;
  visits: number;
  /** The client's caregivers this week, most visits first. */
  caregivers: { caregiverId: string; visits: number }[];
}

/**
 * Per client, who visits them this period and how often: continuity at a glance. Clients with the
 * most different caregivers come first (they are the ones to look at), then by `nameOf`.
 */
export function continuityOf(visits: TimedVisit[], nameOf: (clientId: string) => string): ClientContinuity[] {
  const byClient = new Map<string, { visits: number; counts: Map<string, number> }>();
  for (const visit of visits) {
    if (!visit.clientId) continue;
    const entry = byClient.get(visit.clientId) ?? { visits: 0, counts: new Map<string, number>() };
    entry.visits += 1;
    for (const caregiverId of visit.caregiverIds)
      entry.counts.set(caregiverId, (entry.counts.get(caregiverId) ?? 0) + 1);
    byClient.set(visit.clientId, entry);
  }
  return [...byClient.entries()]
    .map(([clientId, entry]) => ({
      clientId,
      visits: entry.visits,
      caregivers: [...entry.counts.entries()]
        .map(([caregiverId, count]) => ({ caregiverId, visits: count }))
        .sort(
          (first, second) =>
            second.visits - first.visits || first.caregiverId.localeCompare(second.caregiverId),
        ),
    }))
    .sort(
      (first, second) =>
        second.caregivers.length - first.caregivers.length ||
        nameOf(first.clientId).localeCompare(nameOf(second.clientId)),
    );
}

/**
 * Paul Tol's "muted" scheme: told apart with every common colour-vision deficiency. Each colour
 * comes with the ink that reads on it at WCAG AA (4.5:1 or better).
 */
export const CAREGIVER_PALETTE: readonly { background: string; ink: string }[] = [
  { background: '#332288', ink: '#ffffff' },
  { background: '#88CCEE', ink: '#1b1f24' },
  { background: '#44AA99', ink: '#1b1f24' },
  { background: '#117733', ink: '#ffffff' },
  { background: '#DDCC77', ink: '#1b1f24' },
  { background: '#CC6677', ink: '#1b1f24' },
  { background: '#882255', ink: '#ffffff' },
  { background: '#AA4499', ink: '#ffffff' },
  { background: '#999933', ink: '#1b1f24' },
];

/** One stable colour per caregiver: by their place in the team's list, so it never changes on a page. */
export function coloursOf(caregiverIds: string[]): Map<string, { background: string; ink: string }> {
  return new Map(
    caregiverIds.map((caregiverId, index) => [
      caregiverId,
      CAREGIVER_PALETTE[index % CAREGIVER_PALETTE.length],
    ]),
  );
}

/**
 * Initials for each person (so colour is never the only cue): first letters of the first and last
 * name; when two people would share them, more of the first name until they differ.
 */
export function initialsOf(
  people: { id: string; firstName: string; lastName?: string | null }[],
): Map<string, string> {
  const result = new Map<string, string>();
  const base = (person: (typeof people)[number], length: number): string => {
    const first = person.firstName.trim();
    const last = (person.lastName ?? '').trim();
    return (first.slice(0, length) + last.slice(0, 1)).toUpperCase() || '?';
  };
  for (const person of people) {
    let length = 1;
    let candidate = base(person, length);
    const clashes = () => people.some((other) => other.id !== person.id && base(other, length) === candidate);
    while (clashes() && length < person.firstName.trim().length) {
      length += 1;
      candidate = base(person, length);
    }
    result.set(person.id, candidate);
  }
  return result;
}

/** What happened to one visit between two versions, in words a table can show. */
export type ChangeKind = 'assigned' | 'unassigned' | 'moved' | 'retimed' | 'moved-and-retimed';

export function changeKindOf(change: {
  before: { caregiverIds: string[]; start: string | null };
  after: { caregiverIds: string[]; start: string | null };
}): ChangeKind {
  if (change.before.caregiverIds.length === 0) return 'assigned';
  if (change.after.caregiverIds.length === 0) return 'unassigned';
  const sameCaregivers =
    [...change.before.caregiverIds].sort().join(',') === [...change.after.caregiverIds].sort().join(',');
  const sameStart =
    (change.before.start && Date.parse(change.before.start)) ===
    (change.after.start && Date.parse(change.after.start));
  if (sameCaregivers) return 'retimed';
  return sameStart ? 'moved' : 'moved-and-retimed';
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/**
 * The API's reasons name visits by id ("Hanna edited visit 5f0c…"); people know them by client and
 * time. Every id `describe` knows is replaced by its description; other ids stay as they are.
 */
export function readableReason(reason: string, describe: (id: string) => string | undefined): string {
  return reason.replace(UUID, (id) => describe(id) ?? id);
}
