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
import { insertClientBundle } from './client-bundle';
import { greedyInsert, regretInsert } from './insertion-repair';
import { buildProblemModel, dayIndexOf, type ProblemModel, type VisitModel } from './problem-model';
import { RandomGenerator } from './random-generator';
import { checkRoster, computeKpis, type KpiSlot } from './roster-checker';
import type { SolveOptions, SolveResult } from './roster-engine.types';
import { explainAssignment, explainUnassigned } from './roster-explainer';
import { RosterState, type PushRecord, type StartRange } from './roster-state';
import { assertScenarioDocument } from './scenario-input.validator';
import { resequenceAllShifts, resequenceShift } from './shift-sequencer';
import { ScenarioInvalidError } from './scenario-invalid.error';

// Anytime search: a valid roster from a client-by-client, continuity-first construction, then large
// neighbourhood search (remove a client's visits, a caregiver's day, a time slice...; reinsert by
// regret) with simulated-annealing acceptance until the budget ends. Every state is valid, so
// cancelling at any moment returns a usable roster.
//
// Determinism: the search never looks at the clock to make a choice, only to decide when to stop
// (annealing runs in cycles of iterations). For one scenario, options and seed, runs that stop after
// the same number of iterations return the same roster; `maxIterations` makes that reproducible.

const YIELD_EVERY_MS = 25;
const PROGRESS_EVERY_MS = 200;
const FIRST_CYCLE_ITERATIONS = 1000;
const MAX_CYCLE_ITERATIONS = 32_000;

interface Snapshot {
  assigned: (number[] | null)[];
  starts: Float64Array;
  cost: number;
}

interface RemovedVisit {
  visit: number;
  caregivers: number[];
  start: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function snapshotOf(state: RosterState): Snapshot {
  return {
    assigned: state.assigned.map((caregivers) => (caregivers ? [...caregivers] : null)),
    starts: Float64Array.from(state.starts),
    cost: state.cost(),
  };
}

function restore(state: RosterState, snapshot: Snapshot): void {
  for (let visit = 0; visit < state.assigned.length; visit++) if (state.assigned[visit]) state.remove(visit);
  snapshot.assigned.forEach((caregivers, visit) => {
    if (caregivers) state.insert(visit, caregivers, snapshot.starts[visit]);
  });
}

/** Pins are the team's decisions: placed first and exactly, even when they break a rule. */
function placePins(state: RosterState): void {
  const scratch: StartRange[] = [];
  for (const visit of state.model.visits) {
    if (!visit.pin) continue;
    const caregivers = visit.pin.caregivers;
    if (visit.pin.start === undefined) {
      const feasible =
        caregivers.length > 1
          ? state.bestGroup(visit, caregivers).best
          : caregivers.length === 1
            ? state.bestForCaregiver(visit, caregivers[0], scratch)
            : undefined;
      if (
        feasible &&
        feasible.caregivers.length === caregivers.length &&
        feasible.caregivers.every((caregiver) => caregivers.includes(caregiver))
      ) {
        state.insert(visit.index, feasible.caregivers, feasible.start, feasible.positions);
        continue;
      }
    }
    state.insert(visit.index, caregivers, visit.pin.start ?? visit.earliestStart);
  }
}

/** Keeps each previous assignment that still fits as it was (stability after a change such as illness). */
function placePrevious(state: RosterState): void {
  const scratch: StartRange[] = [];
  const visits = state.model.visits.filter(
    (visit) => visit.previous && !visit.pin && !visit.previous.caregivers.includes(-1),
  );
  visits.sort((first, second) => first.previous!.start - second.previous!.start);
  for (const visit of visits) {
    const previous = visit.previous!;
    if (previous.caregivers.length !== visit.needed) continue;
    if (!previous.caregivers.every((caregiver) => visit.eligible.includes(caregiver))) continue;
    let fits = true;
    const positions: number[] = [];
    for (const caregiver of previous.caregivers) {
      scratch.length = 0;
      state.startRanges(visit, caregiver, scratch);
      const range = scratch.find(
        (candidate) => candidate.low <= previous.start && previous.start <= candidate.high,
      );
      if (!range || !state.effectOf(visit, caregiver, range.position, previous.start)) {
        fits = false;
        break;
      }
      positions.push(range.position);
    }
    if (fits) state.insert(visit.index, [...previous.caregivers], previous.start, positions);
  }
}

/** Construction order: double-ups and visits of clients with few possible caregivers first, then a client's visits together in time order. */
function constructionOrder(model: ProblemModel): number[] {
  const clientScarcity = new Float64Array(model.clients.length).fill(Number.POSITIVE_INFINITY);
  for (const visit of model.visits)
    clientScarcity[visit.client] = Math.min(
      clientScarcity[visit.client],
      visit.eligible.length / visit.needed,
    );
  const order = model.visits.filter((visit) => !visit.pin).map((visit) => visit.index);
  const key = (visit: VisitModel): number[] => [
    visit.priority === 'critical' ? 0 : 1,
    -visit.needed,
    Math.min(visit.eligible.length, clientScarcity[visit.client] + 2),
    visit.client,
    visit.earliestStart,
  ];
  order.sort((first, second) => {
    const a = key(model.visits[first]);
    const b = key(model.visits[second]);
    for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] - b[index];
    return first - second;
  });
  return order;
}

