import { type RosterBreach, type RosterLimit, type RosterReason } from '@homecare/scenario';
import { pairKey, type ProblemModel, type VisitModel } from './problem-model';
import type { RosterState, StartRange } from './roster-state';
import type { RuleBreach } from './work-calendar';

// Why each caregiver got a visit, and why a visit could not be covered: as codes with parameters
// (roster-reasons.ts in the scenario format). No words here: those are chosen per reader's language
// where the reasons are shown (roster-reason-texts.ts).

const MINUTE_MS = 60_000;
const instant = (epochMinutes: number): string => new Date(epochMinutes * MINUTE_MS).toISOString();

/** The visit's window and the team's zone, the parameters every unassigned reason carries. */
function windowOf(model: ProblemModel, visit: VisitModel) {
  return { zone: model.timeZone, from: instant(visit.earliestStart), to: instant(visit.latestEnd) };
}

export function explainAssignment(state: RosterState, visitIndex: number): RosterReason[] {
  const model = state.model;
  const visit = model.visits[visitIndex];
  const client = model.clients[visit.client];
  const caregivers = state.assigned[visitIndex] ?? [];
  const lines: RosterReason[] = [];
  if (visit.pin) lines.push({ code: 'pinned', params: {} });
  if (visit.previous && !state.isChanged(visit, caregivers))
    lines.push({ code: 'kept-from-previous', params: {} });
  const period = model.dayStarts.length <= 11 ? 'week' : 'period';
  for (const caregiver of caregivers) {
    const reasons: RosterReason[] = [];
    const who = caregivers.length > 1 ? { caregiver: model.caregivers[caregiver].label } : {};
    const earlier = client.history.get(caregiver);
    if (earlier) reasons.push({ code: 'knows-client', params: { ...who, count: earlier } });
    if (client.preferred.has(caregiver)) reasons.push({ code: 'preferred-by-client', params: { ...who } });
    const others = state.slotCount[visit.client * state.caregiverCount + caregiver] - 1;
    if (others > 0)
      reasons.push({ code: 'already-visits-client', params: { ...who, count: others, period } });
    const { previous } = state.neighbours(caregiver, visitIndex);
    const stop = state.routes[caregiver].find((candidate) => candidate.visit === visitIndex);
    if (previous && stop && previous.block === stop.block && stop.block >= 0) {
      const trip = state.travel(caregiver, previous.client, visit.client);
      reasons.push(
        trip === 0
          ? { code: 'same-address', params: { ...who } }
          : { code: 'travel-from-previous', params: { ...who, minutes: trip } },
      );
    } else reasons.push({ code: 'first-of-shift', params: { ...who } });
    if (reasons.length === 1 && !visit.pin) reasons.unshift({ code: 'skills-and-free', params: { ...who } });
    lines.push(...reasons);
  }
  if (visit.priority === 'critical') lines.unshift({ code: 'critical-first', params: {} });
  if (!visit.pin) lines.push(...rulesThatKeptAway(state, visit, caregivers));
  return lines;
}

type Obstacle = { kind: 'busy' } | { kind: 'rule'; breach: RuleBreach } | { kind: 'fits' };

function obstacleFor(state: RosterState, visit: VisitModel, caregiver: number): Obstacle {
  const ranges: StartRange[] = [];
  state.startRanges(visit, caregiver, ranges);
  if (ranges.length === 0) return { kind: 'busy' };
  let first: RuleBreach | undefined;
  for (const range of ranges) {
    const outcome = state.placeInRange(visit, range);
    if (!('rule' in outcome)) return { kind: 'fits' };
    first ??= outcome;
  }
  return { kind: 'rule', breach: first! };
}

/** The rule a caregiver would break, as data of the scenario format (instants as ISO strings). */
export function breachOf(breach: RuleBreach): RosterBreach {
  if (breach.rule !== 'rest') return breach;
  return {
    rule: 'rest',
    rest: breach.rest,
    required: breach.required,
    // the visit would end the earlier day late: the rest runs out before the later day's early visit
    side: breach.visitIsEarlier ? 'before' : 'after',
    date: breach.visitIsEarlier ? breach.laterDate : breach.earlierDate,
    at: instant(breach.visitIsEarlier ? breach.firstStart : breach.lastEnd),
  };
}

