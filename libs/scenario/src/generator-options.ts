// What the generator can be asked for, its defaults and their checks: apart from the generating
// itself so that callers (CLI, demo, benchmarks) read the options without the machinery.
import { isLocalDate, isValidTimeZone } from './time';
import { DEFAULT_SPEED_KMH } from './travel';
import type { WorkingTimeRules } from './types';

export interface GenerateOptions {
  seed?: number;
  caregivers?: number;
  clients?: number;
  /** first local date `YYYY-MM-DD`; a fixed Monday so that output does not depend on today */
  start?: string;
  days?: number;
  timezone?: string;
  lat?: number;
  lon?: number;
  radiusKm?: number;
  speedKmh?: number;
  /** prepended to every id, so that several teams can share one database */
  idPrefix?: string;
  name?: string;
  /** working-time rules to write into the scenario (e.g. the EU's {minRestMinutes: 660, maxConsecutiveDays: 6}) */
  rules?: WorkingTimeRules;
  /** medication, nursing and hoist visits become `critical`, and some clients get an `optional` social visit a week */
  priorities?: boolean;
  /** caregivers say when they would rather not work (evenings, weekends) or would rather work (mornings) */
  wishes?: boolean;
}

/** The EU's working-time directive as most Dutch homecare organisations apply it. */
export const EU_WORKING_TIME_RULES: Readonly<Required<WorkingTimeRules>> = Object.freeze({
  minRestMinutes: 11 * 60,
  maxConsecutiveDays: 6,
});

export interface OrganisationOptions extends GenerateOptions {
  teams: number;
}

export const GENERATOR_DEFAULTS = {
  seed: 1,
  caregivers: 12,
  clients: 50,
  start: '2026-11-23',
  days: 7,
  timezone: 'Europe/Amsterdam',
  lat: 52.36,
  lon: 4.9,
  radiusKm: 2,
  speedKmh: DEFAULT_SPEED_KMH,
  idPrefix: '',
  name: '',
  rules: undefined,
  priorities: false,
  wishes: false,
} as const;

export type Settings = Required<Omit<GenerateOptions, 'rules'>> & { rules?: WorkingTimeRules };

export function checkedOptions(options: GenerateOptions): Settings {
  const settings = { ...GENERATOR_DEFAULTS, ...stripUndefined(options) } as Settings;
  const wholeAtLeast = (value: number, min: number, label: string): void => {
    if (!Number.isInteger(value) || value < min)
      throw new RangeError(`${label} must be an integer >= ${min}, got ${value}`);
  };
  wholeAtLeast(settings.caregivers, 1, 'caregivers');
  wholeAtLeast(settings.clients, 0, 'clients');
  wholeAtLeast(settings.days, 1, 'days');
  if (!Number.isFinite(settings.seed)) throw new RangeError(`seed must be a number, got ${settings.seed}`);
  if (!isLocalDate(settings.start))
    throw new RangeError(`start must be a date YYYY-MM-DD, got ${String(settings.start)}`);
  if (!isValidTimeZone(settings.timezone))
    throw new RangeError(`unknown time zone "${String(settings.timezone)}"`);
  if (!(Math.abs(settings.lat) <= 80))
    throw new RangeError(`lat must be within [-80, 80], got ${String(settings.lat)}`);
  if (!(Math.abs(settings.lon) <= 180))
    throw new RangeError(`lon must be within [-180, 180], got ${String(settings.lon)}`);
  if (!(settings.radiusKm > 0)) throw new RangeError(`radiusKm must be > 0, got ${settings.radiusKm}`);
  if (!(settings.speedKmh > 0)) throw new RangeError(`speedKmh must be > 0, got ${settings.speedKmh}`);
  const { minRestMinutes, maxConsecutiveDays } = settings.rules ?? {};
  if (minRestMinutes !== undefined && !(Number.isInteger(minRestMinutes) && minRestMinutes >= 0))
    throw new RangeError(`rules.minRestMinutes must be an integer >= 0, got ${minRestMinutes}`);
  if (maxConsecutiveDays !== undefined && !(Number.isInteger(maxConsecutiveDays) && maxConsecutiveDays >= 1))
    throw new RangeError(`rules.maxConsecutiveDays must be an integer >= 1, got ${maxConsecutiveDays}`);
  return settings;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