/** Clients hardest to staff first: double-ups, then few possible caregivers, then many visits. */
function clientOrder(model: ProblemModel): number[][] {
  const visitsOf = model.clients.map((): number[] => []);
  for (const visit of model.visits) if (!visit.pin) visitsOf[visit.client].push(visit.index);
  const keyOf = (visits: number[]): number[] => [
    -Math.max(0, ...visits.map((visit) => model.visits[visit].needed)),
    Math.min(Number.POSITIVE_INFINITY, ...visits.map((visit) => model.visits[visit].eligible.length)),
    -visits.length,
  ];
  return visitsOf
    .map((visits, client) => ({ visits, client, key: keyOf(visits) }))
    .filter((entry) => entry.visits.length > 0)
    .sort(
      (first, second) =>
        first.key[0] - second.key[0] ||
        first.key[1] - second.key[1] ||
        first.key[2] - second.key[2] ||
        first.client - second.client,
    )
    .map((entry) => entry.visits);
}

export async function solveRoster(
  scenario: ScenarioDocument,
  options: SolveOptions = {},
): Promise<SolveResult> {
  const startedAt = performance.now();
  assertScenarioDocument(scenario);
  assertOptions(scenario, options);
  const timeLimitMs = Math.max(0, options.timeLimitMs ?? 5000);
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const random = new RandomGenerator(options.seed ?? 1);
  const model = buildProblemModel(scenario, {
    weights: options.weights,
    forbidden: options.forbidden,
    previousRoster: options.previousRoster,
  });
  const state = new RosterState(model);
  const elapsed = (): number => performance.now() - startedAt;
  let cancelled = Boolean(options.signal?.aborted);
  let lastYield = performance.now();
  let lastProgress = Number.NEGATIVE_INFINITY;
  let iteration = 0;
  let best: Snapshot | undefined;

  const timeFraction = (): number => (timeLimitMs > 0 ? Math.min(1, elapsed() / timeLimitMs) : 1);
  const fraction = (): number =>
    Number.isFinite(maxIterations)
      ? Math.max(Math.min(1, iteration / maxIterations), timeFraction())
      : timeFraction();
  const pause = async (): Promise<void> => {
    if (performance.now() - lastYield < YIELD_EVERY_MS) return;
    await yieldToEventLoop();
    lastYield = performance.now();
    if (options.signal?.aborted) cancelled = true;
    if (options.onProgress && performance.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = performance.now();
      const current = best ?? snapshotOf(state);
      options.onProgress({
        elapsedMs: elapsed(),
        iteration,
        fraction: fraction(),
        best: quickKpis(scenario, model, current),
      });
    }
  };

  // ---- construction ----
  placePins(state);
  if (model.hasPrevious) placePrevious(state);
  const fixedStart = snapshotOf(state);
  const order = constructionOrder(model);
  // critical visits first (client by client, so each client's keep one caregiver where they can),
  // then client by client: far better continuity than visit by visit, and as fast
  const clients = clientOrder(model);
  for (const client of clients) {
    const critical = client.filter((visit) => model.visits[visit].priority === 'critical');
    if (cancelled || critical.length === 0) continue;
    insertClientBundle(state, critical);
    await pause();
  }
  for (const client of clients) {
    if (cancelled) break;
    insertClientBundle(state, client);
    await pause();
  }
  if (!cancelled) greedyInsert(state, order);
  best = snapshotOf(state);
  const firstValidMs = elapsed();
  if (!cancelled && timeLimitMs >= 3000) {
    // with time to spare, also try visit by visit in order of scarcity, and keep the better start
    restore(state, fixedStart);
    for (let offset = 0; offset < order.length && !cancelled; offset += 25) {
      greedyInsert(state, order.slice(offset, offset + 25));
      await pause();
    }
    if (!cancelled && state.cost() < best.cost) best = snapshotOf(state);
    else restore(state, best);
  }

  // ---- improvement ----
  const search = new NeighbourhoodSearch(state, random);
  let currentCost = state.cost();
  let sinceImprovement = 0;
  let cycleStart = 0;
  let cycleLength = FIRST_CYCLE_ITERATIONS;
  const startTemperature = 0.3 * model.weights.distinctCaregiver;
  const endTemperature = 0.5 * model.weights.travelMinute;
  // nothing to search when no visit could ever move
  const searchable =
    model.caregivers.length > 0 &&
    model.visits.some((visit) => !visit.pin && visit.eligible.length >= visit.needed);
  while (searchable && !cancelled && iteration < maxIterations && elapsed() < timeLimitMs) {
    iteration++;
    // Annealing in cycles of iterations (1000, 2000, 4000, ... each restarting from the best roster),
    // never by the clock: a run that stops after n iterations equals any other that reached n.
    if (iteration - cycleStart > cycleLength) {
      cycleStart = iteration;
      cycleLength = Math.min(cycleLength * 2, MAX_CYCLE_ITERATIONS);
      restore(state, best);
      currentCost = state.cost();
      sinceImprovement = 0;
    }
    const temperature =
      startTemperature * Math.pow(endTemperature / startTemperature, (iteration - cycleStart) / cycleLength);
    if (random.next() < 0.1) {
      // travel only: a better order for one shift never costs anything else
      const caregiver = random.integer(model.caregivers.length);
      const route = state.routes[caregiver];
      if (route.length && resequenceShift(state, caregiver, random.pick(route).block) > 0) {
        currentCost = state.cost();
        if (currentCost < best.cost - 1e-9) best = snapshotOf(state);
      }
      await pause();
      continue;
    }
    const move = search.apply();
    const cost = state.cost();
    const delta = cost - currentCost;
    if (delta <= 0 || random.next() < Math.exp(-delta / temperature)) {
      currentCost = cost;
      if (cost < best.cost - 1e-9) {
        best = snapshotOf(state);
        sinceImprovement = 0;
      } else sinceImprovement++;
    } else {
      search.undo(move);
      sinceImprovement++;
    }
    if (sinceImprovement > 1500) {
      restore(state, best);
      currentCost = state.cost();
      sinceImprovement = 0;
    }
    await pause();
  }
  if (options.signal?.aborted) cancelled = true;
  if (state.cost() > best.cost + 1e-9 || cancelled) restore(state, best);
  if (!cancelled) resequenceAllShifts(state);

  const roster = buildRoster(model, state, cancelled && iteration === 0 && state.unassignedCount > 0);
  const check = checkRoster(scenario, roster);
  roster.kpis = { ...check.kpis };
  // Only a pin the team set can break a rule; say so on the visit instead of hiding it.
  for (const violation of check.violations) {
    const assignment = roster.assignments.find((candidate) => candidate.visitId === violation.visitId);
    if (assignment) {
      const reason: RosterReason = { code: 'pinned-breaks-rule', params: { rule: violation.rule } };
      assignment.explanation = [...(assignment.explanation ?? []), inEnglish(reason)];
      assignment.explanationCodes = [...(assignment.explanationCodes ?? []), reason];
    }
  }
  const result: SolveResult = {
    roster,
    kpis: check.kpis,
    stats: { firstValidMs, elapsedMs: elapsed(), iterations: iteration, cancelled },
  };
  if (options.previousRoster) result.stats.changedFromPrevious = countChanges(model, state);
  return result;
}

