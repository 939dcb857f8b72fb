import { PayrollError } from './errors';
import { makeLine } from './timesheet';
import type { CaregiverTimesheet, HourType, TimesheetLine, VisitEntry } from './types';

type AdjustableHourType = Exclude<HourType, 'adjustment'>;

const lineKey = (hourType: string, band: string): string => `${hourType}\u0000${band}`;
const metresOf = (line: TimesheetLine): number => Math.round(line.kilometres * 1000);

function entryFingerprint(entry: VisitEntry): string {
  return [
    entry.start,
    entry.end,
    entry.source,
    entry.travelMinutesBefore,
    entry.waitingMinutesBefore,
    entry.metresBefore,
  ].join('|');
}

/** Visits counted differently in the two timesheets (changed, added or dropped). */
export function changedVisitIds(locked: CaregiverTimesheet, recomputed: CaregiverTimesheet): Set<string> {
  const before = new Map(locked.entries.map((entry) => [entry.visitId, entryFingerprint(entry)]));
  const after = new Map(recomputed.entries.map((entry) => [entry.visitId, entryFingerprint(entry)]));
  const changed = new Set<string>();
  for (const [visitId, fingerprint] of before) if (after.get(visitId) !== fingerprint) changed.add(visitId);
  for (const visitId of after.keys()) if (!before.has(visitId)) changed.add(visitId);
  return changed;
}

/**
 * A locked period is never edited. Given its locked timesheet and the one recomputed for the same
 * caregiver and period after corrections, returns the differences per hour type x band as
 * `adjustment` lines, to be passed as `carriedAdjustments` to the next open period
 * (`periodForCorrection`). Adjustment lines already in the locked timesheet are not compared: they
 * were carried in, not computed. recomputed = locked + adjustments, exactly, per key.
 */
export function adjustmentLines(locked: CaregiverTimesheet, recomputed: CaregiverTimesheet): TimesheetLine[] {
  if (locked.caregiverId !== recomputed.caregiverId || locked.period.id !== recomputed.period.id) {
    throw new PayrollError(
      'mismatched-timesheets',
      `cannot compare ${locked.caregiverId} ${locked.period.id} with ${recomputed.caregiverId} ${recomputed.period.id}`,
    );
  }
  const changed = changedVisitIds(locked, recomputed);
  // Per hour type x band; visit lines of different sources add up (a correction changes the source).
  const keys = new Map<
    string,
    { reference: TimesheetLine; minutes: number; metres: number; visitIds: Set<string> }
  >();
  for (const [sign, timesheet] of [
    [-1, locked],
    [1, recomputed],
  ] as const) {
    for (const line of timesheet.lines) {
      if (line.hourType === 'adjustment') continue;
      const key = lineKey(line.hourType, line.band);
      let total = keys.get(key);
      if (!total) {
        total = { reference: line, minutes: 0, metres: 0, visitIds: new Set() };
        keys.set(key, total);
      }
      if (sign === 1) total.reference = line;
      total.minutes += sign * line.minutes;
      total.metres += sign * metresOf(line);
      for (const visitId of line.visitIds) total.visitIds.add(visitId);
    }
  }
  const adjustments: TimesheetLine[] = [];
  for (const { reference, minutes, metres, visitIds } of keys.values()) {
    if (minutes === 0 && metres === 0) continue;
    const direct = [...visitIds].filter((visitId) => changed.has(visitId));
    adjustments.push(
      makeLine({
        hourType: 'adjustment',
        band: reference.band,
        percentage: reference.percentage,
        minutes,
        metres,
        visitIds: direct.length > 0 ? direct : visitIds,
        adjusts: { periodId: locked.period.id, hourType: reference.hourType as AdjustableHourType },
      }),
    );
  }
  return adjustments;
}
