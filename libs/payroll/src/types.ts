// Plain data in, plain data out. Instants are whole epoch minutes (as in @homecare/scenario);
// calendar days are local dates `YYYY-MM-DD` in the organisation's IANA zone.
import type { LatLon } from '@homecare/scenario';
import type {
  PremiumBand,
  TimesheetFlag,
  TimesheetLine,
  WeeklyTotal,
  WorkingTimeRules,
} from './timesheet.view';

// What a timesheet shows lives in timesheet.view.ts (classes, for the API's OpenAPI document).
export * from './timesheet.view';
export * from './units';
import type { EpochMinutes, LocalDate, PayPeriodFrequency } from './units';

// ---------------------------------------------------------------------------------------------
// Pay periods

export interface PayPeriodConfig {
  frequency: PayPeriodFrequency;
  /**
   * The first day of any one period. Weekly, two- and four-weekly periods repeat every 7, 14 or
   * 28 days from it in both directions; monthly periods start on the anchor's day of the month
   * (1 to 28, so that every month has it).
   */
  anchorDate: LocalDate;
}

// ---------------------------------------------------------------------------------------------
// Organisation settings

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

export interface PayrollSettings {
  /** IANA zone of the team: bands, days and weeks are local wall-clock. */
  timeZone: string;
  premiumBands: readonly PremiumBand[];
  /** Public holidays that count for the `publicHolidaysOnly` bands (see `holidaysOf`). */
  publicHolidays: readonly PublicHoliday[];
  /** Travel model of the spec; a caregiver's own speed wins. Defaults 15 km/h and 1.3. */
  travel?: { speedKmh?: number; detourFactor?: number };
  workingTime?: Partial<WorkingTimeRules>;
  /**
   * At most this many working days in a row: the team's working-time rule (the roster engine's
   * `consecutive-days`), set with the organisation's working-time rules, not payroll's. Default 6;
   * null: not checked.
   */
  maxConsecutiveDays?: number | null;
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

export type OvertimeBand = 'day' | 'week';

export type TimesheetFlagKind = TimesheetFlag['kind'];
