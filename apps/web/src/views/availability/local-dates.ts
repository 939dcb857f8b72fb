// Calendar arithmetic on local dates `YYYY-MM-DD` and local times `YYYY-MM-DDTHH:mm`, as the API
// speaks them (wall-clock time in the team's zone). Pure: no DOM, no host time zone.
import { now as currentTime } from '../../clock';

/** The local date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Today's date in `timeZone` (the team's, not the browser's). */
export function todayIn(timeZone: string, now: Date = currentTime()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** ISO weekday of a local date: 1 = Monday ... 7 = Sunday. */
export function isoWeekdayOf(date: string): number {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Minutes since midnight of `HH:mm`. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The date part of a local `YYYY-MM-DDTHH:mm`. */
export const dateOf = (localDateTime: string): string => localDateTime.slice(0, 10);

/** The time part `HH:mm` of a local `YYYY-MM-DDTHH:mm`. */
export const timeOf = (localDateTime: string): string => localDateTime.slice(11, 16);
