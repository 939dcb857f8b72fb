// A copy of the search's assignments and starts: the best roster so far, and where a restart or a
// cancelled run goes back to.
import type { RosterState } from './roster-state';

export interface Snapshot {
  assigned: (number[] | null)[];
  starts: Float64Array;
  cost: number;
}

export function snapshotOf(state: RosterState): Snapshot {
  return {
    assigned: state.assigned.map((caregivers) => (caregivers ? [...caregivers] : null)),
    starts: Float64Array.from(state.starts),
    cost: state.cost(),
  };
}

export function restore(state: RosterState, snapshot: Snapshot): void {
  for (let visit = 0; visit < state.assigned.length; visit++) if (state.assigned[visit]) state.remove(visit);
  snapshot.assigned.forEach((caregivers, visit) => {
    if (caregivers) state.insert(visit, caregivers, snapshot.starts[visit]);
  });
}
