import {
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_SPEED_KMH,
  travelKmBetween,
  travelMinutesBetween,
} from '@homecare/scenario';
import { localDateAt } from './local-clock';
import { periodDays, periodInstants } from './pay-period';
import { PremiumClassifier } from './premium-bands';
import type {
  CaregiverPeriodInput,
  CaregiverTimesheet,
  ComputeOptions,
  EpochMinutes,
  LocalDate,
  PayPeriod,
  PayrollSettings,
  TimeSource,
  TimesheetFlag,
  TimesheetLine,
  VisitEntry,
  WorkedVisit,
  WorkingTimeRules,
} from './types';
import {
  checkBreaks,
  checkConsecutiveDays,
  DEFAULT_MAX_CONSECUTIVE_DAYS,
  checkDailyRest,
  checkWeeklyLimits,
  DEFAULT_WORKING_TIME_RULES,
  weeklyTotalsOf,
  type WorkSegment,
} from './working-time';

export const DEFAULT_LATE_TOLERANCE_MINUTES = 15;
const SOURCE_ORDER: readonly TimeSource[] = ['actual', 'corrected', 'planned'];

/** Minutes to hours with 2 decimals; minutes stay the source of truth. */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** From a Date (as the database returns it) to epoch minutes. */
export function toEpochMinutes(date: Date): EpochMinutes {
  return Math.round(date.getTime() / 60_000);
}

export function fromEpochMinutes(epochMinutes: EpochMinutes): Date {
  return new Date(epochMinutes * 60_000);
}

export function makeLine(
  fields: Omit<TimesheetLine, 'hours' | 'kilometres' | 'visitIds'> & {
    metres?: number;
    visitIds?: Iterable<string>;
  },
): TimesheetLine {
  const { metres, visitIds, source, percentage, adjusts, ...rest } = fields;
  return {
    ...rest,
    // Optional fields only when set, so that lines compare and serialise cleanly.
    ...(source !== undefined && { source }),
    ...(percentage !== undefined && { percentage }),
    hours: minutesToHours(fields.minutes),
    kilometres: (metres ?? 0) / 1000,
    visitIds: [...new Set(visitIds ?? [])],
    ...(adjusts !== undefined && { adjusts }),
  };
}

/** The times a visit counts with: the latest correction, else the check-in/out, else the plan. */
export function effectiveTimes(visit: WorkedVisit): {
  start: EpochMinutes;
  end: EpochMinutes;
  source: TimeSource;
} {
  const corrections = visit.corrections ?? [];
  if (corrections.length > 0) {
    let latest = corrections[0];
    for (const correction of corrections)
      if (correction.correctedAt >= latest.correctedAt) latest = correction;
    return { start: latest.start, end: latest.end, source: 'corrected' };
  }
  if (visit.checkIn !== undefined) {
    // No check-out: the planned duration from the check-in (flagged by computeTimesheet).
    const end = visit.checkOut ?? visit.checkIn + (visit.plannedEnd - visit.plannedStart);
    return { start: visit.checkIn, end, source: 'actual' };
  }
  return { start: visit.plannedStart, end: visit.plannedEnd, source: 'planned' };
}

interface PaidVisit {
  visit: WorkedVisit;
  start: EpochMinutes;
  end: EpochMinutes;
  source: TimeSource;
  inPeriod: boolean;
}

export function resolveWorkingTimeRules(settings: PayrollSettings): WorkingTimeRules {
  return { ...DEFAULT_WORKING_TIME_RULES, ...settings.workingTime };
}

/**
 * Reuse one per organisation and run: it holds the compiled bands and holiday set. Compute
 * caregivers one by one with `compute`, or call `computeTimesheet` for a single one.
 */
export class TimesheetCalculator {
  private readonly classifier: PremiumClassifier;
  private readonly rules: WorkingTimeRules;
  private readonly maxConsecutiveDays: number | null;

