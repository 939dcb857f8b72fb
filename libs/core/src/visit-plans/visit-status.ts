// What a family sees of a visit's progress, from the published roster and the check-ins.

export type VisitPlanStatus = 'planned' | 'on-the-way' | 'done' | 'cancelled';

export interface CheckInTimes {
  checkedInAt: Date;
  checkedOutAt: Date | null;
}

export interface VisitStatusInput {
  /** The visit itself is cancelled. */
  cancelled: boolean;
  /** The published caregivers of the visit. */
  caregiverIds: string[];
  /** Check-ins at this visit, by caregiver (effective times: corrections applied). */
  checkIns: Map<string, CheckInTimes>;
  /** Caregivers of this visit who checked out of their previous published visit of the same day. */
  leftPreviousVisit: Set<string>;
}

/**
 * - cancelled: the visit is cancelled;
 * - done: someone checked in here and everyone who did has checked out;
 * - on the way: a caregiver is here (checked in, not out), or one who is not here yet has
 *   checked out of their previous published visit of the day;
 * - planned: otherwise.
 */
export function visitPlanStatus(input: VisitStatusInput): VisitPlanStatus {
  if (input.cancelled) return 'cancelled';
  const here = [...input.checkIns.values()];
  if (here.some((checkIn) => checkIn.checkedOutAt === null)) return 'on-the-way';
  if (here.length > 0) return 'done';
  if (input.caregiverIds.some((caregiverId) => input.leftPreviousVisit.has(caregiverId))) return 'on-the-way';
  return 'planned';
}
