// The improvement moves: destroy part of the roster (a client's visits, a caregiver's day, a time
// slice...) and repair it by regret, with an undo log. The annealing loop that drives it is in
// roster-solver.ts.
import { insertClientBundle } from './client-bundle';
import { greedyInsert, regretInsert } from './insertion-repair';
import { dayIndexOf, type ProblemModel } from './problem-model';
import { RandomGenerator } from './random-generator';
import { RosterState, type PushRecord, type StartRange } from './roster-state';

export interface RemovedVisit {
  visit: number;
  caregivers: number[];
  start: number;
}

export class NeighbourhoodSearch {
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
