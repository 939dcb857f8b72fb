// Splits real time into pieces of one local calendar day with a constant UTC offset, so that
// wall-clock rules (bands, days) become arithmetic on "naive" local minutes. Durations stay real:
// a piece of [start, end) has exactly end - start minutes, also across a daylight-saving change.
import { offsetMinutesAt } from '@homecare/scenario';

const DAY_MINUTES = 1440;
const HOUR = 60;
const MAX_CACHED_HOURS = 200_000;

/** Offsets per zone per UTC hour; null when the offset changes inside that hour. */
const offsetCache = new Map<string, Map<number, number | null>>();

function hourOffset(hour: number, timeZone: string): number | null {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  let offset = zone.get(hour);
  if (offset === undefined) {
    const first = offsetMinutesAt(hour * HOUR, timeZone);
    const last = offsetMinutesAt(hour * HOUR + HOUR - 1, timeZone);
    // Transitions are at least months apart: equal ends mean one offset for the whole hour.
    offset = first === last ? first : null;
    if (zone.size >= MAX_CACHED_HOURS) zone.clear();
    zone.set(hour, offset);
  }
  return offset;
}

/** UTC offset of the zone at an instant, in minutes (cached per hour). */
export function offsetAt(epochMinutes: number, timeZone: string): number {
  return hourOffset(Math.floor(epochMinutes / HOUR), timeZone) ?? offsetMinutesAt(epochMinutes, timeZone);
}

export interface LocalDayPiece {
  /** Real instants, [start, end). */
  start: number;
  end: number;
  /** Days since 1970-01-01 of the local date. */
  dayIndex: number;
  /** Local minute of the day at `start` (0 to 1439); the piece covers minuteOfDay .. + (end - start). */
  minuteOfDay: number;
}

function firstChange(from: number, to: number, offset: number, timeZone: string): number {
  // The offset at `from` is `offset` and at `to - 1` it is not: binary search the first change.
  let low = from;
  let high = to - 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle, timeZone) === offset) low = middle;
    else high = middle;
  }
  return high;
}

/** Calls `visit` for each piece of [start, end) that lies in one local day at one offset. */
export function forEachLocalDayPiece(
  start: number,
  end: number,
  timeZone: string,
  visit: (piece: LocalDayPiece) => void,
): void {
  let cursor = start;
  while (cursor < end) {
    const offset = offsetAt(cursor, timeZone);
    const local = cursor + offset;
    const dayIndex = Math.floor(local / DAY_MINUTES);
    const minuteOfDay = local - dayIndex * DAY_MINUTES;
    let pieceEnd = Math.min(end, cursor + (DAY_MINUTES - minuteOfDay));
    if (offsetAt(pieceEnd - 1, timeZone) !== offset)
      pieceEnd = firstChange(cursor, pieceEnd, offset, timeZone);
    visit({ start: cursor, end: pieceEnd, dayIndex, minuteOfDay });
    cursor = pieceEnd;
  }
}

const dateCache = new Map<number, string>();

/** `YYYY-MM-DD` of a day index. */
export function dateOfDayIndex(dayIndex: number): string {
  let date = dateCache.get(dayIndex);
  if (date === undefined) {
    date = new Date(dayIndex * DAY_MINUTES * 60_000).toISOString().slice(0, 10);
    if (dateCache.size > 100_000) dateCache.clear();
    dateCache.set(dayIndex, date);
  }
  return date;
}

/** ISO weekday of a day index (day 0, 1970-01-01, was a Thursday). */
export function weekdayOfDayIndex(dayIndex: number): number {
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

/** Local date of an instant (cached offsets: cheaper than formatting). */
export function localDateAt(epochMinutes: number, timeZone: string): string {
  return dateOfDayIndex(Math.floor((epochMinutes + offsetAt(epochMinutes, timeZone)) / DAY_MINUTES));
}
