// The tests' "now": the same clock the API and the workers run on (CLOCK_NOW, and the anchor
// scripts/test.mjs sets so that every process agrees), and the dates the tests derive from it.
// No test names a date of its own: run as of a Sunday evening, a DST weekend or 29 February, the
// same tests plan the week after, check in the week before, and so on.
import { clockFromSettings, type Clock } from '@homecare/common';
import { addDays, isoWeekday, localDateOf } from '@homecare/scenario';

export const testClock: Clock = clockFromSettings(process.env);

/** The zone of the tests' teams unless a test says otherwise. */
export const TEST_ZONE = 'Europe/Amsterdam';

/** Today's local date in `timeZone`, as of the clock. */
export function today(timeZone = TEST_ZONE): string {
  return localDateOf(testClock.nowMs() / 60_000, timeZone);
}

/** The Monday of the ISO week of `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export interface Week {
  /** Monday */
  periodStart: string;
  /** Sunday */
  periodEnd: string;
}

/** The ISO week `offset` weeks from the current one (0: this week, 1: next week, -1: last week). */
export function weekFromNow(offset: number, timeZone = TEST_ZONE): Week {
  const monday = addDays(mondayOf(today(timeZone)), 7 * offset);
  return { periodStart: monday, periodEnd: addDays(monday, 6) };
}

/** Local date `days` after the Monday of `week`. */
export function dayOf(week: Week, days: number): string {
  return addDays(week.periodStart, days);
}

/** Local date-time `HH:mm` on the day `days` after the Monday of `week`. */
export function localAt(week: Week, days: number, time: string): string {
  return `${dayOf(week, days)}T${time}`;
}

/** An instant `ms` milliseconds from the clock's now, as ISO 8601. */
export function instantFromNow(ms: number): string {
  return new Date(testClock.nowMs() + ms).toISOString();
}

/**
 * The local `YYYY-MM-DDTHH:mm` of an instant in `timeZone`, worked out by Intl (not by the
 * product's own time code, which the tests check): the offset follows DST on the instant's date.
 */
export function localDateTimeOf(instant: string, timeZone = TEST_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}
