// From the search state to the roster document (times in the team's zone, reasons as codes and in
// English) and the quick KPIs of progress reports.
import {
  ROSTER_FORMAT,
  formatLocalDateTime,
  formatOffsetDateTime,
  parseLocalDateTime,
  type RosterAssignment,
  type RosterDocument,
  type RosterKpis,
  type RosterReason,
  type RosterUnassigned,
  renderRosterReason,
  type ScenarioDocument,
} from '@homecare/scenario';
import { type ProblemModel } from './problem-model';
import { computeKpis, type KpiSlot } from './roster-checker';
import { explainAssignment, explainUnassigned } from './roster-explainer';
import { RosterState } from './roster-state';
import type { Snapshot } from './roster-snapshot';

export function countChanges(model: ProblemModel, state: RosterState): number {
  let changed = 0;
  for (const visit of model.visits) {
    const now = state.assigned[visit.index] ?? [];
    const before = visit.previous?.caregivers ?? [];
    if (now.length !== before.length || now.some((caregiver) => !before.includes(caregiver))) changed++;
  }
  return changed;
}

/** Local time, or an offset time when the instant is the second pass through a fall-back hour. */
export function rosterTime(epochMinutes: number, timeZone: string): string {
  const local = formatLocalDateTime(epochMinutes, timeZone);
  return parseLocalDateTime(local, timeZone) === epochMinutes
    ? local
    : formatOffsetDateTime(epochMinutes, timeZone);
}

/** The roster document's own text (the homecare-roster/v1 format is read in English); readers word the codes themselves. */
export const inEnglish = (reason: RosterReason): string => renderRosterReason(reason, 'en');

export function buildRoster(
  model: ProblemModel,
  state: RosterState,
  cancelledEarly: boolean,
): RosterDocument {
  const assignments: RosterAssignment[] = [];
  const unassigned: RosterUnassigned[] = [];
  for (const visit of model.visits) {
    const caregivers = state.assigned[visit.index];
    if (caregivers) {
      const reasons = explainAssignment(state, visit.index);
      assignments.push({
        visitId: visit.id,
        caregiverIds: caregivers.map((caregiver) => model.caregivers[caregiver].id),
        start: rosterTime(state.starts[visit.index], model.timeZone),
        explanation: reasons.map(inEnglish),
        explanationCodes: reasons,
      });
    } else {
      const reason = explainUnassigned(state, visit.index, cancelledEarly);
      unassigned.push({ visitId: visit.id, reason: inEnglish(reason), reasonCode: reason });
    }
  }
  // every unassigned critical visit comes first: those are the ones a team must act on now
  const critical = new Set(
    model.visits.filter((visit) => visit.priority === 'critical').map((visit) => visit.id),
  );
  unassigned.sort(
    (first, second) => Number(critical.has(second.visitId)) - Number(critical.has(first.visitId)),
  );
  return { format: ROSTER_FORMAT, assignments, unassigned };
}

/** KPIs straight from the search state (no time parsing), for progress reports. */
export function quickKpis(scenario: ScenarioDocument, model: ProblemModel, snapshot: Snapshot): RosterKpis {
  const slots: KpiSlot[] = [];
  const routes = new Map<number, { start: number; end: number; client: number; block: number }[]>();
  snapshot.assigned.forEach((caregivers, visitIndex) => {
    if (!caregivers) return;
    const visit = model.visits[visitIndex];
    for (const caregiver of caregivers) {
      slots.push({
        visitId: visit.id,
        clientId: model.clients[visit.client].id,
        caregiverId: model.caregivers[caregiver].id,
        start: snapshot.starts[visitIndex],
        end: snapshot.starts[visitIndex] + visit.duration,
      });
      const route = routes.get(caregiver) ?? [];
      const start = snapshot.starts[visitIndex];
      const block =
        model.caregivers[caregiver].availability.find(
          (interval) => interval.start <= start && start + visit.duration <= interval.end,
        )?.order ?? -1;
      route.push({ start, end: start + visit.duration, client: visit.client, block });
      routes.set(caregiver, route);
    }
  });
  const workload = new Map<string, number>();
  let travel = 0;
  for (const [caregiver, route] of routes) {
    route.sort((first, second) => first.start - second.start);
    let minutes = 0;
    route.forEach((stop, index) => {
      minutes += stop.end - stop.start;
      const previous = route[index - 1];
      if (previous && previous.block === stop.block && stop.block >= 0) {
        const trip = model.caregivers[caregiver].travel[previous.client * model.clients.length + stop.client];
        minutes += trip;
        travel += trip;
      }
    });
    workload.set(model.caregivers[caregiver].id, minutes);
  }
  return computeKpis(scenario, slots, workload, travel, 0);
}

/** Destroy-and-repair moves with an undo log, so a rejected move costs no copy of the roster. */