/** "not Anna: would have 9h30 rest ...", for the client's own caregivers a rule kept away. */
function rulesThatKeptAway(
  state: RosterState,
  visit: VisitModel,
  caregivers: readonly number[],
): RosterReason[] {
  const model = state.model;
  const client = model.clients[visit.client];
  let primary = -1;
  let most = 0;
  for (let caregiver = 0; caregiver < state.caregiverCount; caregiver++) {
    const served = state.slotCount[visit.client * state.caregiverCount + caregiver];
    if (served > most) {
      most = served;
      primary = caregiver;
    }
  }
  const own = visit.eligible.filter(
    (caregiver) =>
      !caregivers.includes(caregiver) &&
      (caregiver === primary || client.preferred.has(caregiver) || client.history.has(caregiver)),
  );
  const lines: RosterReason[] = [];
  for (const caregiver of own.slice(0, 3)) {
    const obstacle = obstacleFor(state, visit, caregiver);
    if (obstacle.kind === 'rule')
      lines.push({
        code: 'kept-away-by-rule',
        params: {
          zone: model.timeZone,
          caregiver: model.caregivers[caregiver].label,
          breach: breachOf(obstacle.breach),
        },
      });
  }
  return lines;
}

/** Why nobody could take this visit, so that a team knows what to change; critical visits say so. */
export function explainUnassigned(state: RosterState, visitIndex: number, cancelled: boolean): RosterReason {
  const reason = unassignedReason(state, visitIndex, cancelled);
  if (state.model.visits[visitIndex].priority === 'critical') reason.params.critical = true;
  return reason;
}

function unassignedReason(state: RosterState, visitIndex: number, cancelled: boolean): RosterReason {
  const model = state.model;
  const visit = model.visits[visitIndex];
  const client = model.clients[visit.client];
  const when = windowOf(model, visit);
  const skills = visit.skills.length ? { skills: [...visit.skills] } : {};
  const skilled = model.caregivers.filter((caregiver) =>
    visit.skills.every((skill) => caregiver.skills.has(skill)),
  );
  if (model.caregivers.length === 0) return { code: 'no-caregivers', params: when };
  if (skilled.length === 0) return { code: 'no-skill', params: { ...when, ...skills } };
  const available = skilled.filter((caregiver) =>
    caregiver.availability.some(
      (interval) =>
        Math.max(interval.start, visit.earliestStart) + visit.duration <=
        Math.min(interval.end, visit.latestEnd),
    ),
  );
  if (available.length === 0) return { code: 'none-available', params: { ...when, ...skills } };
  const excluded = available.filter((caregiver) => client.excluded.has(caregiver.index));
  const objected = available.filter(
    (caregiver) =>
      !client.excluded.has(caregiver.index) && model.forbidden.has(pairKey(visitIndex, caregiver.index)),
  );
  const free = available.filter(
    (caregiver) =>
      !client.excluded.has(caregiver.index) && !model.forbidden.has(pairKey(visitIndex, caregiver.index)),
  );
  const labels = (list: typeof available): string[] => list.map((caregiver) => caregiver.label);
  if (free.length === 0)
    return {
      code: 'excluded-or-objected',
      params: {
        ...when,
        ...skills,
        available: labels(available),
        ...(excluded.length ? { excluded: labels(excluded) } : {}),
        ...(objected.length ? { objected: labels(objected) } : {}),
      },
    };
  if (free.length < visit.needed)
    return {
      code: 'too-few-for-team-visit',
      params: {
        ...when,
        needed: visit.needed,
        free: labels(free),
        ...(excluded.length ? { excluded: labels(excluded) } : {}),
      },
    };
  const busy: string[] = [];
  const limits: RosterLimit[] = [];
  let fitting = 0;
  for (const caregiver of free) {
    const obstacle = obstacleFor(state, visit, caregiver.index);
    if (obstacle.kind === 'busy') busy.push(caregiver.label);
    else if (obstacle.kind === 'rule')
      limits.push({ caregiver: caregiver.label, breach: breachOf(obstacle.breach) });
    else fitting++;
  }
  if (cancelled && fitting >= visit.needed) return { code: 'stopped-early', params: when };
  const details = {
    free: labels(free),
    ...(busy.length ? { busy } : {}),
    ...(limits.length ? { limits } : {}),
  };
  if (visit.needed > 1 && fitting >= visit.needed)
    return { code: 'no-common-moment', params: { ...when, needed: visit.needed, ...details } };
  return { code: 'fully-booked', params: { ...when, ...details } };
}
