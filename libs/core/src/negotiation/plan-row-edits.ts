// Small edits of a version's rows that the members' actions and the offers share.
import { NotFoundError } from '@homecare/common';
import { scenarioVisitOf, type PlanPeriod, type PlanRow } from './plan-rules';

const MINUTE_MS = 60_000;

export function rowOf(rows: PlanRow[], visitId: string): PlanRow {
  const row = rows.find((candidate) => candidate.visitId === visitId);
  if (!row) throw new NotFoundError('visit', `${visitId} in this plan`);
  return row;
}

/** The row replaced, its end recomputed from the visit's duration. */
export function replaceRow(rows: PlanRow[], next: PlanRow, period: PlanPeriod): PlanRow[] {
  const visit = scenarioVisitOf(period, next.visitId);
  const end = next.start && visit ? new Date(next.start.getTime() + visit.durationMinutes * MINUTE_MS) : null;
  return rows.map((row) => (row.visitId === next.visitId ? { ...next, end: next.start ? end : null } : row));
}

export const sameIds = (first: string[], second: string[]): boolean =>
  [...first].sort().join(',') === [...second].sort().join(',');

export const stateOf = (row: PlanRow): Record<string, unknown> => ({
  caregiverIds: row.caregiverIds,
  start: row.start?.toISOString() ?? null,
  pinned: row.pinned,
});
