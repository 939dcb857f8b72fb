import type { RosterState, StartRange } from './roster-state';

// Continuity first: give as many of one client's visits as possible to one caregiver (or one pair
// for double-ups), then the rest to the caregiver who can take most of what is left, and so on.
// Each candidate is tried for real and rolled back, so the choice sees the actual routes.

const PLACED_WEIGHT = 1e7;

function trySingle(
  state: RosterState,
  visits: number[],
  caregiver: number,
  scratch: StartRange[],
): { placed: number[]; cost: number } {
  const placed: number[] = [];
  let cost = 0;
  for (const visitIndex of visits) {
    const visit = state.model.visits[visitIndex];
    if (state.assigned[visitIndex] || visit.needed !== 1 || !visit.eligible.includes(caregiver)) continue;
    const placement = state.bestForCaregiver(visit, caregiver, scratch);
    if (!placement) continue;
    state.insert(visitIndex, placement.caregivers, placement.start, placement.positions);
    placed.push(visitIndex);
    cost += placement.cost;
  }
  return { placed, cost };
}

function tryGroup(state: RosterState, visits: number[], group: number[]): { placed: number[]; cost: number } {
  const placed: number[] = [];
  let cost = 0;
  for (const visitIndex of visits) {
    const visit = state.model.visits[visitIndex];
    if (
      state.assigned[visitIndex] ||
      visit.needed !== group.length ||
      !group.every((caregiver) => visit.eligible.includes(caregiver))
    )
      continue;
    const placement = state.bestGroup(visit, group).best;
    if (!placement) continue;
    state.insert(visitIndex, placement.caregivers, placement.start, placement.positions);
    placed.push(visitIndex);
    cost += placement.cost;
  }
  return { placed, cost };
}

/**
 * Inserts the visits (all of one client, in time order) bundle by bundle; returns the visits placed.
 * `limit` caps the candidates tried per round, for speed inside the search.
 */
export function insertClientBundle(
  state: RosterState,
  visits: readonly number[],
  limit = Number.POSITIVE_INFINITY,
): number[] {
  const model = state.model;
  const scratch: StartRange[] = [];
  const ordered = [...visits].sort(
    (first, second) => model.visits[first].earliestStart - model.visits[second].earliestStart,
  );
  const placedAll: number[] = [];
  for (let round = 0; round < 6; round++) {
    const open = ordered.filter((visitIndex) => !state.assigned[visitIndex]);
    if (open.length === 0) break;
    const doubles = open.filter((visitIndex) => model.visits[visitIndex].needed === 2);
    const candidates = new Map<string, number[]>();
    if (doubles.length) {
      const eligible = [...new Set(doubles.flatMap((visitIndex) => model.visits[visitIndex].eligible))];
      for (let first = 0; first < eligible.length; first++)
        for (let other = first + 1; other < eligible.length; other++)
          candidates.set(`${eligible[first]}+${eligible[other]}`, [eligible[first], eligible[other]]);
    } else {
      for (const visitIndex of open)
        for (const caregiver of model.visits[visitIndex].eligible)
          candidates.set(String(caregiver), [caregiver]);
    }
    let best: { group: number[]; score: number } | undefined;
    let tried = 0;
    for (const group of candidates.values()) {
      if (tried++ >= limit) break;
      const attempt =
        group.length === 1 ? trySingle(state, open, group[0], scratch) : tryGroup(state, doubles, group);
      for (const visitIndex of attempt.placed) state.remove(visitIndex);
      if (attempt.placed.length === 0) continue;
      const score = attempt.placed.length * PLACED_WEIGHT - attempt.cost;
      if (!best || score > best.score) best = { group, score };
    }
    if (!best) {
      if (doubles.length && doubles.length < open.length) {
        // no pair fits any double-up: go on with the single visits
        const singles = open.filter((visitIndex) => model.visits[visitIndex].needed === 1);
        const placed = insertClientBundle(state, singles, limit);
        placedAll.push(...placed);
      }
      break;
    }
    const result =
      best.group.length === 1
        ? trySingle(state, open, best.group[0], scratch)
        : tryGroup(state, doubles, best.group);
    placedAll.push(...result.placed);
  }
  return placedAll;
}
