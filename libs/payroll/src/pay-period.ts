import { addDays, isLocalDate, startOfLocalDate } from '@homecare/scenario';
import { PayrollError } from './errors';
import type { EpochMinutes, LocalDate, PayPeriod, PayPeriodConfig, PayPeriodFrequency } from './types';

const DAY_MS = 86_400_000;
const PERIOD_DAYS: Record<Exclude<PayPeriodFrequency, 'monthly'>, number> = {
  weekly: 7,
  'two-weekly': 14,
  'four-weekly': 28,
};

function assertDate(date: string, what: string): void {
  const message = `${what} "${date}" is not a date YYYY-MM-DD`;
  if (!isLocalDate(date)) throw new PayrollError('invalid-date', message);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function makePeriod(frequency: PayPeriodFrequency, start: LocalDate, end: LocalDate): PayPeriod {
  return { id: `${start}/${end}`, frequency, start, end };
}

function monthStart(year: number, month: number, day: number): LocalDate {
  // month may be 0 or 13: Date.UTC rolls it over into the neighbouring year.
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The pay period of the organisation that contains a local date. */
export function periodContaining(config: PayPeriodConfig, date: LocalDate): PayPeriod {
  assertDate(config.anchorDate, 'anchor date');
  assertDate(date, 'date');
  if (config.frequency === 'monthly') {
    const anchorDay = Number(config.anchorDate.slice(8, 10));
    if (anchorDay > 28) {
      throw new PayrollError(
        'invalid-period-config',
        'a monthly period must start on day 1 to 28 of the month',
      );
    }
    const [year, month, day] = date.split('-').map(Number);
    const start =
      day >= anchorDay ? monthStart(year, month, anchorDay) : monthStart(year, month - 1, anchorDay);
    const [startYear, startMonth] = start.split('-').map(Number);
    return makePeriod('monthly', start, addDays(monthStart(startYear, startMonth + 1, anchorDay), -1));
  }
  const length = PERIOD_DAYS[config.frequency];
  if (length === undefined) {
    throw new PayrollError(
      'invalid-period-config',
      `unknown pay period frequency "${String(config.frequency)}"`,
    );
  }
  const index = Math.floor(daysBetween(config.anchorDate, date) / length);
  const start = addDays(config.anchorDate, index * length);
  return makePeriod(config.frequency, start, addDays(start, length - 1));
}

export function nextPeriod(config: PayPeriodConfig, period: PayPeriod): PayPeriod {
  return periodContaining(config, addDays(period.end, 1));
}

export function previousPeriod(config: PayPeriodConfig, period: PayPeriod): PayPeriod {
  return periodContaining(config, addDays(period.start, -1));
}

/** Number of calendar days in a period. */
export function periodDays(period: PayPeriod): number {
  return daysBetween(period.start, period.end) + 1;
}

/** The period as instants: from the first minute of `start` to the first minute after `end`. */
export function periodInstants(
  period: PayPeriod,
  timeZone: string,
): { start: EpochMinutes; end: EpochMinutes } {
  return {
    start: startOfLocalDate(period.start, timeZone),
    end: startOfLocalDate(addDays(period.end, 1), timeZone),
  };
}

/**
 * Where a correction to work on `date` goes: its own period while that is open, otherwise the
 * first open period after it (a locked period is never edited; see `adjustmentLines`).
 */
export function periodForCorrection(
  config: PayPeriodConfig,
  date: LocalDate,
  isLocked: (period: PayPeriod) => boolean,
): PayPeriod {
  let period = periodContaining(config, date);
  // A guard against a caller whose isLocked never says false.
  for (let step = 0; step < 10_000 && isLocked(period); step++) period = nextPeriod(config, period);
  if (isLocked(period))
    throw new PayrollError('invalid-period-config', 'no open period found after a locked one');
  return period;
}