function assertOptions(scenario: ScenarioDocument, options: SolveOptions): void {
  const problems: { path: string; message: string }[] = [];
  const visitIds = new Set(scenario.visits.map((visit) => visit.id));
  const caregiverIds = new Set(scenario.caregivers.map((caregiver) => caregiver.id));
  (options.forbidden ?? []).forEach((pair, index) => {
    if (!visitIds.has(pair?.visitId))
      problems.push({
        path: `options.forbidden[${index}].visitId`,
        message: `unknown visit ${String(pair?.visitId)}`,
      });
    if (!caregiverIds.has(pair?.caregiverId))
      problems.push({
        path: `options.forbidden[${index}].caregiverId`,
        message: `unknown caregiver ${String(pair?.caregiverId)}`,
      });
  });
  const previous = options.previousRoster;
  if (
    previous !== undefined &&
    (typeof previous !== 'object' || previous === null || !Array.isArray(previous.assignments))
  )
    problems.push({ path: 'options.previousRoster.assignments', message: 'must be a list of assignments' });
  if (
    options.timeLimitMs !== undefined &&
    !(typeof options.timeLimitMs === 'number' && options.timeLimitMs >= 0)
  )
    problems.push({ path: 'options.timeLimitMs', message: 'must be a number of milliseconds (0 or more)' });
  if (problems.length) throw new ScenarioInvalidError(problems);
}

