import type { ProblemModel, VisitModel } from './problem-model';
import type { RandomGenerator } from './random-generator';
import type { Placement, RosterState, StartRange } from './roster-state';

// Repair: put removed visits back (and unassigned ones where they now fit), continuity-aware,
// either greedily in a given order or by regret (the visit that loses most by waiting goes first).

const NO_OPTION = Number.POSITIVE_INFINITY;

export function bestPlacement(
  state: RosterState,
  visit: VisitModel,
  scratch: StartRange[],
): Placement | undefined {
  if (visit.needed > 1) return state.bestGroup(visit, visit.eligible).best;
  let best: Placement | undefined;
  for (const caregiver of visit.eligible) {
    const placement = state.bestForCaregiver(visit, caregiver, scratch);
    if (placement && (!best || placement.cost < best.cost)) best = placement;
  }
  return best;
}

/** Inserts in the given order, each visit where it costs least; returns the visits placed. */
export function greedyInsert(state: RosterState, visits: readonly number[]): number[] {
  const scratch: StartRange[] = [];
  const placed: number[] = [];
  for (const visitIndex of visits) {
    if (state.assigned[visitIndex]) continue;
    const placement = bestPlacement(state, state.model.visits[visitIndex], scratch);
    if (!placement) continue;
    state.insert(visitIndex, placement.caregivers, placement.start, placement.positions);
    placed.push(visitIndex);
  }
  return placed;
}

/**
 * Regret-2 insertion. Single visits keep one best cost per caregiver, refreshed only for the
 * caregivers whose route just changed: a route change touches no other caregiver's cost.
 */
export function regretInsert(
  state: RosterState,
  visits: readonly number[],
  random: RandomGenerator,
  noise = 0.1,
): number[] {
  const model: ProblemModel = state.model;
  const caregiverCount = state.caregiverCount;
  const scratch: StartRange[] = [];
  const pending = visits.filter((visitIndex) => !state.assigned[visitIndex]);
  const singles = pending.filter((visitIndex) => model.visits[visitIndex].needed === 1);
  const costs = new Map<number, Float64Array>();
  const starts = new Map<number, Float64Array>();
  const positions = new Map<number, Int32Array>();
  const refresh = (visitIndex: number, caregiver: number): void => {
    const placement = state.bestForCaregiver(model.visits[visitIndex], caregiver, scratch);
    costs.get(visitIndex)![caregiver] = placement ? placement.cost : NO_OPTION;
    starts.get(visitIndex)![caregiver] = placement ? placement.start : 0;
    positions.get(visitIndex)![caregiver] = placement ? placement.positions[0] : 0;
  };
  for (const visitIndex of singles) {
    costs.set(visitIndex, new Float64Array(caregiverCount).fill(NO_OPTION));
    starts.set(visitIndex, new Float64Array(caregiverCount));
    positions.set(visitIndex, new Int32Array(caregiverCount));
    for (const caregiver of model.visits[visitIndex].eligible) refresh(visitIndex, caregiver);
  }
  const placed: number[] = [];
  const open = new Set(pending);
  while (open.size > 0) {
    let chosen = -1;
    let chosenScore = Number.NEGATIVE_INFINITY;
    let chosenPlacement: Placement | undefined;
    for (const visitIndex of open) {
      const visit = model.visits[visitIndex];
      let best: Placement | undefined;
      let secondCost = NO_OPTION;
      if (visit.needed === 1) {
        const row = costs.get(visitIndex)!;
        let bestCost = NO_OPTION;
        let bestCaregiver = -1;
        for (const caregiver of visit.eligible) {
          const cost = row[caregiver];
          if (cost < bestCost) {
            secondCost = bestCost;
            bestCost = cost;
            bestCaregiver = caregiver;
          } else if (cost < secondCost) secondCost = cost;
        }
        if (bestCaregiver >= 0)
          best = {
            caregivers: [bestCaregiver],
            start: starts.get(visitIndex)![bestCaregiver],
            cost: bestCost,
            positions: [positions.get(visitIndex)![bestCaregiver]],
          };
      } else {
        const group = state.bestGroup(visit, visit.eligible);
        best = group.best;
        secondCost = group.second ? group.second.cost : NO_OPTION;
      }
      if (!best) {
        open.delete(visitIndex);
        continue;
      }
      // A visit with one option left must go now; otherwise the largest regret first.
      const regret = secondCost === NO_OPTION ? 1e12 - best.cost : secondCost - best.cost;
      const score =
        regret * (1 + noise * random.next()) +
        (visit.needed > 1 ? 1e3 : 0) +
        (visit.priority === 'critical' ? 1e13 : 0);
      if (score > chosenScore) {
        chosenScore = score;
        chosen = visitIndex;
        chosenPlacement = best;
      }
    }
    if (chosen < 0 || !chosenPlacement) break;
    state.insert(chosen, chosenPlacement.caregivers, chosenPlacement.start, chosenPlacement.positions);
    placed.push(chosen);
    open.delete(chosen);
    for (const visitIndex of open) {
      if (!costs.has(visitIndex)) continue;
      const eligible = model.visits[visitIndex].eligible;
      for (const caregiver of chosenPlacement.caregivers)
        if (eligible.includes(caregiver)) refresh(visitIndex, caregiver);
    }
  }
  return placed;
}
