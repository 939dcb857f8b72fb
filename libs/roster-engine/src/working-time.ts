import { dayNumberOf, formatLocalDateTime, isoWeekday, isoWeekStart } from '@homecare/scenario';

// Working-time law as the shared specification words it, shared by the checker, the search and the
// explanations: a caregiver's working day is the set of their visits whose start has one local
// date; rest runs from the last end of one working day to the first start of the next date's;
// weekly limits hold per ISO week (Monday first) of each visit's local start date.

/** A caregiver's visits on one local date. */
export interface WorkDay {
  /** `YYYY-MM-DD` */
  date: string;
  /** days since 1970-01-01, so that consecutive dates differ by 1 */
  day: number;
  firstStart: number;
  lastEnd: number;
}

export interface RestBreach {
  earlier: WorkDay;
  later: WorkDay;
  /** minutes from the earlier day's last end to the later day's first start */
  rest: number;
}

export interface ConsecutiveBreach {
  /** days in a row, first more than the limit */
  run: number;
  /** the date on which the run first goes over the limit */
  until: string;
}

/** Local date and hour of an instant. */
export function localDateAndHour(epochMinutes: number, timeZone: string): { date: string; hour: number } {
  const text = formatLocalDateTime(epochMinutes, timeZone);
  return { date: text.slice(0, 10), hour: Number(text.slice(11, 13)) };
}

/** The Monday of the ISO week of a local date: the key of a weekly limit. */
export const weekKeyOf = isoWeekStart;

/** Saturday, Sunday, or a start from 18:00: the minutes fairness shares out. */
export function isUnsocialStart(date: string, hour: number): boolean {
  return isoWeekday(date) >= 6 || hour >= 18;
}

/** Working days of a caregiver's visits (any order), sorted by date. */
export function workDaysOf(stops: readonly { start: number; end: number; date: string }[]): WorkDay[] {
  const byDate = new Map<string, WorkDay>();
  for (const stop of stops) {
    const known = byDate.get(stop.date);
    if (known) {
      known.firstStart = Math.min(known.firstStart, stop.start);
      known.lastEnd = Math.max(known.lastEnd, stop.end);
    } else
      byDate.set(stop.date, {
        date: stop.date,
        day: dayNumberOf(stop.date),
        firstStart: stop.start,
        lastEnd: stop.end,
      });
  }
  return [...byDate.values()].sort((first, second) => first.day - second.day);
}

/** Pairs of working days on consecutive dates with less than `minRest` minutes between them. */
export function restBreaches(days: readonly WorkDay[], minRest: number | undefined): RestBreach[] {
  if (minRest == null) return [];
  const breaches: RestBreach[] = [];
  for (let index = 1; index < days.length; index++) {
    const earlier = days[index - 1];
    const later = days[index];
    if (later.day - earlier.day !== 1) continue;
    const rest = later.firstStart - earlier.lastEnd;
    if (rest < minRest) breaches.push({ earlier, later, rest });
  }
  return breaches;
}

/** The first run of consecutive working dates longer than `maxDays`, if any. */
export function consecutiveBreach(
  days: readonly WorkDay[],
  maxDays: number | undefined,
): ConsecutiveBreach | undefined {
  if (maxDays == null) return undefined;
  let run = 0;
  for (let index = 0; index < days.length; index++) {
    run = index > 0 && days[index].day - days[index - 1].day === 1 ? run + 1 : 1;
    if (run > maxDays) return { run, until: days[index].date };
  }
  return undefined;
}

/** Minutes of [start, end) inside any of the windows (the windows may overlap; each counts). */
export function minutesInside(
  start: number,
  end: number,
  windows: readonly { start: number; end: number }[],
): number {
  let minutes = 0;
  for (const window of windows)
    minutes += Math.max(0, Math.min(end, window.end) - Math.max(start, window.start));
  return minutes;
}

/** `7h30` */
export const hoursAndMinutes = (minutes: number): string =>
  `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
