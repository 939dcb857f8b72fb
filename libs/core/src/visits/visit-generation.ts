// The pure part of visit generation: a care need, a period and the team's zone in, the dated visits
// out. No database here, so the DST rules can be unit-tested on their own.
import { datesBetween, isoWeekday, parseLocalDateTime, TimeFormatError } from '@homecare/scenario';

/** What generation needs to know of a care need (a subset of the CareNeed entity). */
export interface CareNeedTemplate {
  id: string;
  clientId: string;
  weekdays: number[];
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  requiredSkills: string[];
  caregiversNeeded: number;
  startsOn: string;
  endsOn: string | null;
}

/** One dated visit a care need asks for; instants are epoch minutes. */
export interface VisitSpec {
  careNeedId: string;
  clientId: string;
  /** Local date of the occurrence in the team's zone. */
  date: string;
  earliestStart: number;
  latestEnd: number;
  durationMinutes: number;
  requiredSkills: string[];
  caregiversNeeded: number;
}

export interface DatePeriod {
  /** First local date, inclusive. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
}

const HOUR_MINUTE = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** A spring-forward gap is at most a few hours long in every zone in use. */
const LONGEST_GAP_MINUTES = 3 * 60;

/** `HH:mm` -> minutes after midnight, or undefined when malformed. */
export function minutesOfDay(time: string): number | undefined {
  const match = HOUR_MINUTE.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The instant of a wall-clock time on a local date. A time inside a spring-forward gap moves to
 * the first minute that exists after it (02:30 on the Amsterdam spring day becomes 03:00); in a
 * fall-back hour the first occurrence is meant.
 */
export function instantOnDate(date: string, time: string, timeZone: string): number {
  const start = minutesOfDay(time);
  if (start === undefined) throw new TimeFormatError(`"${time}" is not a time HH:mm`, 'format');
  for (let minute = start; minute <= start + LONGEST_GAP_MINUTES && minute < 24 * 60; minute += 1) {
    try {
      return parseLocalDateTime(`${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`, timeZone);
    } catch (error) {
      if (!(error instanceof TimeFormatError) || error.kind !== 'nonexistent') throw error;
    }
  }
  throw new TimeFormatError(`${date}T${time} does not exist in ${timeZone}`, 'nonexistent');
}

/** Whether the care need asks for a visit on this local date. */
export function careNeedAppliesOn(
  careNeed: Pick<CareNeedTemplate, 'weekdays' | 'startsOn' | 'endsOn'>,
  date: string,
): boolean {
  if (date < careNeed.startsOn) return false;
  if (careNeed.endsOn !== null && date > careNeed.endsOn) return false;
  return careNeed.weekdays.includes(isoWeekday(date));
}

/** The visits one care need asks for in a period, in date order. */
export function visitSpecsFor(careNeed: CareNeedTemplate, period: DatePeriod, timeZone: string): VisitSpec[] {
  const specs: VisitSpec[] = [];
  for (const date of datesBetween(period.from, period.to)) {
    if (!careNeedAppliesOn(careNeed, date)) continue;
    const earliestStart = instantOnDate(date, careNeed.windowStart, timeZone);
    const windowEnd = instantOnDate(date, careNeed.windowEnd, timeZone);
    // A DST gap can shorten the window below the duration; the visit still has to fit, so the
    // window then ends exactly when a visit starting at its opening would end.
    const latestEnd = Math.max(windowEnd, earliestStart + careNeed.durationMinutes);
    specs.push({
      careNeedId: careNeed.id,
      clientId: careNeed.clientId,
      date,
      earliestStart,
      latestEnd,
      durationMinutes: careNeed.durationMinutes,
      requiredSkills: [...careNeed.requiredSkills],
      caregiversNeeded: careNeed.caregiversNeeded,
    });
  }
  return specs;
}

/** The visits all care needs ask for in a period. */
export function visitSpecsForAll(
  careNeeds: CareNeedTemplate[],
  period: DatePeriod,
  timeZone: string,
): VisitSpec[] {
  return careNeeds.flatMap((careNeed) => visitSpecsFor(careNeed, period, timeZone));
}
