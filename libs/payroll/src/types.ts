// Plain data in, plain data out. Instants are whole epoch minutes (as in @homecare/scenario);
// calendar days are local dates `YYYY-MM-DD` in the organisation's IANA zone.
import type { LatLon } from '@homecare/scenario';

/** Whole minutes since 1970-01-01T00:00Z. From a Date: `toEpochMinutes(date)`. */
export type EpochMinutes = number;
/** A local calendar date `YYYY-MM-DD` in the organisation's zone. */
export type LocalDate = string;
/** 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

// ---------------------------------------------------------------------------------------------
// Pay periods

export type PayPeriodFrequency = 'weekly' | 'two-weekly' | 'four-weekly' | 'monthly';

export interface PayPeriodConfig {
  frequency: PayPeriodFrequency;
  /**
   * The first day of any one period. Weekly, two- and four-weekly periods repeat every 7, 14 or
   * 28 days from it in both directions; monthly periods start on the anchor's day of the month
   * (1 to 28, so that every month has it).
   */
  anchorDate: LocalDate;
}

export interface PayPeriod {
  /** `start/end`, stable: use it as the key of a period. */
  id: string;
  frequency: PayPeriodFrequency;
  /** First local date, inclusive. */
  start: LocalDate;
  /** Last local date, inclusive. */
  end: LocalDate;
}

// ---------------------------------------------------------------------------------------------
// Organisation settings

export interface PremiumBand {
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

export interface PublicHoliday {
  date: LocalDate;
  name: string;
  /** Only a holiday where the collective agreement says so (Goede Vrijdag, Bevrijdingsdag outside lustrum years). */
  optional?: boolean;
}

export interface HolidayCalendar {
  /** `NL`, `NL-ghz`, `BE-VLG`, ... */
  id: string;
  name: string;
  holidays: readonly PublicHoliday[];
}

export interface WorkingTimeRules {
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

export interface PayrollSettings {
  /** IANA zone of the team: bands, days and weeks are local wall-clock. */
  timeZone: string;
  premiumBands: readonly PremiumBand[];
  /** Public holidays that count for the `publicHolidaysOnly` bands (see `holidaysOf`). */
  publicHolidays: readonly PublicHoliday[];
  /** Travel model of the spec; a caregiver's own speed wins. Defaults 15 km/h and 1.3. */
  travel?: { speedKmh?: number; detourFactor?: number };
  workingTime?: Partial<WorkingTimeRules>;
  /** A check-in later than planned start + this is late. Default 15. */
  lateToleranceMinutes?: number;
}

// ---------------------------------------------------------------------------------------------
// Per caregiver input

/**
 * `scheduled`: not settled yet (counted when there is a check-in or a correction);
 * `done`: confirmed as done; `missed`: nobody came; `cancelled`: not worked and not flagged.
 */
export type VisitStatus = 'scheduled' | 'done' | 'missed' | 'cancelled';

export interface TimeCorrection {
  start: EpochMinutes;
  end: EpochMinutes;
  reason: string;
  /** The latest correction wins; on a tie, the one later in the list. */
  correctedAt: EpochMinutes;
  correctedBy?: string;
}

export interface WorkedVisit {
  id: string;
  clientId?: string;
  location: LatLon;
  /** The availability interval (shift) this visit lies in: paid travel never crosses shifts. */
  shiftId: string;
  status: VisitStatus;
  plannedStart: EpochMinutes;
  plannedEnd: EpochMinutes;
  /** Latest start the visit's window allows (latestEnd - duration); a later check-in is late. */
  latestStart?: EpochMinutes;
  /** Actual start and end from the app. */
  checkIn?: EpochMinutes;
  checkOut?: EpochMinutes;
  /** Kept in full; the effective times are the latest correction's. */
  corrections?: readonly TimeCorrection[];
}

export interface CaregiverPayProfile {
  id: string;
  name: string;
  contractMinutesPerWeek: number;
  maxMinutesPerDay?: number | null;
  speedKmh?: number | null;
}

/** Worked minutes of one ISO week (Monday `weekStart`), as other periods' timesheets report them. */
export interface WeeklyTotal {
  weekStart: LocalDate;
  workedMinutes: number;
}

export interface CaregiverPeriodInput {
  caregiver: CaregiverPayProfile;
  /**
   * The caregiver's visits whose planned start lies in the period. Visits of the same shifts just
   * outside the period may be added: they are never paid here, only the origin of travel.
   */
  visits: readonly WorkedVisit[];
  /** Weekly totals from other periods, for the average over the reference period. */
  weeklyHistory?: readonly WeeklyTotal[];
  /** Adjustment lines from corrections to locked periods, to be paid in this period. */
  carriedAdjustments?: readonly TimesheetLine[];
}

export interface ComputeOptions {
  /**
   * The moment of computing. A scheduled visit without check-in that should have started before
   * it is missed. Default: the end of the period (the period is over).
   */
  asOf?: EpochMinutes;
}

// ---------------------------------------------------------------------------------------------
// Output

export type HourType = 'visit' | 'travel' | 'waiting' | 'overtime' | 'premium' | 'adjustment';
export type TimeSource = 'planned' | 'actual' | 'corrected';
export type OvertimeBand = 'day' | 'week';

export interface TimesheetLine {
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
export interface VisitEntry {
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

export type TimesheetFlag =
  | {
      kind: 'rest-too-short';
      date: LocalDate;
      nextDate: LocalDate;
      restMinutes: number;
      requiredMinutes: number;
      message: string;
    }
  | {
      kind: 'week-over-limit';
      weekStart: LocalDate;
      workedMinutes: number;
      limitMinutes: number;
      message: string;
    }
  | {
      kind: 'average-over-limit';
      weekStart: LocalDate;
      averageMinutes: number;
      limitMinutes: number;
      referenceWeeks: number;
      message: string;
    }
  | {
      kind: 'no-break';
      start: EpochMinutes;
      end: EpochMinutes;
      continuousMinutes: number;
      limitMinutes: number;
      visitIds: string[];
      message: string;
    }
  | {
      kind: 'late';
      visitId: string;
      minutesLate: number;
      reference: 'planned-start' | 'latest-start';
      message: string;
    }
  | { kind: 'missed'; visitId: string; reason: 'status-missed' | 'no-check-in'; message: string }
  | { kind: 'missing-check-out'; visitId: string; message: string }
  | { kind: 'overlap'; visitIds: [string, string]; overlapMinutes: number; message: string }
  | { kind: 'invalid-times'; visitId: string; message: string };

export type TimesheetFlagKind = TimesheetFlag['kind'];

export interface TimesheetTotals {
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

export interface CaregiverTimesheet {
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
