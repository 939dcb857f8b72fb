// Where a visit can go in the roster under construction and what it would cost: the placement
// search on top of RosterRoutes, separate because it only reads the routes and their totals.
import { blockOf, dayIndexOf, isUnsocial, type VisitModel } from './problem-model';
import {
  RosterRoutes,
  unfamiliarity,
  type InsertionEffect,
  type Placement,
  type StartRange,
  type Stop,
} from './roster-routes';
import type { RuleBreach } from './work-calendar';
import { minutesInWishes } from './wish-windows';

export { unfamiliarity } from './roster-routes';
export type { InsertionEffect, Placement, PushRecord, StartRange, Stop } from './roster-routes';

export class RosterState extends RosterRoutes {
  /** Gaps of a caregiver's route where the visit could start, clipped to the window and to availability. */
  startRanges(visit: VisitModel, caregiver: number, into: StartRange[]): void {
    const route = this.routes[caregiver];
    const duration = visit.duration;
    const latestStart = visit.latestEnd - duration;
    const intervals = this.sortedAvailability[caregiver];
    // Stops that cannot start after the visit would end (even pushed) come before it; latestStart grows along a route.
    let position = this.firstMovableAfter(route, visit.earliestStart + duration);
    for (; position <= route.length; position++) {
      const previous = position > 0 ? route[position - 1] : undefined;
      if (previous && previous.start > latestStart) break;
      const next = position < route.length ? route[position] : undefined;
      const low = previous
        ? Math.max(visit.earliestStart, previous.end + this.travel(caregiver, previous.client, visit.client))
        : visit.earliestStart;
      // `next` and the stops after it move later when the visit needs their time
      const high = next
        ? Math.min(
            latestStart,
            next.latestStart - duration - this.travel(caregiver, visit.client, next.client),
          )
        : latestStart;
      if (low > high) continue;
      for (const interval of intervals) {
        if (interval.start > high) break;
        const rangeLow = Math.max(low, interval.start);
        const rangeHigh = Math.min(high, interval.end - duration);
        if (rangeLow <= rangeHigh) into.push({ caregiver, position, low: rangeLow, high: rangeHigh });
      }
    }
  }

  /**
   * Travel and worked minutes added by putting the visit at `position` of the caregiver's route,
   * starting at `start`; undefined when a working-time rule would be broken.
   */
  effectOf(
    visit: VisitModel,
    caregiver: number,
    position: number,
    start: number,
  ): InsertionEffect | undefined {
    const outcome = this.tryPosition(visit, caregiver, position, start);
    return 'rule' in outcome ? undefined : outcome;
  }

  /** As effectOf, but says which rule would be broken (for explanations). */
  tryPosition(
    visit: VisitModel,
    caregiver: number,
    position: number,
    start: number,
  ): InsertionEffect | RuleBreach {
    const model = this.model.caregivers[caregiver];
    const route = this.routes[caregiver];
    const previous = position > 0 ? route[position - 1] : undefined;
    const next = position < route.length ? route[position] : undefined;
    const end = start + visit.duration;
    const block = blockOf(model, start, end);
    const tripIn =
      previous && previous.block === block && block >= 0
        ? this.travel(caregiver, previous.client, visit.client)
        : 0;
    const tripOut =
      next && next.block === block && block >= 0 ? this.travel(caregiver, visit.client, next.client) : 0;
    const oldTrip =
      previous && next && previous.block === next.block && next.block >= 0
        ? this.travel(caregiver, previous.client, next.client)
        : 0;
    const visitMinutes = visit.duration + tripIn;
    const nextDelta = tripOut - oldTrip;
    const breach = this.calendar.breachOf(caregiver, {
      start,
      end,
      day: dayIndexOf(this.model, start),
      minutes: visitMinutes,
      nextDay: next ? next.day : -1,
      nextMinutes: next ? nextDelta : 0,
    });
    if (breach) return breach;
    return { travelDelta: tripIn + tripOut - oldTrip, workDelta: visitMinutes + nextDelta };
  }

  /**
   * The earliest start in the range that keeps the working-time rules: the range's own start, or,
   * when that leaves too little rest after the day before, the first start with enough rest.
   */
  placeInRange(
    visit: VisitModel,
    range: StartRange,
  ): { start: number; effect: InsertionEffect } | RuleBreach {
    const first = this.tryPosition(visit, range.caregiver, range.position, range.low);
    if (!('rule' in first)) return { start: range.low, effect: first };
    if (first.rule !== 'rest' || first.visitIsEarlier) return first;
    const rested = first.lastEnd + first.required;
    if (rested <= range.low || rested > range.high) return first;
    const later = this.tryPosition(visit, range.caregiver, range.position, rested);
    return 'rule' in later ? first : { start: rested, effect: later };
  }

  /** Wishes and the fair share of weekends and evenings, for the visit itself at `start`. */
  wishAndUnsocialCost(visit: VisitModel, caregiver: number, start: number): number {
    const weights = this.model.weights;
    const model = this.model.caregivers[caregiver];
    const end = start + visit.duration;
    let cost =
      weights.avoidWishMinute * minutesInWishes(model.avoid, start, end) -
      weights.preferWishMinute * minutesInWishes(model.prefer, start, end);
    if (model.shareLimit > 0 && isUnsocial(this.model, dayIndexOf(this.model, start), start)) {
      const before = this.unsocialOf[caregiver] / model.shareLimit;
      const after = (this.unsocialOf[caregiver] + visit.duration) / model.shareLimit;
      cost += weights.unsocialFairness * (after * after - before * before);
    }
    return cost;
  }

