// Pure pieces of negotiation: a plan version as a homecare-roster/v1 document, the hard rules a
// manual change would newly break (by the engine's own checker), and what changed between two
// versions. No database here, so every rule is tested without Postgres.
import { checkRoster, type RosterViolation } from '@homecare/roster-engine';
import {
  ROSTER_FORMAT,
  type RosterDocument,
  type ScenarioDocument,
  type ScenarioPin,
  type ScenarioVisit,
} from '@homecare/scenario';
import type { RosterPlanChange, RosterPlanFlag } from '@homecare/database';
import { formatScenarioTime } from '../scenarios/scenario-export.mapper';
import { plainMessage } from './plan-refusals';
import { reasonLine, shownLine } from '../shared';

const MINUTE_MS = 60_000;

/** One visit of a version, in database ids. */
export interface PlanRow {
  visitId: string;
  /** Empty when nobody is assigned. */
  caregiverIds: string[];
  start: Date | null;
  end: Date | null;
  pinned: boolean;
  explanation: string[];
  flags: RosterPlanFlag[];
}

/** The team's scenario for the plan's period, with the ids both ways. */
export interface PlanPeriod {
  scenario: ScenarioDocument;
  timezone: string;
  visitToScenario: Map<string, string>;
  visitFromScenario: Map<string, string>;
  caregiverToScenario: Map<string, string>;
  caregiverFromScenario: Map<string, string>;
}

/** A violation with database ids, as the API shows it; its message names people, never ids. */
export interface PlanViolation {
  rule: string;
  message: string;
  /** What the message says, as data (local times, minutes, skills): for a client's own words. */
  params: Record<string, string | number>;
  visitId: string | null;
  caregiverId: string | null;
}

export const minutesOf = (date: Date): number => Math.round(date.getTime() / MINUTE_MS);

export function scenarioVisitOf(period: PlanPeriod, visitId: string): ScenarioVisit | undefined {
  const scenarioId = period.visitToScenario.get(visitId);
  return scenarioId === undefined
    ? undefined
    : period.scenario.visits.find((visit) => visit.id === scenarioId);
}

/**
 * The version as a roster document of the period's scenario. Visits of the scenario the version
 * does not know (added since) are unassigned; visits of the version no longer in the scenario
 * (cancelled) are left out.
 */
export function rosterOf(period: PlanPeriod, rows: PlanRow[]): RosterDocument {
  const byScenarioId = new Map<string, PlanRow>();
  for (const row of rows) {
    const scenarioId = period.visitToScenario.get(row.visitId);
    if (scenarioId !== undefined) byScenarioId.set(scenarioId, row);
  }
  const roster: RosterDocument = { format: ROSTER_FORMAT, assignments: [], unassigned: [] };
  for (const visit of period.scenario.visits) {
    const row = byScenarioId.get(visit.id);
    if (row && row.caregiverIds.length > 0 && row.start) {
      roster.assignments.push({
        visitId: visit.id,
        // A caregiver no longer active keeps their database id: the checker names them unknown.
        caregiverIds: row.caregiverIds.map((id) => period.caregiverToScenario.get(id) ?? id),
        start: formatScenarioTime(minutesOf(row.start), period.timezone),
      });
    } else {
      roster.unassigned.push({
        visitId: visit.id,
        reason: shownLine(row?.explanation[0] ?? reasonLine('not-planned-yet'), 'en'),
      });
    }
  }
  return roster;
}

/**
 * The scenario with the version's pins as the team's agreed decisions (`pinned`): the checker then
 * refuses a change that moves a pinned visit, and the engine keeps them in a recompute.
 */
export function scenarioWithPins(
  period: PlanPeriod,
  rows: PlanRow[],
  skip: (row: PlanRow) => boolean = () => false,
): ScenarioDocument {
  const pins = new Map<string, ScenarioPin>((period.scenario.pinned ?? []).map((pin) => [pin.visitId, pin]));
  for (const row of rows) {
    if (!row.pinned || !row.start || row.caregiverIds.length === 0 || skip(row)) continue;
    const scenarioId = period.visitToScenario.get(row.visitId);
    if (scenarioId === undefined) continue;
    pins.set(scenarioId, {
      visitId: scenarioId,
      caregiverIds: row.caregiverIds.map((id) => period.caregiverToScenario.get(id) ?? id),
      start: formatScenarioTime(minutesOf(row.start), period.timezone),
    });
  }
  return { ...period.scenario, pinned: [...pins.values()] };
}

const keyOf = (violation: RosterViolation): string =>
  // max-day names the date in its message; the others are one per rule, visit and caregiver.
  `${violation.rule}|${violation.visitId ?? ''}|${violation.caregiverId ?? ''}|${violation.rule === 'max-day' ? violation.message.replace(/\d+h\d\d/g, '') : ''}`;

