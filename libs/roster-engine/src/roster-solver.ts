import { type RosterReason, type ScenarioDocument } from '@homecare/scenario';
import { insertClientBundle } from './client-bundle';
import { greedyInsert } from './insertion-repair';
import { buildProblemModel } from './problem-model';
import { RandomGenerator } from './random-generator';
import { checkRoster } from './roster-checker';
import type { SolveOptions, SolveResult } from './roster-engine.types';
import { RosterState } from './roster-state';
import { assertScenarioDocument } from './scenario-input.validator';
import { resequenceAllShifts, resequenceShift } from './shift-sequencer';
import { ScenarioInvalidError } from './scenario-invalid.error';
import { NeighbourhoodSearch } from './neighbourhood-search';
import { buildRoster, countChanges, inEnglish, quickKpis } from './roster-building';
import { clientOrder, constructionOrder, placePins, placePrevious } from './roster-construction';
import { restore, snapshotOf, type Snapshot } from './roster-snapshot';

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

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
