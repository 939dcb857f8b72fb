import { addDays, isoWeekday } from '@homecare/scenario';
import { daysBetween } from './pay-period';
import type { EpochMinutes, LocalDate, TimesheetFlag, WeeklyTotal, WorkingTimeRules } from './types';

/** Days in a row where the team sets no rule of its own: the EU default the product ships with. */
export const DEFAULT_MAX_CONSECUTIVE_DAYS = 6;

export const DEFAULT_WORKING_TIME_RULES: Readonly<WorkingTimeRules> = {
  minRestMinutes: 11 * 60,
  maxWeekMinutes: 48 * 60,
  maxAverageWeekMinutes: 48 * 60,
  referenceWeeks: 16,
  breakAfterMinutes: 6 * 60,
  continuityGapMinutes: 15,
  breakMinutes: 30,
};

/** A stretch of working time (a visit, or paid travel) on the working day it counts for. */
export interface WorkSegment {
  start: EpochMinutes;
  end: EpochMinutes;
  date: LocalDate;
  visitId: string;
}

/** Monday of the ISO week of a date. */
export function weekStartOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

const hours = (minutes: number): string =>
  `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;

/**
 * Rest between working days: from the end of the last work counted on one day to the start of
 * the first work counted on the next working day. Work counts on the local date it starts.
 */
export function checkDailyRest(segments: readonly WorkSegment[], rules: WorkingTimeRules): TimesheetFlag[] {
  const days = new Map<LocalDate, { first: number; last: number }>();
  for (const segment of segments) {
    const day = days.get(segment.date);
    if (!day) days.set(segment.date, { first: segment.start, last: segment.end });
    else {
      day.first = Math.min(day.first, segment.start);
      day.last = Math.max(day.last, segment.end);
    }
  }
  const dates = [...days.keys()].sort();
  const flags: TimesheetFlag[] = [];
  for (let index = 1; index < dates.length; index++) {
    const rest = days.get(dates[index])!.first - days.get(dates[index - 1])!.last;
    if (rest < rules.minRestMinutes) {
      flags.push({
        kind: 'rest-too-short',
        date: dates[index - 1],
        nextDate: dates[index],
        restMinutes: rest,
        requiredMinutes: rules.minRestMinutes,
        message: `only ${hours(Math.max(0, rest))} rest between ${dates[index - 1]} and ${dates[index]}`,
      });
    }
  }
  return flags;
}

/**
 * Days worked in a row (`limit`: the team's rule, as the roster engine plans with it; null: not
 * checked): each run of consecutive local dates with work that is longer than
 * `maxConsecutiveDays` is flagged once. Only this period's days count (a run that began in the
 * period before is counted from the period's first day).
 */
export function checkConsecutiveDays(
  segments: readonly WorkSegment[],
  limit: number | null,
): TimesheetFlag[] {
  if (limit === null) return [];
  const dates = [...new Set(segments.map((segment) => segment.date))].sort();
  const flags: TimesheetFlag[] = [];
  let runStart = 0;
  for (let index = 1; index <= dates.length; index++) {
    if (index < dates.length && dates[index] === addDays(dates[index - 1], 1)) continue;
    const days = index - runStart;
    if (days > limit)
      flags.push({
        kind: 'too-many-days-in-a-row',
        date: dates[runStart],
        lastDate: dates[index - 1],
        days,
        limitDays: limit,
        message: `${days} working days in a row from ${dates[runStart]} to ${dates[index - 1]} (at most ${limit})`,
      });
    runStart = index;
  }
  return flags;
}

/**
 * Continuous work: gaps shorter than `continuityGapMinutes` count as work, gaps of at least
 * `breakMinutes` are a break and start a new stretch, gaps in between pause the count without
 * resetting it. A stretch whose count exceeds `breakAfterMinutes` is flagged once.
 */
export function checkBreaks(segments: readonly WorkSegment[], rules: WorkingTimeRules): TimesheetFlag[] {
  const sorted = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
  const flags: TimesheetFlag[] = [];
  let stretchStart = 0;
  let lastEnd: number | undefined;
  let counted = 0;
  let visitIds: string[] = [];
  const close = (): void => {
    if (lastEnd !== undefined && counted > rules.breakAfterMinutes) {
      flags.push({
        kind: 'no-break',
        start: stretchStart,
        end: lastEnd,
        continuousMinutes: counted,
        limitMinutes: rules.breakAfterMinutes,
        visitIds: [...new Set(visitIds)],
        message: `${hours(counted)} of work without a break of ${rules.breakMinutes} min`,
      });
    }
  };
  for (const segment of sorted) {
    if (lastEnd === undefined || segment.start - lastEnd >= rules.breakMinutes) {
      close();
      stretchStart = segment.start;
      counted = 0;
      visitIds = [];
      lastEnd = segment.start;
    } else if (segment.start - lastEnd < rules.continuityGapMinutes) {
      counted += Math.max(0, segment.start - lastEnd);
    }
    // Only the part after the work already counted (overlaps count once).
    counted += Math.max(0, segment.end - Math.max(segment.start, lastEnd));
    lastEnd = Math.max(lastEnd, segment.end);
    visitIds.push(segment.visitId);
  }
  close();
  return flags;
}

/** Worked minutes per ISO week of this period's work. */
export function weeklyTotalsOf(dailyWorked: ReadonlyMap<LocalDate, number>): WeeklyTotal[] {
  const weeks = new Map<LocalDate, number>();
  for (const [date, minutes] of dailyWorked) {
    const week = weekStartOf(date);
    weeks.set(week, (weeks.get(week) ?? 0) + minutes);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([weekStart, workedMinutes]) => ({ weekStart, workedMinutes }));
}

/**
 * The weekly maximum per ISO week, and the average over the `referenceWeeks` weeks ending with
 * each week of this period. Weeks are this period's part plus the history of the same week (a week
 * split over two periods); a week missing from both counts as 0 (nothing worked).
 */
export function checkWeeklyLimits(
  periodWeeks: readonly WeeklyTotal[],
  history: readonly WeeklyTotal[],
  rules: WorkingTimeRules,
): TimesheetFlag[] {
  const merged = new Map<LocalDate, number>();
  for (const week of [...history, ...periodWeeks]) {
    const key = weekStartOf(week.weekStart);
    merged.set(key, (merged.get(key) ?? 0) + week.workedMinutes);
  }
  const flags: TimesheetFlag[] = [];
  for (const { weekStart } of periodWeeks) {
    const worked = merged.get(weekStart) ?? 0;
    if (worked > rules.maxWeekMinutes) {
      flags.push({
        kind: 'week-over-limit',
        weekStart,
        workedMinutes: worked,
        limitMinutes: rules.maxWeekMinutes,
        message: `${hours(worked)} worked in the week of ${weekStart} (limit ${hours(rules.maxWeekMinutes)})`,
      });
    }
    let total = 0;
    for (const [otherWeek, minutes] of merged) {
      const weeksBack = daysBetween(otherWeek, weekStart) / 7;
      if (weeksBack >= 0 && weeksBack < rules.referenceWeeks) total += minutes;
    }
    const average = Math.round(total / rules.referenceWeeks);
    if (total > rules.maxAverageWeekMinutes * rules.referenceWeeks) {
      flags.push({
        kind: 'average-over-limit',
        weekStart,
        averageMinutes: average,
        limitMinutes: rules.maxAverageWeekMinutes,
        referenceWeeks: rules.referenceWeeks,
        message: `average ${hours(average)} per week over the ${rules.referenceWeeks} weeks to ${addDays(weekStart, 6)}`,
      });
    }
  }
  return flags;
}
