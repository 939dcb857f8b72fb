// Dates and times as people read them, in the zone of the team or client (never the browser's:
// a family member abroad still sees the visit's local time).
import { locale, t } from '../i18n';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    cache.set(key, found);
  }
  return found;
}

/** "Monday 23 November" for a local date `YYYY-MM-DD` (read as a calendar date, not an instant). */
export function longDay(date: string): string {
  return formatter({ weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "Mon 23 Nov" for a local date `YYYY-MM-DD`. */
export function shortDay(date: string): string {
  return formatter({ weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "09:30" from a local `YYYY-MM-DDTHH:mm` (already in the right zone). */
export function clockOf(localDateTime: string): string {
  return localDateTime.slice(11, 16);
}

/** "09:30" for an instant, in `timeZone`. */
export function clockIn(instant: string | Date, timeZone: string): string {
  return formatter({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(instant),
  );
}

/** "23 November 2026, 14:05" for an instant, in `timeZone` (or the browser's when not given). */
export function dateTime(instant: string | Date, timeZone?: string): string {
  return formatter({ dateStyle: 'long', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(
    new Date(instant),
  );
}

/** "7 h 30 min" (Dutch "7 uur 30 min") for a number of minutes. */
export function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (hours === 0) return t('duration.minutes', { minutes: rest });
  return rest === 0 ? t('duration.hours', { hours }) : t('duration.hoursMinutes', { hours, minutes: rest });
}