  constructor(readonly settings: PayrollSettings) {
    this.classifier = new PremiumClassifier(
      settings.premiumBands,
      settings.publicHolidays,
      settings.timeZone,
    );
    this.rules = resolveWorkingTimeRules(settings);
    this.maxConsecutiveDays =
      settings.maxConsecutiveDays === undefined ? DEFAULT_MAX_CONSECUTIVE_DAYS : settings.maxConsecutiveDays;
  }

  compute(period: PayPeriod, input: CaregiverPeriodInput, options: ComputeOptions = {}): CaregiverTimesheet {
    const { settings, rules } = this;
    const timeZone = settings.timeZone;
    const { caregiver } = input;
    const bounds = periodInstants(period, timeZone);
    const asOf = options.asOf ?? bounds.end;
    const tolerance = settings.lateToleranceMinutes ?? DEFAULT_LATE_TOLERANCE_MINUTES;
    const speedKmh = caregiver.speedKmh ?? settings.travel?.speedKmh ?? DEFAULT_SPEED_KMH;
    const detourFactor = settings.travel?.detourFactor ?? DEFAULT_DETOUR_FACTOR;
    const flags: TimesheetFlag[] = [];

    // 1. Which visits count, with which times. A visit belongs to the period of its planned start.
    const paid: PaidVisit[] = [];
    for (const visit of input.visits) {
      const plannedDate = localDateAt(visit.plannedStart, timeZone);
      const inPeriod = plannedDate >= period.start && plannedDate <= period.end;
      if (visit.status === 'cancelled') continue;
      if (visit.status === 'missed') {
        if (inPeriod)
          flags.push({
            kind: 'missed',
            visitId: visit.id,
            reason: 'status-missed',
            message: `visit ${visit.id} was missed`,
          });
        continue;
      }
      const evidence = visit.checkIn !== undefined || (visit.corrections?.length ?? 0) > 0;
      if (visit.status === 'scheduled' && !evidence) {
        // No proof of work: not paid. Flagged once it should have started (by default: the period is over).
        if (inPeriod && visit.plannedStart < asOf) {
          flags.push({
            kind: 'missed',
            visitId: visit.id,
            reason: 'no-check-in',
            message: `visit ${visit.id} has no check-in`,
          });
        }
        continue;
      }
      const times = effectiveTimes(visit);
      if (inPeriod) {
        if (visit.checkIn !== undefined) {
          const lateAgainstPlan = visit.checkIn - visit.plannedStart;
          if (visit.latestStart !== undefined && visit.checkIn > visit.latestStart) {
            flags.push({
              kind: 'late',
              visitId: visit.id,
              minutesLate: lateAgainstPlan,
              reference: 'latest-start',
              message: `visit ${visit.id} started after the latest start of its window`,
            });
          } else if (lateAgainstPlan > tolerance) {
            flags.push({
              kind: 'late',
              visitId: visit.id,
              minutesLate: lateAgainstPlan,
              reference: 'planned-start',
              message: `visit ${visit.id} started ${lateAgainstPlan} min late`,
            });
          }
          if (visit.checkOut === undefined && times.source === 'actual') {
            flags.push({
              kind: 'missing-check-out',
              visitId: visit.id,
              message: `visit ${visit.id} has no check-out: planned duration used`,
            });
          }
        }
        if (times.end <= times.start) {
          flags.push({
            kind: 'invalid-times',
            visitId: visit.id,
            message: `visit ${visit.id} ends before it starts: counted as 0 min`,
          });
        }
      }
      paid.push({
        visit,
        start: times.start,
        end: Math.max(times.start, times.end),
        source: times.source,
        inPeriod,
      });
    }

    // 2. Consecutive visits per shift: paid travel (capped by the gap), waiting, kilometres.
    const byShift = new Map<string, PaidVisit[]>();
    for (const item of paid) {
      const list = byShift.get(item.visit.shiftId);
      if (list) list.push(item);
      else byShift.set(item.visit.shiftId, [item]);
    }
    const entries: VisitEntry[] = [];
    const segments: WorkSegment[] = [];
    for (const list of byShift.values()) {
      list.sort((a, b) => a.start - b.start || a.end - b.end || (a.visit.id < b.visit.id ? -1 : 1));
      for (let index = 0; index < list.length; index++) {
        const current = list[index];
        if (!current.inPeriod) continue;
        const previous = index > 0 ? list[index - 1] : undefined;
        const date = localDateAt(current.start, timeZone);
        let travel = 0;
        let waiting = 0;
        let metres = 0;
        if (previous) {
          const gap = current.start - previous.end;
          const from = previous.visit.location;
          const to = current.visit.location;
          travel = Math.max(0, Math.min(travelMinutesBetween(from, to, speedKmh, detourFactor), gap));
          waiting = Math.max(0, gap - travel);
          metres = Math.round(travelKmBetween(from, to, detourFactor) * 1000);
          if (gap < 0) {
            flags.push({
              kind: 'overlap',
              visitIds: [previous.visit.id, current.visit.id],
              overlapMinutes: -gap,
              message: `visits ${previous.visit.id} and ${current.visit.id} overlap by ${-gap} min`,
            });
          }
          if (travel > 0)
            segments.push({
              start: previous.end,
              end: previous.end + travel,
              date,
              visitId: current.visit.id,
            });
        }
        segments.push({ start: current.start, end: current.end, date, visitId: current.visit.id });
        entries.push({
          visitId: current.visit.id,
          shiftId: current.visit.shiftId,
          date,
          start: current.start,
          end: current.end,
          source: current.source,
          visitMinutes: current.end - current.start,
          previousVisitId: previous?.visit.id,
          travelMinutesBefore: travel,
          waitingMinutesBefore: waiting,
          metresBefore: metres,
        });
      }
    }
    entries.sort((a, b) => a.start - b.start || (a.visitId < b.visitId ? -1 : 1));

    // 3. Lines: visit per source, travel, waiting.
    const lines: TimesheetLine[] = [];
    for (const source of SOURCE_ORDER) {
      const ofSource = entries.filter((entry) => entry.source === source);
      if (ofSource.length === 0) continue;
      lines.push(
        makeLine({
          hourType: 'visit',
          band: '',
          source,
          minutes: sum(ofSource.map((entry) => entry.visitMinutes)),
          visitIds: ofSource.map((entry) => entry.visitId),
        }),
      );
    }
    const withTravel = entries.filter((entry) => entry.travelMinutesBefore > 0 || entry.metresBefore > 0);
    const travelMinutes = sum(entries.map((entry) => entry.travelMinutesBefore));
    const metres = sum(entries.map((entry) => entry.metresBefore));
    if (withTravel.length > 0) {
      lines.push(
        makeLine({
          hourType: 'travel',
          band: '',
          minutes: travelMinutes,
          metres,
          visitIds: withTravel.flatMap((entry) => [entry.previousVisitId!, entry.visitId]),
        }),
      );
    }
    const withWaiting = entries.filter((entry) => entry.waitingMinutesBefore > 0);
    const waitingMinutes = sum(withWaiting.map((entry) => entry.waitingMinutesBefore));
    if (withWaiting.length > 0) {
      lines.push(
        makeLine({
          hourType: 'waiting',
          band: '',
          minutes: waitingMinutes,
          visitIds: withWaiting.flatMap((entry) => [entry.previousVisitId!, entry.visitId]),
        }),
      );
    }

    // 4. Overtime: per day above the daily maximum first, then per period above the pro-rata
    // contract for the minutes that are not day overtime already (a minute is overtime once).
    const visitMinutes = sum(entries.map((entry) => entry.visitMinutes));
    const workedMinutes = visitMinutes + travelMinutes;
    const dailyWorked = new Map<LocalDate, number>();
    const dailyVisits = new Map<LocalDate, string[]>();
    for (const entry of entries) {
      dailyWorked.set(
        entry.date,
        (dailyWorked.get(entry.date) ?? 0) + entry.visitMinutes + entry.travelMinutesBefore,
      );
      const visitsOfDay = dailyVisits.get(entry.date);
      if (visitsOfDay) visitsOfDay.push(entry.visitId);
      else dailyVisits.set(entry.date, [entry.visitId]);
    }
    let dayOvertime = 0;
    const dayOvertimeVisits: string[] = [];
    const maxPerDay = caregiver.maxMinutesPerDay;
    if (maxPerDay !== undefined && maxPerDay !== null) {
      for (const [date, minutes] of dailyWorked) {
        if (minutes > maxPerDay) {
          dayOvertime += minutes - maxPerDay;
          dayOvertimeVisits.push(...(dailyVisits.get(date) ?? []));
        }
      }
    }
    const contractMinutes = Math.round((caregiver.contractMinutesPerWeek * periodDays(period)) / 7);
    const weekOvertime = Math.max(0, workedMinutes - dayOvertime - contractMinutes);
    if (dayOvertime > 0)
      lines.push(
        makeLine({ hourType: 'overtime', band: 'day', minutes: dayOvertime, visitIds: dayOvertimeVisits }),
      );
    if (weekOvertime > 0) {
      lines.push(
        makeLine({
          hourType: 'overtime',
          band: 'week',
          minutes: weekOvertime,
          visitIds: entries.map((entry) => entry.visitId),
        }),
      );
    }

    // 5. Premiums: visit and paid travel minutes (not waiting) by band, highest band per minute.
    const bandMinutes = new Array<number>(this.classifier.bands.length).fill(0);
    const bandVisits = this.classifier.bands.map(() => new Set<string>());
    for (const segment of segments) {
      this.classifier.classify(segment.start, segment.end, (bandIndex, minutes) => {
        bandMinutes[bandIndex] += minutes;
        bandVisits[bandIndex].add(segment.visitId);
      });
    }
    this.classifier.bands.forEach((band, index) => {
      if (bandMinutes[index] > 0) {
        lines.push(
          makeLine({
            hourType: 'premium',
            band: band.id,
            percentage: band.percentage,
            minutes: bandMinutes[index],
            visitIds: bandVisits[index],
          }),
        );
      }
    });

    // 6. Adjustments carried in from corrections to locked periods.
    for (const adjustment of input.carriedAdjustments ?? [])
      lines.push({ ...adjustment, visitIds: [...adjustment.visitIds] });

    // 7. Working-time checks: they flag, never block.
    const weeklyTotals = weeklyTotalsOf(dailyWorked);
    flags.push(
      ...checkDailyRest(segments, rules),
      ...checkConsecutiveDays(segments, this.maxConsecutiveDays),
      ...checkBreaks(segments, rules),
      ...checkWeeklyLimits(weeklyTotals, input.weeklyHistory ?? [], rules),
    );

    return {
      caregiverId: caregiver.id,
      caregiverName: caregiver.name,
      period,
      timeZone,
      lines,
      entries,
      flags,
      totals: {
        workedMinutes,
        visitMinutes,
        travelMinutes,
        waitingMinutes,
        overtimeMinutes: dayOvertime + weekOvertime,
        contractMinutes,
        metres,
        kilometres: metres / 1000,
      },
      dailyWorkedMinutes: [...dailyWorked.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([date, minutes]) => ({ date, workedMinutes: minutes })),
      weeklyTotals,
    };
  }
}

/** One caregiver's timesheet for one period. For many caregivers, reuse a TimesheetCalculator. */
export function computeTimesheet(
  settings: PayrollSettings,
  period: PayPeriod,
  input: CaregiverPeriodInput,
  options: ComputeOptions = {},
): CaregiverTimesheet {
  return new TimesheetCalculator(settings).compute(period, input, options);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
