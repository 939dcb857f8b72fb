// What a client and their family see of the published roster. Classes in a `.view.ts` file: the
// swagger CLI plugin documents them from their types.
import type { VisitPlanStatus } from './visit-status';
import { DateTimeString } from '../shared';

/** One published visit as a client and their family see it: first names only, local times. */
export class VisitPlanEntry {
  visitId: string;
  /** Local date of the planned start. */
  date: string;
  /** The agreed time window (earliest start, latest end), local `YYYY-MM-DDTHH:mm`. */
  windowStart: string;
  windowEnd: string;
  plannedStart: string;
  plannedEnd: string;
  durationMinutes: number;
  /** First names of the caregivers coming (two for a double-up). */
  caregivers: string[];
  status: VisitPlanStatus;
  /** What changed since the reader last looked, or null. */
  note: string | null;
  /**
   * True for a visit of a plan the team is still agreeing (in review, or agreed and not yet
   * published): it may still change. False for the published roster.
   */
  proposed: boolean;
}

/** Part of the period whose plan is not published yet. */
export class VisitPlanPeriod {
  /** `proposal`: still being made (no visits shown); `in-review` or `agreed`: being agreed. */
  status: 'proposal' | 'in-review' | 'agreed';
  /** The plan's first and last local date. */
  from: string;
  to: string;
}

export class VisitPlan {
  clientId: string;
  timezone: string;
  from: string;
  to: string;
  /** When the reader looked before this read (null the first time): the notes compare with it. */
  @DateTimeString()
  previousViewAt: string | null;
  /**
   * Visits in order: published ones, and those of plans still being agreed (`proposed`). An entry
   * with no caregivers is one nobody could be planned on yet (the team has been told).
   */
  visits: VisitPlanEntry[];
  /** The team's plans over the period that are not published yet. */
  unpublished: VisitPlanPeriod[];
}
