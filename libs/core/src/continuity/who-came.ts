// Who actually came to a client: the published roster says who was planned, a check-in says who
// was there. Pure: the repository reads the rows, these functions decide what they count for.
import {
  DEFAULT_HISTORY_WEEKS,
  type ImportedHistory,
  type SeenVisit,
  visitWeight,
  weighHistory,
} from './continuity-history';

const WEEK_MS = 7 * 24 * 60 * 60_000;
/** "Distinct caregivers in 4 weeks": the span the per-client cap of issue 17 speaks of. */
export const DISTINCT_CAREGIVERS_WEEKS = 4;

/** One caregiver at one visit of a client: as published (its start) or as checked in (its time). */
export interface VisitAttendance {
  visitId: string;
  clientId: string;
  caregiverId: string;
  atMs: number;
}

export interface CameVisit extends SeenVisit {
  visitId: string;
  source: 'published' | 'checked-in';
}

/**
 * The visits as they happened: where a visit has check-ins, its check-ins alone count (a colleague
 * who stood in on the doorstep is who the client saw, not the one planned); elsewhere the published
 * caregivers count.
 */
export function whoCame(published: VisitAttendance[], checkIns: VisitAttendance[]): CameVisit[] {
  const checkedIn = new Set(checkIns.map((checkIn) => checkIn.visitId));
  return [
    ...checkIns.map((checkIn): CameVisit => ({ ...checkIn, source: 'checked-in' })),
    ...published
      .filter((row) => !checkedIn.has(row.visitId))
      .map((row): CameVisit => ({ ...row, source: 'published' })),
  ];
}

/**
 * The engine's history for a period starting `periodStartMs`: the imported counts as the starting
 * point plus the weighted visits that happened in the `weeks` before it.
 */
export function carriedHistory(
  imported: ImportedHistory[],
  published: VisitAttendance[],
  checkIns: VisitAttendance[],
  periodStartMs: number,
  weeks = DEFAULT_HISTORY_WEEKS,
): ImportedHistory[] {
  return weighHistory(imported, whoCame(published, checkIns), periodStartMs, weeks);
}

/** What one caregiver is to one client, as of a moment. */
export interface CaregiverAcquaintance {
  caregiverId: string;
  /** Their published visits to the client in the window before the moment. */
  publishedVisits: number;
  /** Their check-ins at the client's visits in the window. */
  checkedInVisits: number;
  /** The imported count (visits before this system). */
  importedVisits: number;
  /** Their latest visit that counts (checked in, or published and not checked in by others); null: none in the window. */
  lastVisitMs: number | null;
  /** What the engine's history carries for them: imported plus the weighted visits. */
  weight: number;
}

export interface ClientAcquaintances {
  caregivers: CaregiverAcquaintance[];
  /** Different caregivers who came in the 4 weeks before the moment. */
  distinctCaregiversLast4Weeks: number;
}

/**
 * Who knows one client as of `nowMs`, from the rows of the `weeks` before it: everyone with an
 * imported count or a visit in the window, the ones who weigh most first.
 */
export function clientAcquaintances(
  imported: ImportedHistory[],
  published: VisitAttendance[],
  checkIns: VisitAttendance[],
  nowMs: number,
  weeks = DEFAULT_HISTORY_WEEKS,
): ClientAcquaintances {
  const inWindow = (row: VisitAttendance): boolean => visitWeight(row.atMs, nowMs, weeks) > 0;
  const byCaregiver = new Map<string, CaregiverAcquaintance>();
  const of = (caregiverId: string): CaregiverAcquaintance => {
    let entry = byCaregiver.get(caregiverId);
    if (!entry) {
      entry = {
        caregiverId,
        publishedVisits: 0,
        checkedInVisits: 0,
        importedVisits: 0,
        lastVisitMs: null,
        weight: 0,
      };
      byCaregiver.set(caregiverId, entry);
    }
    return entry;
  };
  for (const entry of imported) of(entry.caregiverId).importedVisits += entry.visits;
  for (const row of published.filter(inWindow)) of(row.caregiverId).publishedVisits += 1;
  for (const row of checkIns.filter(inWindow)) of(row.caregiverId).checkedInVisits += 1;
  const came = whoCame(published, checkIns).filter(inWindow);
  for (const visit of came) {
    const entry = of(visit.caregiverId);
    entry.lastVisitMs = Math.max(entry.lastVisitMs ?? visit.atMs, visit.atMs);
  }
  for (const entry of weighHistory(imported, came, nowMs, weeks)) of(entry.caregiverId).weight = entry.visits;
  const recentFrom = nowMs - DISTINCT_CAREGIVERS_WEEKS * WEEK_MS;
  const recent = new Set(came.filter((visit) => visit.atMs >= recentFrom).map((visit) => visit.caregiverId));
  return {
    caregivers: [...byCaregiver.values()].sort(
      (left, right) =>
        right.weight - left.weight ||
        (right.lastVisitMs ?? 0) - (left.lastVisitMs ?? 0) ||
        left.caregiverId.localeCompare(right.caregiverId),
    ),
    distinctCaregiversLast4Weeks: recent.size,
  };
}
