// The plain units of payroll data, shared by types.ts and timesheet.view.ts (kept apart so the two
// do not import each other).

/** Whole minutes since 1970-01-01T00:00Z. From a Date: `toEpochMinutes(date)`. */
export type EpochMinutes = number;
/** A local calendar date `YYYY-MM-DD` in the organisation's zone. */
export type LocalDate = string;
/** 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type PayPeriodFrequency = 'weekly' | 'two-weekly' | 'four-weekly' | 'monthly';
export type HourType = 'visit' | 'travel' | 'waiting' | 'overtime' | 'premium' | 'adjustment';
export type TimeSource = 'planned' | 'actual' | 'corrected';
