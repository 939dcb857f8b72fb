// Who in the team could take a visit of a plan: each caregiver tried on it exactly as a claim
// tries the member who claims (the engine's checker, only what the change newly breaks counts, the
// first start in the visit's window that passes), ranked by how well the client knows them. Pure:
// the rows, the period and the continuity come in; no database here.
import { parseRosterTime } from '@homecare/scenario';
import {
  candidateStarts,
  existingViolations,
  scenarioVisitOf,
  violationsBeyond,
  type PlanPeriod,
  type PlanRow,
  type PlanViolation,
} from './plan-rules';
import { replaceRow } from './plan-row-edits';

const MINUTE_MS = 60_000;

/** Rules that no other start can mend: one try tells (skill, a client's refusal). */
const WHATEVER_THE_START = new Set(['skill', 'excluded', 'unknown-caregiver']);

/** Why a caregiver cannot take the visit: the engine's rule as a code, with its params (no ids). */
export interface CandidateReason {
  code: string;
  params: Record<string, string | number>;
  /** The same in plain English words (names, never ids). */
  message: string;
}

export interface VisitCandidate {
  caregiverId: string;
  name: string;
  able: boolean;
  /** The start they would take it at (ISO instant); null when they cannot. */
  start: string | null;
  /** Empty when able. */
  reasons: CandidateReason[];
  /** The client's visits by them in the continuity window (published, checked in, imported). */
  knownVisits: number;
  /** The client named them as a preferred caregiver. */
  preferred: boolean;
}

export interface VisitCandidates {
  visitId: string;
  /** Whose place a candidate takes on a visit that has everyone it needs; null: a free place. */
  takesOverFrom: string | null;
  candidates: VisitCandidate[];
}

/** Continuity of one caregiver with the visit's client, for the ranking. */
export interface Familiarity {
  knownVisits: number;
  preferred: boolean;
}

/**
 * The ranking: those able first; then whom the client prefers, then whom the client has seen most
 * (continuity), then by name, so equal candidates keep one order.
 */
export function rankCandidates(candidates: VisitCandidate[]): VisitCandidate[] {
  return [...candidates].sort(
    (first, second) =>
      Number(second.able) - Number(first.able) ||
      Number(second.preferred) - Number(first.preferred) ||
      second.knownVisits - first.knownVisits ||
      first.name.localeCompare(second.name),
  );
}

/** The client's continuity with each caregiver (database ids), from the period's scenario. */
export function familiarityOf(period: PlanPeriod, visitId: string): Map<string, Familiarity> {
  const visit = scenarioVisitOf(period, visitId);
  const client = visit && period.scenario.clients.find((entry) => entry.id === visit.clientId);
  const known = new Map<string, Familiarity>();
  for (const caregiver of period.scenario.caregivers) {
    const id = period.caregiverFromScenario.get(caregiver.id) ?? caregiver.id;
    known.set(id, {
      knownVisits: client?.history?.[caregiver.id] ?? 0,
      preferred: (client?.preferredCaregivers ?? []).includes(caregiver.id),
    });
  }
  return known;
}

const reasonOf = (violation: PlanViolation): CandidateReason => ({
  code: violation.rule,
  params: violation.params,
  message: violation.message,
});

/**
 * Every caregiver of the period not on the visit, tried on it: in a free place when the visit needs
 * more caregivers, else in the place of `takesOverFrom`. A caregiver is able when some start breaks
 * no rule the version did not break already; otherwise the reasons are those of the first start.
 */
export function visitCandidates(
  period: PlanPeriod,
  rows: PlanRow[],
  visitId: string,
  takesOverFrom: string | null,
  familiarity: Map<string, Familiarity> = familiarityOf(period, visitId),
): VisitCandidates {
  const row = rows.find((candidate) => candidate.visitId === visitId);
  const visit = scenarioVisitOf(period, visitId);
  if (!row || !visit) return { visitId, takesOverFrom, candidates: [] };
  const existing = existingViolations(period, rows);
  const kept = row.caregiverIds.filter((id) => id !== takesOverFrom);
  const starts = row.start
    ? [row.start]
    : candidateStarts(visit, period.timezone, parseRosterTime).map(
        (minutes) => new Date(minutes * MINUTE_MS),
      );
  const candidates: VisitCandidate[] = [];
  for (const caregiver of period.scenario.caregivers) {
    const caregiverId = period.caregiverFromScenario.get(caregiver.id) ?? caregiver.id;
    if (row.caregiverIds.includes(caregiverId)) continue;
    const caregiverIds = [...kept, caregiverId];
    let first: PlanViolation[] | null = null;
    let found: Date | null = null;
    for (const start of starts) {
      const after = replaceRow(rows, { ...row, caregiverIds, start }, period);
      const broken = violationsBeyond(period, existing, rows, after);
      if (broken.length === 0) {
        found = start;
        break;
      }
      first ??= broken;
      if (broken.every((violation) => WHATEVER_THE_START.has(violation.rule))) break;
    }
    candidates.push({
      caregiverId,
      name: caregiver.name?.trim() || caregiverId,
      able: found !== null,
      start: found ? found.toISOString() : null,
      reasons: found ? [] : (first ?? []).map(reasonOf),
      knownVisits: familiarity.get(caregiverId)?.knownVisits ?? 0,
      preferred: familiarity.get(caregiverId)?.preferred ?? false,
    });
  }
  return { visitId, takesOverFrom, candidates: rankCandidates(candidates) };
}
