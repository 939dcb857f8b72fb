// Local wall-clock time <-> instants, for one IANA zone, without a dependency on the host's zone.
// Instants are whole epoch minutes (the spec counts in minutes). A local time inside a
// spring-forward gap does not exist (an error); in a fall-back hour the first occurrence is meant.

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET_PATTERN = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

export class TimeFormatError extends Error {
  constructor(
    message: string,
    readonly kind: 'format' | 'nonexistent' | 'zone',
  ) {
    super(message);
    this.name = 'TimeFormatError';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      throw new TimeFormatError(`unknown time zone "${timeZone}"`, 'zone');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall clock at an instant, as Intl formats it (a few microseconds per call). */
function formattedWallClockAt(epochMinutes: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMinutes * MINUTE_MS));
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
  };
}

function formattedOffsetAt(epochMinutes: number, timeZone: string): number {
  const wall = formattedWallClockAt(epochMinutes, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) / MINUTE_MS - epochMinutes;
}

/**
 * The zone's offset in each UTC hour, null for an hour with a transition inside. Exports, checks
 * and visit plans convert thousands of times per request, and Intl is the slow part: an hour whose
 * first and last minute have the same offset has it throughout (no zone changes its offset twice
 * within an hour), so it is formatted twice, once, instead of at every call.
 */
const hourOffsets = new Map<string, Map<number, number | null>>();
/** Hours remembered per zone before starting over: about eleven years of them. */
const MAX_HOURS_PER_ZONE = 100_000;

/** The zone's offset at an instant from the hour's remembered offset; null in an hour with a transition. */
function rememberedOffsetAt(epochMinutes: number, timeZone: string): number | null {
  let offsets = hourOffsets.get(timeZone);
  if (!offsets) {
    formatterFor(timeZone);
    offsets = new Map();
    hourOffsets.set(timeZone, offsets);
  }
  const hour = Math.floor(epochMinutes / 60);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const first = formattedOffsetAt(hour * 60, timeZone);
    offset = first === formattedOffsetAt(hour * 60 + 59, timeZone) ? first : null;
    if (offsets.size >= MAX_HOURS_PER_ZONE) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

function wallClockAt(epochMinutes: number, timeZone: string): WallClock {
  const offset = rememberedOffsetAt(epochMinutes, timeZone);
  if (offset === null) return formattedWallClockAt(epochMinutes, timeZone);
  const wall = new Date((epochMinutes + offset) * MINUTE_MS);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** Offset of the zone from UTC at an instant, in minutes (Amsterdam in winter: +60). */
export function offsetMinutesAt(epochMinutes: number, timeZone: string): number {
  // Whole minutes: the remembered offset is the answer; otherwise (and in a transition's hour) the
  // wall clock decides, as the definition says.
  const offset = Number.isInteger(epochMinutes) ? rememberedOffsetAt(epochMinutes, timeZone) : null;
  if (offset !== null) return offset;
  const wall = wallClockAt(epochMinutes, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) / MINUTE_MS - epochMinutes;
}

function naiveMinutes(text: string): number | undefined {
  const match = LOCAL_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined; // 2026-02-30
  return ms / MINUTE_MS;
}

export function isLocalDateTime(text: unknown): text is string {
  return typeof text === 'string' && naiveMinutes(text) !== undefined;
}

/** `YYYY-MM-DDTHH:mm` local time in `timeZone` -> epoch minutes. Throws TimeFormatError. */
export function parseLocalDateTime(text: string, timeZone: string): number {
  const naive = typeof text === 'string' ? naiveMinutes(text) : undefined;
  if (naive === undefined)
    throw new TimeFormatError(`"${String(text)}" is not a local time YYYY-MM-DDTHH:mm`, 'format');
  // The offsets a day before and after bracket any transition near this wall-clock time.
  const candidates = new Set([
    offsetMinutesAt(naive - DAY_MINUTES, timeZone),
    offsetMinutesAt(naive + DAY_MINUTES, timeZone),
  ]);
  let best: number | undefined;
  for (const offset of candidates) {
    const instant = naive - offset;
    if (offsetMinutesAt(instant, timeZone) === offset && (best === undefined || instant < best))
      best = instant;
  }
  if (best === undefined)
    throw new TimeFormatError(`${text} does not exist in ${timeZone} (clocks skip it)`, 'nonexistent');
  return best;
}

/** A roster time: local `YYYY-MM-DDTHH:mm`, or ISO 8601 with an offset or `Z`. */
export function parseRosterTime(text: string, timeZone: string): number {
  if (typeof text === 'string' && OFFSET_PATTERN.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new TimeFormatError(`"${text}" is not an ISO 8601 time`, 'format');
    return Math.round(ms / MINUTE_MS);
  }
  return parseLocalDateTime(text, timeZone);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** epoch minutes -> `YYYY-MM-DDTHH:mm` local time in `timeZone`. */
export function formatLocalDateTime(epochMinutes: number, timeZone: string): string {
  const wall = wallClockAt(epochMinutes, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** epoch minutes -> ISO 8601 with the zone's offset, e.g. `2026-11-23T07:40:00+01:00`. */
export function formatOffsetDateTime(epochMinutes: number, timeZone: string): string {
  const offset = offsetMinutesAt(epochMinutes, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${formatLocalDateTime(epochMinutes, timeZone)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The local calendar date `YYYY-MM-DD` of an instant. */
export function localDateOf(epochMinutes: number, timeZone: string): string {
  return formatLocalDateTime(epochMinutes, timeZone).slice(0, 10);
}

export function isLocalDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  return naiveMinutes(`${text}T00:00`) !== undefined;
}

/** `YYYY-MM-DD` plus n calendar days. */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * DAY_MINUTES * MINUTE_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Inclusive list of dates from `start` to `end`. */
export function datesBetween(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The first instant of a local date: midnight, or the first wall-clock minute that exists
 * where a zone skips midnight itself.
 */
export function startOfLocalDate(date: string, timeZone: string): number {
  const naive = naiveMinutes(`${date}T00:00`);
  if (naive === undefined) throw new TimeFormatError(`"${date}" is not a date YYYY-MM-DD`, 'format');
  for (let minute = 0; minute < 3 * 60; minute += 15) {
    try {
      return parseLocalDateTime(`${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`, timeZone);
    } catch (error) {
      if (!(error instanceof TimeFormatError) || error.kind !== 'nonexistent') throw error;
    }
  }
  throw new TimeFormatError(`no start found for ${date} in ${timeZone}`, 'nonexistent');
}

/** The Monday `YYYY-MM-DD` of a date's ISO week (weeks run Monday to Sunday). */
export function isoWeekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Days since 1970-01-01 of a date `YYYY-MM-DD`: consecutive dates differ by exactly 1. */
export function dayNumberOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / (DAY_MINUTES * MINUTE_MS);
}
