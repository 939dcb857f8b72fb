import { InvalidInputError, type FieldProblem } from '@homecare/common';
import { datesBetween, isLocalDate, parseRosterTime, TimeFormatError } from '@homecare/scenario';
import type { ExceptionKind } from './availability.view';

// The checks of what a client sends about availability, apart from the service that stores it.

const MINUTE_MS = 60_000;
const WEEK_MINUTES = 7 * 24 * 60;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Times as the client sends them: local `YYYY-MM-DDTHH:mm` in the team's zone, or ISO with an offset. */
export interface TimeSpanInput {
  start: string;
  end: string;
}

export interface ExceptionInput extends TimeSpanInput {
  kind: ExceptionKind;
  note?: string | null;
}

export interface PatternInput {
  validFrom: string;
  validUntil?: string | null;
  windows: { weekday: number; start: string; end: string }[];
}

export interface DateRange {
  from: string;
  to: string;
}

/** `from` and `to` are dates, `from` <= `to`, and the period is at most `maxDays` long. */
export function assertDateRange(range: DateRange, maxDays?: number): void {
  const problems: FieldProblem[] = [];
  if (!isLocalDate(range.from)) problems.push({ path: '$.from', message: 'from must be a date YYYY-MM-DD' });
  if (!isLocalDate(range.to)) problems.push({ path: '$.to', message: 'to must be a date YYYY-MM-DD' });
  if (problems.length === 0 && range.from > range.to)
    problems.push({ path: '$.to', message: 'to must not be before from' });
  if (problems.length === 0 && maxDays !== undefined && datesBetween(range.from, range.to).length > maxDays) {
    problems.push({ path: '$.to', message: `a period covers at most ${maxDays} days` });
  }
  if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
}

export function parseSpan(input: TimeSpanInput, timezone: string): { startsAt: Date; endsAt: Date } {
  const problems: FieldProblem[] = [];
  const parse = (key: 'start' | 'end'): Date | undefined => {
    try {
      return new Date(parseRosterTime(input[key], timezone) * MINUTE_MS);
    } catch (error) {
      if (!(error instanceof TimeFormatError)) throw error;
      problems.push({
        path: `$.${key}`,
        message:
          error.kind === 'nonexistent'
            ? `${input[key]} does not exist in ${timezone}: the clocks skip that time`
            : `${key} must be a local time YYYY-MM-DDTHH:mm or an ISO 8601 time with an offset`,
      });
      return undefined;
    }
  };
  const startsAt = parse('start');
  const endsAt = parse('end');
  if (startsAt && endsAt && endsAt <= startsAt)
    problems.push({ path: '$.end', message: 'end must be after start' });
  if (problems.length > 0 || !startsAt || !endsAt)
    throw new InvalidInputError('The times are not valid.', problems);
  return { startsAt, endsAt };
}

export function assertPattern(input: PatternInput): void {
  const problems: FieldProblem[] = [];
  if (!isLocalDate(input.validFrom))
    problems.push({ path: '$.validFrom', message: 'validFrom must be a date YYYY-MM-DD' });
  if (input.validUntil != null) {
    if (!isLocalDate(input.validUntil))
      problems.push({ path: '$.validUntil', message: 'validUntil must be a date YYYY-MM-DD' });
    else if (input.validUntil < input.validFrom)
      problems.push({ path: '$.validUntil', message: 'validUntil must not be before validFrom' });
  }
  // Minutes since Monday 00:00 of each window, to find overlaps within the week (which wraps).
  const spans: { index: number; start: number; length: number }[] = [];
  input.windows.forEach((window, index) => {
    const path = `$.windows[${index}]`;
    let valid = true;
    if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7) {
      problems.push({ path: `${path}.weekday`, message: 'weekday must be 1 (Monday) to 7 (Sunday)' });
      valid = false;
    }
    for (const key of ['start', 'end'] as const) {
      if (!TIME_PATTERN.test(window[key])) {
        problems.push({ path: `${path}.${key}`, message: `${key} must be a local time HH:mm` });
        valid = false;
      }
    }
    if (!valid) return;
    const start = minutesOf(window.start);
    const end = minutesOf(window.end);
    // An end at or before the start ends on the next day.
    spans.push({
      index,
      start: (window.weekday - 1) * 1440 + start,
      length: end > start ? end - start : end + 1440 - start,
    });
  });
  for (let left = 0; left < spans.length; left += 1) {
    for (let right = left + 1; right < spans.length; right += 1) {
      if (overlapsInWeek(spans[left], spans[right])) {
        problems.push({
          path: `$.windows[${spans[right].index}]`,
          message: `overlaps windows[${spans[left].index}] of the pattern`,
        });
      }
    }
  }
  if (problems.length > 0) throw new InvalidInputError('The weekly pattern is not valid.', problems);
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function overlapsInWeek(
  left: { start: number; length: number },
  right: { start: number; length: number },
): boolean {
  const distance = (((right.start - left.start) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  return distance < left.length || WEEK_MINUTES - distance < right.length;
}

/** Either end optional; when both are given, `from` <= `to`. */
export function assertOpenDateRange(range: Partial<DateRange>): void {
  const problems: FieldProblem[] = [];
  for (const key of ['from', 'to'] as const) {
    if (range[key] !== undefined && !isLocalDate(range[key]))
      problems.push({ path: `$.${key}`, message: `${key} must be a date YYYY-MM-DD` });
  }
  if (problems.length === 0 && range.from && range.to && range.from > range.to)
    problems.push({ path: '$.to', message: 'to must not be before from' });
  if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
}
