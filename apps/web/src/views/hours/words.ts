// Periods, states, hours and warnings in the app's language.
import { locale, t, type MessageKey } from '../../i18n';
import { clockIn, shortDay } from '../../lib/format';
import type { Column } from './timesheet-table';
import type { PayPeriodState } from './hours-api';

const dayRange = new Intl.DateTimeFormat(locale, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const hoursFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kilometresFormat = new Intl.NumberFormat(locale, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** "5–11 Oct 2026" for a period's first and last local dates. */
export function periodLabel(period: { start: string; end: string }): string {
  return dayRange.formatRange(new Date(`${period.start}T00:00:00Z`), new Date(`${period.end}T00:00:00Z`));
}

export function stateLabel(state: PayPeriodState): string {
  return t(`hours.state.${state}`);
}

export const formatHours = (hours: number): string => hoursFormat.format(hours);
export const formatKilometres = (kilometres: number): string => kilometresFormat.format(kilometres);

const COLUMN_KEYS: Record<string, MessageKey> = {
  visit: 'hours.column.visit',
  travel: 'hours.column.travel',
  waiting: 'hours.column.waiting',
  worked: 'hours.column.worked',
  contract: 'hours.column.contract',
  overtime: 'hours.column.overtime',
  adjustment: 'hours.column.adjustment',
  kilometres: 'hours.column.kilometres',
};

/**
 * Premium bands of the default settings by their stable id; the API's label is the organisation's
 * own text (in Dutch by default), so a band of these kinds is named from the catalogue instead.
 */
const BAND_KEYS: Record<string, MessageKey> = {
  'public-holiday': 'hours.band.public-holiday',
  sunday: 'hours.band.sunday',
  saturday: 'hours.band.saturday',
  night: 'hours.band.night',
  evening: 'hours.band.evening',
};

/** "Saturday", "Night 22:00–06:00" for a known band; an organisation's own band by its own label. */
export function bandLabel(band: {
  band: string;
  label: string;
  timeOfDay?: { from: string; to: string };
}): string {
  const key = Object.hasOwn(BAND_KEYS, band.band) ? BAND_KEYS[band.band] : undefined;
  if (!key) return band.label;
  const name = t(key);
  return band.timeOfDay ? t('hours.band.withTimes', { name, ...band.timeOfDay }) : name;
}

export function columnLabel(column: Column): string {
  if ('band' in column)
    return t('hours.column.premium', { label: bandLabel(column), percentage: column.percentage });
  return t(COLUMN_KEYS[column.id]);
}

const FLAG_KINDS = new Set([
  'rest-too-short',
  'too-many-days-in-a-row',
  'week-over-limit',
  'average-over-limit',
  'no-break',
  'late',
  'missed',
  'missing-check-out',
  'overlap',
  'invalid-times',
]);

/** "Late check-in" for `late`; a kind this version does not know is shown as the API names it. */
export function flagTitle(kind: string): string {
  return FLAG_KINDS.has(kind) ? t(`hours.flag.${kind}` as MessageKey) : kind;
}

const whenFormat = (timeZone: string) =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });

/** "Tue 6 Oct, 09:25" for an instant (epoch minutes) in the team's zone, or "Tue 6 Oct" for a date. */
export function whenLabel(when: { date?: string; start?: number }, timeZone: string): string | undefined {
  if (when.start !== undefined) return whenFormat(timeZone).format(new Date(when.start * 60_000));
  return when.date ? shortDay(when.date) : undefined;
}

/** "Tue 6 Oct 09:25": a visit by its working day and start, in the team's zone. */
export function visitLabel(entry: { date: string; start: number }, timeZone: string): string {
  return `${shortDay(entry.date)} ${clockIn(new Date(entry.start * 60_000), timeZone)}`;
}