/**
 * The hard rules the change from `before` to `after` newly breaks. A rule the version already broke
 * (availability changed since, say) does not block an unrelated change: only what gets worse counts.
 */
export function introducedViolations(
  period: PlanPeriod,
  before: PlanRow[],
  after: PlanRow[],
  repinned: string[] = [],
): PlanViolation[] {
  return violationsBeyond(period, existingViolations(period, before), before, after, repinned);
}

/** What the version breaks already, for violationsBeyond (checked once for many tries). */
export function existingViolations(period: PlanPeriod, before: PlanRow[]): Set<string> {
  return new Set(
    checkRoster(scenarioWithPins(period, before), rosterOf(period, before)).violations.map(keyOf),
  );
}

/** introducedViolations with what `before` breaks already given (existingViolations). */
export function violationsBeyond(
  period: PlanPeriod,
  existing: Set<string>,
  before: PlanRow[],
  after: PlanRow[],
  repinned: string[] = [],
): PlanViolation[] {
  // The pins the change must respect are those agreed before it, except the ones it sets itself
  // (pinning a visit to other caregivers): a change never moves a pin by merely carrying it along.
  const repinnedRows = after.filter((row) => repinned.includes(row.visitId));
  const pins = [...before.filter((row) => !repinned.includes(row.visitId)), ...repinnedRows];
  const found = checkRoster(scenarioWithPins(period, pins), rosterOf(period, after)).violations;
  return found
    .filter((violation) => !existing.has(keyOf(violation)))
    .map((violation) => toPlanViolation(period, violation));
}

/** Every hard rule the version breaks now (for flags). */
export function currentViolations(period: PlanPeriod, rows: PlanRow[]): PlanViolation[] {
  return checkRoster(scenarioWithPins(period, rows), rosterOf(period, rows)).violations.map((violation) =>
    toPlanViolation(period, violation),
  );
}

function toPlanViolation(period: PlanPeriod, violation: RosterViolation): PlanViolation {
  return {
    rule: violation.rule,
    message: plainMessage(period.scenario, violation),
    params: violation.params ?? {},
    visitId:
      violation.visitId === undefined
        ? null
        : (period.visitFromScenario.get(violation.visitId) ?? violation.visitId),
    caregiverId:
      violation.caregiverId === undefined
        ? null
        : (period.caregiverFromScenario.get(violation.caregiverId) ?? violation.caregiverId),
  };
}

/** Availability problems of the version, as flags per visit (what GET of the plan and the diff show). */
export function availabilityFlags(period: PlanPeriod, rows: PlanRow[]): Map<string, RosterPlanFlag[]> {
  const flags = new Map<string, RosterPlanFlag[]>();
  for (const violation of currentViolations(period, rows)) {
    if (violation.rule !== 'availability' || !violation.visitId) continue;
    flags.set(violation.visitId, [
      ...(flags.get(violation.visitId) ?? []),
      { rule: violation.rule, caregiverId: violation.caregiverId, message: violation.message },
    ]);
  }
  return flags;
}

const sameAssignment = (first: PlanRow | undefined, second: PlanRow | undefined): boolean =>
  [...(first?.caregiverIds ?? [])].sort().join(',') === [...(second?.caregiverIds ?? [])].sort().join(',') &&
  (first?.start?.getTime() ?? null) === (second?.start?.getTime() ?? null);

const stateOf = (row: PlanRow | undefined): RosterPlanChange['before'] => ({
  caregiverIds: row?.caregiverIds ?? [],
  start: row?.start ? row.start.toISOString() : null,
});

/** The visits whose caregivers or start differ, each with the reason given. */
export function changesBetween(before: PlanRow[], after: PlanRow[], reason: string): RosterPlanChange[] {
  const previous = new Map(before.map((row) => [row.visitId, row]));
  const next = new Map(after.map((row) => [row.visitId, row]));
  const changes: RosterPlanChange[] = [];
  for (const visitId of new Set([...previous.keys(), ...next.keys()])) {
    const first = previous.get(visitId);
    const second = next.get(visitId);
    if (sameAssignment(first, second)) continue;
    changes.push({ visitId, before: stateOf(first), after: stateOf(second), reason });
  }
  return changes.sort((first, second) =>
    (first.after.start ?? first.before.start ?? '').localeCompare(
      second.after.start ?? second.before.start ?? '',
    ),
  );
}

/** Candidate starts for a visit, earliest first, every `stepMinutes` inside its window. */
export function candidateStarts(
  visit: ScenarioVisit,
  timezone: string,
  parse: (text: string, timezone: string) => number,
  stepMinutes = 15,
): number[] {
  const earliest = parse(visit.earliestStart, timezone);
  const latest = parse(visit.latestEnd, timezone) - visit.durationMinutes;
  const starts: number[] = [];
  for (let start = earliest; start <= latest && starts.length < 96; start += stepMinutes) starts.push(start);
  return starts;
}