function countChanges(model: ProblemModel, state: RosterState): number {
  let changed = 0;
  for (const visit of model.visits) {
    const now = state.assigned[visit.index] ?? [];
    const before = visit.previous?.caregivers ?? [];
    if (now.length !== before.length || now.some((caregiver) => !before.includes(caregiver))) changed++;
  }
  return changed;
}

/** Local time, or an offset time when the instant is the second pass through a fall-back hour. */
function rosterTime(epochMinutes: number, timeZone: string): string {
  const local = formatLocalDateTime(epochMinutes, timeZone);
  return parseLocalDateTime(local, timeZone) === epochMinutes
    ? local
    : formatOffsetDateTime(epochMinutes, timeZone);
}

/** The roster document's own text (the homecare-roster/v1 format is read in English); readers word the codes themselves. */
const inEnglish = (reason: RosterReason): string => renderRosterReason(reason, 'en');

function buildRoster(model: ProblemModel, state: RosterState, cancelledEarly: boolean): RosterDocument {
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
function quickKpis(scenario: ScenarioDocument, model: ProblemModel, snapshot: Snapshot): RosterKpis {
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
class NeighbourhoodSearch {
  private readonly model: ProblemModel;
  private readonly clientVisits: number[][];
  private readonly scratch: StartRange[] = [];

  constructor(
    private readonly state: RosterState,
    private readonly random: RandomGenerator,
  ) {
    this.model = state.model;
    this.clientVisits = this.model.clients.map(() => []);
    for (const visit of this.model.visits) if (!visit.pin) this.clientVisits[visit.client].push(visit.index);
  }

  apply(): { removed: RemovedVisit[]; inserted: number[]; pushes: PushRecord[] } {
    const removed: RemovedVisit[] = [];
    const pushes: PushRecord[] = [];
    this.state.pushLog = pushes;
    const taken = new Set<number>();
    const take = (visitIndex: number): void => {
      const caregivers = this.state.assigned[visitIndex];
      if (!caregivers || this.state.fixed[visitIndex]) return;
      // the undo needs where the visit was before this move, even if the move pushed it or placed it anew since
      if (!taken.has(visitIndex)) {
        taken.add(visitIndex);
        const pushed = pushes.find((record) => record.visit === visitIndex);
        removed.push({
          visit: visitIndex,
          caregivers,
          start: pushed ? pushed.start : this.state.starts[visitIndex],
        });
      }
      this.state.remove(visitIndex);
    };
    const roll = this.random.next();
    let first: number[] = [];
    let target = -1;
    const shiftPlaced: number[] = [];
    const bundled: number[] = [];
    if (roll < 0.25) {
      // the caregiver who sees a client least: hand those visits to the client's other caregivers
      const placed = this.eliminateMinority(take);
      bundled.push(...placed);
    } else if (roll < 0.4) {
      // a whole client: lets the repair give them one caregiver
      const client = this.random.integer(this.model.clients.length);
      for (const visit of this.clientVisits[client]) take(visit);
      if (this.random.next() < 0.5)
        bundled.push(...insertClientBundle(this.state, this.clientVisits[client], 8));
    } else if (roll < 0.5) {
      // move a client's visits to one caregiver, bumping whatever stands in the way
      const client = this.random.integer(this.model.clients.length);
      const visits = this.clientVisits[client];
      target = this.pickTarget(client);
      if (target >= 0) {
        for (const visit of visits) take(visit);
        for (const visit of visits) {
          const model = this.model.visits[visit];
          if (!model.eligible.includes(target)) continue;
          for (const stop of [...this.state.routes[target]])
            if (stop.end > model.earliestStart - 30 && stop.start < model.latestEnd + 30) take(stop.visit);
        }
        first = visits;
      }
    } else if (roll < 0.55) {
      // re-sequence one shift of one caregiver for less travel: same caregiver, shuffled near time order
      const caregiver = this.random.integer(this.model.caregivers.length);
      const route = this.state.routes[caregiver];
      if (route.length) {
        const block = this.random.pick(route).block;
        for (const stop of [...route])
          if (stop.block === block && this.model.visits[stop.visit].needed === 1) take(stop.visit);
        const jitter = 30 + this.random.integer(90);
        const order = removed
          .map((entry) => ({
            visit: entry.visit,
            key: this.model.visits[entry.visit].earliestStart + this.random.next() * jitter,
          }))
          .sort((first, second) => first.key - second.key);
        for (const { visit } of order) {
          const placement = this.state.bestForCaregiver(this.model.visits[visit], caregiver, this.scratch);
          if (!placement) continue;
          this.state.insert(visit, placement.caregivers, placement.start, placement.positions);
          shiftPlaced.push(visit);
        }
      }
    } else if (roll < 0.65) {
      // one caregiver's day
      const caregiver = this.random.integer(this.model.caregivers.length);
      const route = this.state.routes[caregiver];
      if (route.length) {
        const day = this.random.pick(route).day;
        for (const stop of [...route]) if (stop.day === day) take(stop.visit);
      }
    } else if (roll < 0.8) {
      // a time slice across the team
      const visit = this.model.visits[this.random.integer(this.model.visits.length)];
      const from = visit.earliestStart - 60;
      const to = visit.latestEnd + 60;
      const candidates = this.model.visits.filter(
        (other) =>
          this.state.assigned[other.index] &&
          this.state.starts[other.index] < to &&
          this.state.starts[other.index] + other.duration > from,
      );
      this.random.shuffle(candidates);
      for (const other of candidates.slice(0, 25)) take(other.index);
    } else {
      // an uncovered visit: clear room for it in one caregiver's route
      const open = this.model.visits.filter(
        (visit) => !this.state.assigned[visit.index] && visit.eligible.length >= visit.needed,
      );
      if (open.length) {
        const critical = open.filter((visit) => visit.priority === 'critical');
        const visit = this.random.pick(critical.length && this.random.next() < 0.8 ? critical : open);
        // the caregivers with the least to move out of the way (with a little noise)
        const from = visit.earliestStart - 20;
        const to = visit.latestEnd + 20;
        const caregivers = visit.eligible
          .map((caregiver) => {
            let blocking = 0;
            for (const stop of this.state.routes[caregiver])
              if (stop.end > from && stop.start < to)
                blocking += this.state.fixed[stop.visit] ? 10_000 : stop.end - stop.start;
            return { caregiver, score: blocking + this.random.next() * 60 };
          })
          .sort((first, second) => first.score - second.score)
          .slice(0, visit.needed)
          .map((entry) => entry.caregiver);
        for (const caregiver of caregivers)
          for (const stop of [...this.state.routes[caregiver]])
            if (stop.end > visit.earliestStart - 20 && stop.start < visit.latestEnd + 20) take(stop.visit);
        first = [visit.index];
      } else {
        for (let count = 0; count < 8; count++) take(this.random.integer(this.model.visits.length));
      }
    }

    const inserted: number[] = [...shiftPlaced, ...bundled];
    if (target >= 0) {
      // try the chosen caregiver first for the client's visits
      for (const visitIndex of first) {
        const visit = this.model.visits[visitIndex];
        if (this.state.assigned[visitIndex] || visit.needed !== 1 || !visit.eligible.includes(target))
          continue;
        const placement = this.state.bestForCaregiver(visit, target, this.scratch);
        if (placement) {
          this.state.insert(visitIndex, placement.caregivers, placement.start, placement.positions);
          inserted.push(visitIndex);
        }
      }
    } else if (first.length) inserted.push(...greedyInsert(this.state, first));

    const pending = removed.map((entry) => entry.visit).filter((visit) => !this.state.assigned[visit]);
    pending.push(...this.relatedUnassigned(removed));
    const repaired =
      this.random.next() < 0.7
        ? regretInsert(this.state, pending, this.random)
        : greedyInsert(this.state, this.random.shuffle(pending));
    inserted.push(...repaired);
    this.state.pushLog = undefined;
    return { removed, inserted, pushes };
  }

  private eliminateMinority(take: (visit: number) => void): number[] {
    const state = this.state;
    const caregiverCount = state.caregiverCount;
    const spread: number[] = [];
    for (let client = 0; client < this.model.clients.length; client++) {
      let distinct = 0;
      for (let caregiver = 0; caregiver < caregiverCount; caregiver++)
        if (state.slotCount[client * caregiverCount + caregiver] > 0) distinct++;
      if (distinct >= 2) spread.push(client);
    }
    if (!spread.length) return [];
    const client = this.random.pick(spread);
    const serving: { caregiver: number; count: number }[] = [];
    for (let caregiver = 0; caregiver < caregiverCount; caregiver++) {
      const count = state.slotCount[client * caregiverCount + caregiver];
      if (count > 0) serving.push({ caregiver, count });
    }
    serving.sort((first, second) => first.count - second.count || this.random.next() - 0.5);
    const minority = serving[0].caregiver;
    const others = serving.slice(1).map((entry) => entry.caregiver);
    const visits = this.clientVisits[client].filter((visit) => state.assigned[visit]?.includes(minority));
    if (visits.some((visit) => state.fixed[visit])) return [];
    for (const visit of visits) take(visit);
    const placed: number[] = [];
    for (const visitIndex of visits) {
      const visit = this.model.visits[visitIndex];
      if (visit.needed !== 1) continue;
      for (const caregiver of this.random.shuffle(
        others.filter((candidate) => visit.eligible.includes(candidate)),
      )) {
        let placement = state.bestForCaregiver(visit, caregiver, this.scratch);
        if (!placement) {
          // make room: whatever this caregiver does around the visit's window goes back to the pool
          for (const stop of [...state.routes[caregiver]])
            if (
              stop.end > visit.earliestStart - 20 &&
              stop.start < visit.latestEnd + 20 &&
              !state.fixed[stop.visit] &&
              this.model.visits[stop.visit].needed === 1
            )
              take(stop.visit);
          placement = state.bestForCaregiver(visit, caregiver, this.scratch);
        }
        if (placement) {
          state.insert(visitIndex, placement.caregivers, placement.start, placement.positions);
          placed.push(visitIndex);
          break;
        }
      }
    }
    return placed;
  }

  undo(move: { removed: RemovedVisit[]; inserted: number[]; pushes: PushRecord[] }): void {
    for (const visit of move.inserted) this.state.remove(visit);
    for (let index = move.pushes.length - 1; index >= 0; index--) this.state.restorePush(move.pushes[index]);
    for (const entry of move.removed) this.state.insert(entry.visit, entry.caregivers, entry.start);
  }

  /** The client's most frequent caregiver, or one they prefer or know, or any eligible one. */
  private pickTarget(client: number): number {
    const visits = this.clientVisits[client];
    if (!visits.length) return -1;
    const eligible = this.model.visits[visits[0]].eligible;
    if (!eligible.length) return -1;
    const roll = this.random.next();
    const counts = new Map<number, number>();
    for (const visit of visits)
      for (const caregiver of this.state.assigned[visit] ?? [])
        counts.set(caregiver, (counts.get(caregiver) ?? 0) + 1);
    if (roll < 0.4 && counts.size) {
      const ranked = [...counts.entries()].sort((first, second) => second[1] - first[1]);
      return ranked[this.random.integer(Math.min(2, ranked.length))][0];
    }
    const clientModel = this.model.clients[client];
    const liked = eligible.filter(
      (caregiver) => clientModel.preferred.has(caregiver) || clientModel.history.has(caregiver),
    );
    if (roll < 0.7 && liked.length) return this.random.pick(liked);
    return this.random.pick(eligible);
  }

  /** Uncovered visits near the removed ones in time get another chance in every repair. */
  private relatedUnassigned(removed: RemovedVisit[]): number[] {
    if (this.state.unassignedCount === 0 || removed.length === 0) return [];
    const days = new Set(removed.map((entry) => dayIndexOf(this.model, entry.start)));
    const related: number[] = [];
    for (const visit of this.model.visits)
      if (
        !this.state.assigned[visit.index] &&
        visit.eligible.length >= visit.needed &&
        days.has(dayIndexOf(this.model, visit.earliestStart))
      )
        related.push(visit.index);
    return this.random.shuffle(related).slice(0, 12);
  }
}
