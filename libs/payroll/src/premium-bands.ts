import { PayrollError } from './errors';
import { dateOfDayIndex, forEachLocalDayPiece, weekdayOfDayIndex } from './local-clock';
import type { PremiumBand, PublicHoliday } from './types';

const DAY_MINUTES = 1440;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Example bands close to the Dutch VVT collective agreement. Order matters only for ties: when two
 * bands with the same percentage cover a minute, the one listed first gets it.
 */
export const DEFAULT_PREMIUM_BANDS: readonly PremiumBand[] = [
  { id: 'public-holiday', label: 'Feestdag', percentage: 60, publicHolidaysOnly: true },
  { id: 'sunday', label: 'Zondag', percentage: 60, weekdays: [7] },
  { id: 'night', label: 'Nacht 22:00-06:00', percentage: 44, timeOfDay: { from: '22:00', to: '06:00' } },
  { id: 'saturday', label: 'Zaterdag', percentage: 38, weekdays: [6] },
  {
    id: 'evening',
    label: 'Avond 20:00-22:00',
    percentage: 22,
    timeOfDay: { from: '20:00', to: '22:00' },
    weekdays: [1, 2, 3, 4, 5],
  },
];

/** The default bands' labels per language: Dutch first (the defaults' own), English second. */
export const DEFAULT_BAND_LABELS: Record<'nl' | 'en', Record<string, string>> = {
  nl: Object.fromEntries(DEFAULT_PREMIUM_BANDS.map((band) => [band.id, band.label])),
  en: {
    'public-holiday': 'Public holiday',
    sunday: 'Sunday',
    night: 'Night 22:00-06:00',
    saturday: 'Saturday',
    evening: 'Evening 20:00-22:00',
  },
};

/**
 * A band's label in the reader's language: a default band still under its default label (in
 * either language) is named in the reader's; an organisation's own label stays as it wrote it.
 */
export function bandLabelIn(band: Pick<PremiumBand, 'id' | 'label'>, language: 'nl' | 'en'): string {
  const isDefault = Object.values(DEFAULT_BAND_LABELS).some(
    (labels) => Object.hasOwn(labels, band.id) && labels[band.id] === band.label,
  );
  return isDefault ? DEFAULT_BAND_LABELS[language][band.id] : band.label;
}

function clockMinutes(text: string, bandId: string): number {
  const match = CLOCK_PATTERN.exec(text);
  if (!match) throw new PayrollError('invalid-band', `band "${bandId}": "${text}" is not a time HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}

interface CompiledBand {
  index: number;
  percentage: number;
  /** Minute-of-day windows [from, to); null: the whole day. */
  windows: [number, number][] | null;
  weekdays: ReadonlySet<number> | null;
  publicHolidaysOnly: boolean;
}

/**
 * Assigns each worked minute to at most one premium band: of the bands whose conditions hold for
 * that minute's local date and wall-clock time, the highest percentage wins (ties: the band listed
 * first). Bands never add up.
 */
export class PremiumClassifier {
  private readonly compiled: CompiledBand[];
  private readonly holidays: ReadonlySet<string>;
  private readonly cuts: number[];

  constructor(
    readonly bands: readonly PremiumBand[],
    publicHolidays: readonly PublicHoliday[],
    readonly timeZone: string,
  ) {
    const ids = new Set<string>();
    this.compiled = bands.map((band, index) => {
      if (!band.id || ids.has(band.id))
        throw new PayrollError('invalid-band', `band id "${band.id}" is empty or repeated`);
      ids.add(band.id);
      if (!Number.isFinite(band.percentage))
        throw new PayrollError('invalid-band', `band "${band.id}" has no percentage`);
      let windows: [number, number][] | null = null;
      if (band.timeOfDay) {
        const from = clockMinutes(band.timeOfDay.from, band.id);
        const to = clockMinutes(band.timeOfDay.to, band.id);
        windows =
          to > from ? [[from, to]] : [[from, DAY_MINUTES], ...(to > 0 ? [[0, to] as [number, number]] : [])];
      }
      return {
        index,
        percentage: band.percentage,
        windows,
        weekdays: band.weekdays ? new Set<number>(band.weekdays) : null,
        publicHolidaysOnly: band.publicHolidaysOnly === true,
      };
    });
    this.holidays = new Set(publicHolidays.map((holiday) => holiday.date));
    const cuts = new Set<number>();
    for (const band of this.compiled) for (const [from, to] of band.windows ?? []) cuts.add(from).add(to);
    this.cuts = [...cuts].filter((cut) => cut > 0 && cut < DAY_MINUTES).sort((a, b) => a - b);
  }

  /** Calls `add(bandIndex, minutes)` for the premium minutes of the real interval [start, end). */
  classify(start: number, end: number, add: (bandIndex: number, minutes: number) => void): void {
    if (this.compiled.length === 0 || end <= start) return;
    forEachLocalDayPiece(start, end, this.timeZone, (piece) => {
      const weekday = weekdayOfDayIndex(piece.dayIndex);
      const holiday = this.holidays.size > 0 && this.holidays.has(dateOfDayIndex(piece.dayIndex));
      const candidates = this.compiled.filter(
        (band) => (!band.weekdays || band.weekdays.has(weekday)) && (!band.publicHolidaysOnly || holiday),
      );
      if (candidates.length === 0) return;
      const pieceEnd = piece.minuteOfDay + (piece.end - piece.start);
      let from = piece.minuteOfDay;
      while (from < pieceEnd) {
        const nextCut = this.cuts.find((cut) => cut > from);
        const to = Math.min(pieceEnd, nextCut ?? DAY_MINUTES);
        let best: CompiledBand | undefined;
        for (const band of candidates) {
          const covers =
            band.windows === null || band.windows.some(([low, high]) => from >= low && from < high);
          if (covers && (best === undefined || band.percentage > best.percentage)) best = band;
        }
        if (best) add(best.index, to - from);
        from = to;
      }
    });
  }
}
