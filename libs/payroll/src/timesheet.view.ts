// What a timesheet shows, as classes in a `.view.ts` file: the API documents them with the swagger
// CLI plugin, which reads types from classes only. Plain data still: nothing here runs.
import type { EpochMinutes, HourType, IsoWeekday, LocalDate, PayPeriodFrequency, TimeSource } from './units';

export class PayPeriod {
  /** `start/end`, stable: use it as the key of a period. */
  id: string;
  frequency: PayPeriodFrequency;
  /** First local date, inclusive. */
  start: LocalDate;
  /** Last local date, inclusive. */
  end: LocalDate;
}

export class PremiumBand {
  /** Stable key, used in exports and adjustments (`night`, `sunday`, ...). */
  id: string;
  label: string;
  /** Extra pay in percent of the base rate: 44 means +44 %. */
  percentage: number;
  /**
   * Local wall-clock window `HH:mm`; `to` at or before `from` wraps past midnight
   * (`22:00`-`06:00`). Omitted: the whole day.
   */
  timeOfDay?: { from: string; to: string };
  /** The minute's own local date must be one of these weekdays. Omitted: every day. */
  weekdays?: readonly IsoWeekday[];
  /** The minute's own local date must be a public holiday of the settings' calendar. */
  publicHolidaysOnly?: boolean;
}

export class WorkingTimeRules {
  /** Minimum rest between two working days. Default 11 h. */
  minRestMinutes: number;
  /** Maximum in one ISO week (Monday to Sunday). Default 48 h. */
  maxWeekMinutes: number;
  /** Maximum average per week over the reference period. Default 48 h. */
  maxAverageWeekMinutes: number;
  /** Length of the reference period in weeks. Default 16. */
  referenceWeeks: number;
  /** Continuous work longer than this needs a break. Default 6 h. */
  breakAfterMinutes: number;
  /** A gap shorter than this does not interrupt continuous work. Default 15 min. */
  continuityGapMinutes: number;
  /** A gap at least this long is a break. Default 30 min. */
  breakMinutes: number;
}

/** Worked minutes of one ISO week (Monday `weekStart`), as other periods' timesheets report them. */
export class WeeklyTotal {
  weekStart: LocalDate;
  workedMinutes: number;
}

export class TimesheetLine {
  hourType: HourType;
  /** premium: the band id; overtime: `day` or `week`; adjustment: the adjusted line's band; else ''. */
  band: string;
  /** visit lines (and their adjustments): where the times come from. */
  source?: TimeSource;
  /** premium lines (and their adjustments). */
  percentage?: number;
  /** The source of truth; may be negative on adjustment lines. */
  minutes: number;
  /** minutes / 60 rounded to 2 decimals, for display. */
  hours: number;
  /** travel lines (and their adjustments), otherwise 0. */
  kilometres: number;
  /** The visits the minutes come from, for reconciliation. */
  visitIds: string[];
  /** adjustment lines: the locked period and hour type they correct. */
  adjusts?: { periodId: string; hourType: Exclude<HourType, 'adjustment'> };
}

/** How one paid visit was counted. Travel and waiting before a visit belong to that visit. */
export class VisitEntry {
  visitId: string;
  shiftId: string;
  /** Local date of the effective start: the working day (and day for overtime) it counts on. */
  date: LocalDate;
  start: EpochMinutes;
  end: EpochMinutes;
  source: TimeSource;
  visitMinutes: number;
  previousVisitId?: string;
  travelMinutesBefore: number;
  waitingMinutesBefore: number;
  metresBefore: number;
}

export class TimesheetTotals {
  /** visit + paid travel: working time. */
  workedMinutes: number;
  visitMinutes: number;
  travelMinutes: number;
  waitingMinutes: number;
  overtimeMinutes: number;
  /** Contract minutes for the period: weekly contract x days / 7. */
  contractMinutes: number;
  metres: number;
  kilometres: number;
}

export class CaregiverTimesheet {
  caregiverId: string;
  caregiverName: string;
  period: PayPeriod;
  timeZone: string;
  lines: TimesheetLine[];
  entries: VisitEntry[];
  flags: TimesheetFlag[];
  totals: TimesheetTotals;
  dailyWorkedMinutes: { date: LocalDate; workedMinutes: number }[];
  /** This period's part of each ISO week: add them up per week for `weeklyHistory`. */
  weeklyTotals: WeeklyTotal[];
}

// One class per kind of flag: a union discriminated by `kind`.
export class RestTooShortFlag {
  kind: 'rest-too-short';
  date: LocalDate;
  nextDate: LocalDate;
  restMinutes: number;
  requiredMinutes: number;
  message: string;
}

export class TooManyDaysInARowFlag {
  kind: 'too-many-days-in-a-row';
  /** The first and the last local date of the run of working days. */
  date: LocalDate;
  lastDate: LocalDate;
  days: number;
  limitDays: number;
  message: string;
}

export class WeekOverLimitFlag {
  kind: 'week-over-limit';
  weekStart: LocalDate;
  workedMinutes: number;
  limitMinutes: number;
  message: string;
}

export class AverageOverLimitFlag {
  kind: 'average-over-limit';
  weekStart: LocalDate;
  averageMinutes: number;
  limitMinutes: number;
  referenceWeeks: number;
  message: string;
}

export class NoBreakFlag {
  kind: 'no-break';
  start: EpochMinutes;
  end: EpochMinutes;
  continuousMinutes: number;
  limitMinutes: number;
  visitIds: string[];
  message: string;
}

export class LateFlag {
  kind: 'late';
  visitId: string;
  minutesLate: number;
  reference: 'planned-start' | 'latest-start';
  message: string;
}

export class MissedFlag {
  kind: 'missed';
  visitId: string;
  reason: 'status-missed' | 'no-check-in';
  message: string;
}

export class MissingCheckOutFlag {
  kind: 'missing-check-out';
  visitId: string;
  message: string;
}

export class OverlapFlag {
  kind: 'overlap';
  visitIds: [string, string];
  overlapMinutes: number;
  message: string;
}

export class InvalidTimesFlag {
  kind: 'invalid-times';
  visitId: string;
  message: string;
}

export type TimesheetFlag =
  | RestTooShortFlag
  | TooManyDaysInARowFlag
  | WeekOverLimitFlag
  | AverageOverLimitFlag
  | NoBreakFlag
  | LateFlag
  | MissedFlag
  | MissingCheckOutFlag
  | OverlapFlag
  | InvalidTimesFlag;

/** One exported line: a caregiver x hour type x band (x source for visit lines). */
export class PayrollExportLine {
  caregiverId: string;
  caregiverName: string;
  periodId: string;
  periodStart: string;
  periodEnd: string;
  hourType: HourType;
  band: string;
  source: TimeSource | null;
  percentage: number | null;
  minutes: number;
  hours: number;
  kilometres: number;
  visitCount: number;
  visitIds: string[];
  adjustsPeriodId: string | null;
  adjustsHourType: HourType | null;
}
