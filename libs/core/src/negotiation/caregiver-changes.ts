// What a new published version changes for each caregiver, compared with the one before: the
// visits they gained, those that moved (same caregiver, another time) and those taken away. Pure,
// so that "who is told what" on publish and on amendment is decided by one tested function.
import type { RosterPlanChange } from '@homecare/database';
import type { PlanRow } from './plan-rules';

export interface CaregiverChanges {
  added: number;
  moved: number;
  removed: number;
}

/** Per caregiver with at least one change; caregivers whose visits stayed as they were are absent. */
export function changesPerCaregiver(before: PlanRow[], after: PlanRow[]): Map<string, CaregiverChanges> {
  const changes = new Map<string, CaregiverChanges>();
  const of = (caregiverId: string): CaregiverChanges => {
    let entry = changes.get(caregiverId);
    if (!entry) {
      entry = { added: 0, moved: 0, removed: 0 };
      changes.set(caregiverId, entry);
    }
    return entry;
  };
  // A row without a start is unassigned, whatever ids it carries.
  const planned = (row: PlanRow | undefined): string[] => (row?.start ? row.caregiverIds : []);
  const previous = new Map(before.map((row) => [row.visitId, row]));
  const next = new Map(after.map((row) => [row.visitId, row]));
  for (const visitId of new Set([...previous.keys(), ...next.keys()])) {
    const was = previous.get(visitId);
    const is = next.get(visitId);
    const had = new Set(planned(was));
    const has = new Set(planned(is));
    const sameTime =
      was?.start?.getTime() === is?.start?.getTime() && was?.end?.getTime() === is?.end?.getTime();
    for (const caregiverId of has)
      if (!had.has(caregiverId)) of(caregiverId).added += 1;
      else if (!sameTime) of(caregiverId).moved += 1;
    for (const caregiverId of had) if (!has.has(caregiverId)) of(caregiverId).removed += 1;
  }
  return changes;
}

/** Visits of the version that nobody is planned on. */
export function unstaffedVisits(rows: PlanRow[]): string[] {
  return rows.filter((row) => !row.start || row.caregiverIds.length === 0).map((row) => row.visitId);
}

/** A change of the diff: caregivers differ (the change people must hear of), or only the time moved. */
export const changeKindOf = (change: Pick<RosterPlanChange, 'before' | 'after'>): 'caregivers' | 'time' =>
  [...change.before.caregiverIds].sort().join(',') === [...change.after.caregiverIds].sort().join(',')
    ? 'time'
    : 'caregivers';

/**
 * The diff's order: caregiver changes first, then the visits that only moved in time, each group
 * by start (so two real changes are not buried under two hundred time moves).
 */
export function caregiverChangesFirst<T extends Pick<RosterPlanChange, 'before' | 'after'>>(
  changes: T[],
): T[] {
  const rank = (change: T): number => (changeKindOf(change) === 'caregivers' ? 0 : 1);
  return [...changes].sort((first, second) => rank(first) - rank(second));
}
