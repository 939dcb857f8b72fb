// Expands a caregiver's availability (dated windows, a weekly pattern, exceptions) into concrete
// instants for a period of local dates. Pure: no database, no clock, no host time zone.
import {
  addDays,
  datesBetween,
  formatLocalDateTime,
  isoWeekday,
  parseLocalDateTime,
  startOfLocalDate,
  TimeFormatError,
} from '@homecare/scenario';

const MINUTE_MS = 60_000;
// Longer than any real clock change (Lord Howe is 30 minutes, the largest ever was 2 hours).
const GAP_SEARCH_MINUTES = 3 * 60;

export interface DatedInterval {
  startsAt: Date;
  endsAt: Date;
}

export interface WeeklyPatternWindow {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Local `HH:mm`; an end at or before the start ends the next day. */
  startTime: string;
  endTime: string;
  /** Local dates `YYYY-MM-DD`, inclusive. */
  validFrom: string;
  validUntil: string | null;
}

export interface AvailabilityInput {
  windows: DatedInterval[];
  patterns: WeeklyPatternWindow[];
  exceptions: DatedInterval[];
}

export interface AvailabilityRange {
  /** Local dates `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  timezone: string;
}

export interface ExpandedWindow {
  start: Date;
  end: Date;
  source: 'window' | 'pattern';
}

interface MillisInterval {
  start: number;
  end: number;
  source: 'window' | 'pattern';
}

/**
 * The windows in which a caregiver can work during the local dates `from`..`to` of `timezone`.
 *
 * - Pattern windows are expanded per local date; a time in a spring-forward gap moves to the
 *   first minute that exists after it, a time in a fall-back hour means its first occurrence.
 *   An overnight window of the day before `from` is included when it reaches into the range.
 * - Dated windows that intersect the range are kept whole, not merged with each other or with
 *   pattern windows: the travel rule looks at each interval on its own. Identical intervals
 *   appear once.
 * - Exceptions cut time out of every window, possibly splitting one into two pieces.
 */
export function expandAvailability(input: AvailabilityInput, range: AvailabilityRange): ExpandedWindow[] {
  const rangeStart = startOfLocalDate(range.from, range.timezone) * MINUTE_MS;
  const rangeEnd = startOfLocalDate(addDays(range.to, 1), range.timezone) * MINUTE_MS;
  const intersectsRange = (interval: { start: number; end: number }): boolean =>
    interval.start < rangeEnd && interval.end > rangeStart;

  const candidates: MillisInterval[] = [];
  for (const window of input.windows) {
    const interval = {
      start: window.startsAt.getTime(),
      end: window.endsAt.getTime(),
      source: 'window' as const,
    };
    if (interval.end > interval.start && intersectsRange(interval)) candidates.push(interval);
  }
  // The day before `from` only matters for overnight windows reaching past midnight.
  for (const date of datesBetween(addDays(range.from, -1), range.to)) {
    const weekday = isoWeekday(date);
    for (const pattern of input.patterns) {
      if (pattern.weekday !== weekday || date < pattern.validFrom) continue;
      if (pattern.validUntil !== null && date > pattern.validUntil) continue;
      const overnight = pattern.endTime <= pattern.startTime;
      const start = resolveLocalTime(date, pattern.startTime, range.timezone) * MINUTE_MS;
      const end =
        resolveLocalTime(overnight ? addDays(date, 1) : date, pattern.endTime, range.timezone) * MINUTE_MS;
      // A window lying wholly inside a clock gap collapses to nothing.
      if (end <= start) continue;
      const interval = { start, end, source: 'pattern' as const };
      if (intersectsRange(interval)) candidates.push(interval);
    }
  }

  const exceptions = input.exceptions
    .map((exception) => ({ start: exception.startsAt.getTime(), end: exception.endsAt.getTime() }))
    .filter((exception) => exception.end > exception.start);

  const pieces = candidates.flatMap((candidate) => subtract(candidate, exceptions));
  pieces.sort(
    (left, right) => left.start - right.start || left.end - right.end || sourceRank(left) - sourceRank(right),
  );

  // Sorted, so identical intervals are neighbours; the dated window wins over the pattern.
  const result: ExpandedWindow[] = [];
  let previous: MillisInterval | undefined;
  for (const piece of pieces) {
    if (previous && previous.start === piece.start && previous.end === piece.end) continue;
    result.push({ start: new Date(piece.start), end: new Date(piece.end), source: piece.source });
    previous = piece;
  }
  return result;
}

function sourceRank(interval: MillisInterval): number {
  return interval.source === 'window' ? 0 : 1;
}

/** The parts of `interval` that no exception covers. */
function subtract(interval: MillisInterval, exceptions: { start: number; end: number }[]): MillisInterval[] {
  let pieces = [interval];
  for (const exception of exceptions) {
    if (exception.end <= interval.start || exception.start >= interval.end) continue;
    pieces = pieces.flatMap((piece) => {
      if (exception.end <= piece.start || exception.start >= piece.end) return [piece];
      const remaining: MillisInterval[] = [];
      if (exception.start > piece.start) remaining.push({ ...piece, end: exception.start });
      if (exception.end < piece.end) remaining.push({ ...piece, start: exception.end });
      return remaining;
    });
  }
  return pieces;
}

/**
 * Local date + `HH:mm` -> epoch minutes. A time the clocks skip moves to the first minute after
 * the gap (02:30 on a spring-forward night in Amsterdam becomes 03:00).
 */
export function resolveLocalTime(date: string, time: string, timezone: string): number {
  const naiveStart = Date.parse(`${date}T${time}:00Z`) / MINUTE_MS;
  for (let step = 0; step <= GAP_SEARCH_MINUTES; step += 1) {
    const local = new Date((naiveStart + step) * MINUTE_MS).toISOString().slice(0, 16);
    try {
      return parseLocalDateTime(local, timezone);
    } catch (error) {
      if (!(error instanceof TimeFormatError) || error.kind !== 'nonexistent') throw error;
    }
  }
  throw new TimeFormatError(`${date}T${time} does not exist in ${timezone}`, 'nonexistent');
}

/** For responses: an expanded window as local times in the zone as well as instants. */
export function formatExpandedWindow(
  window: ExpandedWindow,
  timezone: string,
): {
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  source: 'window' | 'pattern';
} {
  return {
    start: formatLocalDateTime(Math.floor(window.start.getTime() / MINUTE_MS), timezone),
    end: formatLocalDateTime(Math.floor(window.end.getTime() / MINUTE_MS), timezone),
    startsAt: window.start.toISOString(),
    endsAt: window.end.toISOString(),
    source: window.source,
  };
}
