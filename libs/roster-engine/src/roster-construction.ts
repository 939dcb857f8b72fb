// The first valid roster: the team's pins, last version's assignments that still fit, and the order
// in which the rest is built (hardest clients first). Kept apart from the search that improves it.
import { type ProblemModel, type VisitModel } from './problem-model';
import { RosterState, type StartRange } from './roster-state';

/** Pins are the team's decisions: placed first and exactly, even when they break a rule. */
export function placePins(state: RosterState): void {
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
export function placePrevious(state: RosterState): void {
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
export function constructionOrder(model: ProblemModel): number[] {
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
export function clientOrder(model: ProblemModel): number[][] {
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