  /** Objective change of giving this caregiver the visit, except the change-from-previous part (set-level). */
  caregiverCost(visit: VisitModel, caregiver: number, effect: InsertionEffect, start: number): number {
    const weights = this.model.weights;
    const client = this.model.clients[visit.client];
    let cost = weights.travelMinute * effect.travelDelta;
    if (this.slotCount[visit.client * this.caregiverCount + caregiver] === 0)
      cost +=
        weights.distinctCaregiver - weights.familiarCaregiver * (client.familiarity.get(caregiver) ?? 0);
    if (client.preferred.size > 0 && !client.preferred.has(caregiver)) cost += weights.nonPreferred;
    cost += weights.unknownToClient * unfamiliarity(client, caregiver);
    cost += this.wishAndUnsocialCost(visit, caregiver, start);
    const limit = this.model.caregivers[caregiver].maxWeek;
    if (limit > 0 && Number.isFinite(limit)) {
      const before = this.worked[caregiver] / limit;
      const after = (this.worked[caregiver] + effect.workDelta) / limit;
      cost += weights.fairness * (after * after - before * before);
    }
    return cost;
  }

  changeCost(visit: VisitModel, caregivers: readonly number[]): number {
    return this.isChanged(visit, caregivers) ? this.model.weights.change : 0;
  }

  /** Cheapest way to give one caregiver this single visit, at the earliest start of the best gap. */
  bestForCaregiver(visit: VisitModel, caregiver: number, scratch: StartRange[]): Placement | undefined {
    scratch.length = 0;
    this.startRanges(visit, caregiver, scratch);
    let best: Placement | undefined;
    for (const range of scratch) {
      const outcome = this.placeInRange(visit, range);
      if ('rule' in outcome) continue;
      const cost = this.caregiverCost(visit, caregiver, outcome.effect, outcome.start);
      if (!best || cost < best.cost)
        best = { caregivers: [caregiver], start: outcome.start, cost, positions: [range.position] };
    }
    if (best) best.cost += this.changeCost(visit, best.caregivers);
    return best;
  }

  /** Cheapest feasible placement for a visit needing two or more caregivers who start together. */
  bestGroup(visit: VisitModel, candidates: readonly number[]): { best?: Placement; second?: Placement } {
    const rangesOf = new Map<number, StartRange[]>();
    for (const caregiver of candidates) {
      if (this.assigned[visit.index]?.includes(caregiver)) continue;
      const ranges: StartRange[] = [];
      this.startRanges(visit, caregiver, ranges);
      if (ranges.length > 0) rangesOf.set(caregiver, ranges);
    }
    const usable = [...rangesOf.keys()];
    let best: Placement | undefined;
    let second: Placement | undefined;
    const consider = (placement: Placement): void => {
      if (!best || placement.cost < best.cost) {
        second = best;
        best = placement;
      } else if (!second || placement.cost < second.cost) second = placement;
    };
    if (visit.needed === 2) {
      for (let first = 0; first < usable.length; first++)
        for (let other = first + 1; other < usable.length; other++) {
          const placement = this.bestCommonStart(visit, [usable[first], usable[other]], rangesOf);
          if (placement) consider(placement);
        }
    } else if (usable.length >= visit.needed) {
      // Rare: three or more together. Greedy on the cheapest caregivers keeps it simple.
      const placement = this.bestCommonStart(visit, usable.slice(0, visit.needed), rangesOf);
      if (placement) consider(placement);
    }
    return { best, second };
  }

  private bestCommonStart(
    visit: VisitModel,
    group: number[],
    rangesOf: Map<number, StartRange[]>,
  ): Placement | undefined {
    let best: Placement | undefined;
    const search = (depth: number, low: number, high: number, chosen: StartRange[]): void => {
      if (depth === group.length) {
        let cost = 0;
        for (const range of chosen) {
          const effect = this.effectOf(visit, range.caregiver, range.position, low);
          if (!effect) return;
          cost += this.caregiverCost(visit, range.caregiver, effect, low);
        }
        if (!best || cost < best.cost)
          best = {
            caregivers: [...group],
            start: low,
            cost,
            positions: chosen.map((range) => range.position),
          };
        return;
      }
      for (const range of rangesOf.get(group[depth]) ?? []) {
        const nextLow = Math.max(low, range.low);
        const nextHigh = Math.min(high, range.high);
        if (nextLow > nextHigh) continue;
        chosen.push(range);
        search(depth + 1, nextLow, nextHigh, chosen);
        chosen.pop();
      }
    };
    search(0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, []);
    if (best) best.cost += this.changeCost(visit, best.caregivers);
    return best;
  }

  /** The route position a visit would take, for explanations. */
  neighbours(caregiver: number, visitIndex: number): { previous?: Stop; next?: Stop } {
    const route = this.routes[caregiver];
    const position = route.findIndex((stop) => stop.visit === visitIndex);
    return { previous: position > 0 ? route[position - 1] : undefined, next: route[position + 1] };
  }
}
