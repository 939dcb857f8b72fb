import {
  blockOf,
  dayIndexOf,
  isUnsocial,
  type CaregiverModel,
  type ClientModel,
  type ProblemModel,
  type VisitModel,
} from './problem-model';
import { WorkCalendar, type RuleBreach } from './work-calendar';
import { minutesInWishes } from './wish-windows';

// The roster under construction: each caregiver's visits in start order, plus running totals for
// every part of the objective, so a change costs O(route length) instead of a full recount. The
// working-time rules live in the WorkCalendar; every placement offered here keeps them.

export interface Stop {
  visit: number;
  client: number;
  start: number;
  end: number;
  /** availability interval (scenario order) holding the visit, as the referee reads it; -1 when none */
  block: number;
  day: number;
  /** latest start this stop could be pushed to without breaking anything after it (itself when it cannot move) */
  latestStart: number;
}

/** A stop moved later to make room, so a rejected move can put it back. */
export interface PushRecord {
  visit: number;
  caregiver: number;
  start: number;
}

/** A stretch of start times at which a visit fits into one gap of one caregiver's route. */
export interface StartRange {
  caregiver: number;
  position: number;
  low: number;
  high: number;
}

export interface InsertionEffect {
  travelDelta: number;
  workDelta: number;
}

export interface Placement {
  caregivers: number[];
  start: number;
  cost: number;
  /** route position per caregiver: the visit may start at or after the current start of the stop it goes before, which then moves later */
  positions: number[];
}

/**
 * How new a caregiver is to a client who has history: 1 for a stranger, 0 for the one they have
 * seen most, in between for someone seen less; 0 for clients without history (nothing to go by).
 */
export function unfamiliarity(client: ClientModel, caregiver: number): number {
  return client.history.size > 0 ? 1 - (client.familiarity.get(caregiver) ?? 0) : 0;
}

export class RosterState {
  readonly routes: Stop[][];
  readonly assigned: (number[] | null)[];
  readonly starts: Float64Array;
  readonly worked: Float64Array;
  /** worked minutes per day and ISO week, first start and last end of each working day */
  readonly calendar: WorkCalendar;
  readonly travelOf: Float64Array;
  readonly fairnessOf: Float64Array;
  /** minutes inside the caregiver's avoid / prefer wishes, and visit minutes on weekends or evenings */
  readonly avoidOf: Float64Array;
  readonly preferOf: Float64Array;
  readonly unsocialOf: Float64Array;
  readonly unsocialShareOf: Float64Array;
  /** client * caregiverCount + caregiver -> visits */
  readonly slotCount: Int32Array;
  readonly sortedAvailability: CaregiverModel['availability'][];
  readonly fixed: Uint8Array;
  /** caregivers whose availability intervals never overlap: only their visits may be pushed later */
  readonly disjointAvailability: Uint8Array;
  /** when set, every push is recorded here */
  pushLog: PushRecord[] | undefined;
  readonly dayCount: number;
  readonly caregiverCount: number;
  readonly clientCount: number;
  distinctTotal = 0;
  /** sum over the distinct (client, caregiver) pairs of the roster of the client's familiarity with them */
  familiarTotal = 0;
  nonPreferredSlots = 0;
  /** visit slots of clients with history, each counting 1 − the client's familiarity with its caregiver */
  unknownSlots = 0;
  unassignedCount: number;
  criticalUnassigned = 0;
  optionalUnassigned = 0;
  changedCount = 0;
  travelTotal = 0;
  fairnessTotal = 0;
  avoidTotal = 0;
  preferTotal = 0;
  /** sum over caregivers of (unsocial minutes / maxMinutesPerWeek)^2: lower is a fairer share */
  unsocialShareTotal = 0;

  constructor(readonly model: ProblemModel) {
    this.caregiverCount = model.caregivers.length;
    this.clientCount = model.clients.length;
    this.dayCount = model.dayStarts.length;
    this.routes = model.caregivers.map(() => []);
    this.assigned = model.visits.map(() => null);
    this.starts = new Float64Array(model.visits.length);
    this.worked = new Float64Array(this.caregiverCount);
    this.calendar = new WorkCalendar(model);
    this.travelOf = new Float64Array(this.caregiverCount);
    this.fairnessOf = new Float64Array(this.caregiverCount);
    this.avoidOf = new Float64Array(this.caregiverCount);
    this.preferOf = new Float64Array(this.caregiverCount);
    this.unsocialOf = new Float64Array(this.caregiverCount);
    this.unsocialShareOf = new Float64Array(this.caregiverCount);
    this.slotCount = new Int32Array(this.clientCount * this.caregiverCount);
    this.sortedAvailability = model.caregivers.map((caregiver) =>
      [...caregiver.availability].sort((a, b) => a.start - b.start),
    );
    this.disjointAvailability = new Uint8Array(this.caregiverCount);
    this.sortedAvailability.forEach((intervals, caregiver) => {
      this.disjointAvailability[caregiver] = intervals.every(
        (interval, index) => index === 0 || intervals[index - 1].end <= interval.start,
      )
        ? 1
        : 0;
    });
    this.fixed = new Uint8Array(model.visits.length);
    for (const visit of model.visits) if (visit.pin) this.fixed[visit.index] = 1;
    this.unassignedCount = model.visits.length;
    for (const visit of model.visits) {
      if (this.isChanged(visit, null)) this.changedCount++;
      if (visit.priority === 'critical') this.criticalUnassigned++;
      else if (visit.priority === 'optional') this.optionalUnassigned++;
    }
  }

  cost(): number {
    const weights = this.model.weights;
    return (
      weights.unassignedCritical * this.criticalUnassigned +
      weights.unassignedVisit * this.unassignedCount -
      weights.optionalVisitDiscount * this.optionalUnassigned +
      weights.change * this.changedCount +
      weights.distinctCaregiver * this.distinctTotal -
      weights.familiarCaregiver * this.familiarTotal +
      weights.nonPreferred * this.nonPreferredSlots +
      weights.unknownToClient * this.unknownSlots +
      weights.avoidWishMinute * this.avoidTotal -
      weights.preferWishMinute * this.preferTotal +
      weights.unsocialFairness * this.unsocialShareTotal +
      weights.travelMinute * this.travelTotal +
      weights.fairness * this.fairnessTotal
    );
  }

  private countPriority(visit: VisitModel, change: 1 | -1): void {
    if (visit.priority === 'critical') this.criticalUnassigned += change;
    else if (visit.priority === 'optional') this.optionalUnassigned += change;
  }

  travel(caregiver: number, fromClient: number, toClient: number): number {
    return this.model.caregivers[caregiver].travel[fromClient * this.clientCount + toClient];
  }

  /** A visit counts as changed when it had caregivers in the previous roster and its set differs now. */
  isChanged(visit: VisitModel, caregivers: readonly number[] | null): boolean {
    const previous = visit.previous;
    if (!previous) return false;
    if (!caregivers || caregivers.length !== previous.caregivers.length) return true;
    return caregivers.some((caregiver) => !previous.caregivers.includes(caregiver));
  }

  insert(visitIndex: number, caregivers: number[], start: number, positions?: number[]): void {
    const visit = this.model.visits[visitIndex];
    const client = this.model.clients[visit.client];
    const end = start + visit.duration;
    const day = dayIndexOf(this.model, start);
    caregivers.forEach((caregiver, member) => {
      const route = this.routes[caregiver];
      const stop: Stop = {
        visit: visitIndex,
        client: visit.client,
        start,
        end,
        block: blockOf(this.model.caregivers[caregiver], start, end),
        day,
        latestStart: start,
      };
      const position = positions ? positions[member] : this.positionFor(route, start);
      route.splice(position, 0, stop);
      this.pushLater(caregiver, position + 1);
      this.recomputeCaregiver(caregiver);
      const slot = visit.client * this.caregiverCount + caregiver;
      if (this.slotCount[slot]++ === 0) {
        this.distinctTotal++;
        this.familiarTotal += client.familiarity.get(caregiver) ?? 0;
      }
      if (client.preferred.size > 0 && !client.preferred.has(caregiver)) this.nonPreferredSlots++;
      this.unknownSlots += unfamiliarity(client, caregiver);
    });
    if (this.isChanged(visit, null)) this.changedCount--;
    if (this.isChanged(visit, caregivers)) this.changedCount++;
    this.assigned[visitIndex] = caregivers;
    this.starts[visitIndex] = start;
    this.unassignedCount--;
    this.countPriority(visit, -1);
  }

  remove(visitIndex: number): void {
    const caregivers = this.assigned[visitIndex];
    if (!caregivers) return;
    const visit = this.model.visits[visitIndex];
    const client = this.model.clients[visit.client];
    for (const caregiver of caregivers) {
      const route = this.routes[caregiver];
      const position = route.findIndex((stop) => stop.visit === visitIndex);
      route.splice(position, 1);
      this.recomputeCaregiver(caregiver);
      const slot = visit.client * this.caregiverCount + caregiver;
      if (--this.slotCount[slot] === 0) {
        this.distinctTotal--;
        this.familiarTotal -= client.familiarity.get(caregiver) ?? 0;
      }
      if (client.preferred.size > 0 && !client.preferred.has(caregiver)) this.nonPreferredSlots--;
      this.unknownSlots -= unfamiliarity(client, caregiver);
    }
    if (this.isChanged(visit, caregivers)) this.changedCount--;
    if (this.isChanged(visit, null)) this.changedCount++;
    this.assigned[visitIndex] = null;
    this.unassignedCount++;
    this.countPriority(visit, 1);
  }

  /** First position whose stop could start at or after `time`. */
  private firstMovableAfter(route: Stop[], time: number): number {
    let low = 0;
    let high = route.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (route[middle].latestStart < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** First position whose stop starts later than `start` (stable for equal starts). */
  positionFor(route: Stop[], start: number): number {
    let low = 0;
    let high = route.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (route[middle].start <= start) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Moves the stops from `position` on later where the one before now ends too late for them. */
  private pushLater(caregiver: number, position: number): void {
    const route = this.routes[caregiver];
    for (let index = Math.max(1, position); index < route.length; index++) {
      const previous = route[index - 1];
      const stop = route[index];
      const ready = previous.end + this.travel(caregiver, previous.client, stop.client);
      if (stop.start >= ready) break;
      // only a forced placement (a pin) can get here with a stop that may not move: leave that clash visible
      if (stop.latestStart < ready) break;
      this.pushLog?.push({ visit: stop.visit, caregiver, start: stop.start });
      this.setStart(stop, ready);
    }
  }

  private setStart(stop: Stop, start: number): void {
    const duration = stop.end - stop.start;
    stop.start = start;
    stop.end = start + duration;
    this.starts[stop.visit] = start;
  }

  /** Puts a pushed stop back at its earlier start (undo of a push). */
  restorePush(record: PushRecord): void {
    const stop = this.routes[record.caregiver].find((candidate) => candidate.visit === record.visit);
    if (!stop) return;
    this.setStart(stop, record.start);
    this.recomputeCaregiver(record.caregiver);
  }

  private recomputeCaregiver(caregiver: number): void {
    const route = this.routes[caregiver];
    const model = this.model.caregivers[caregiver];
    const calendar = this.calendar;
    calendar.clear(caregiver);
    let week = 0;
    let travel = 0;
    let avoid = 0;
    let prefer = 0;
    let unsocial = 0;
    for (let index = 0; index < route.length; index++) {
      const stop = route[index];
      const duration = stop.end - stop.start;
      let minutes = duration;
      if (index > 0) {
        const previous = route[index - 1];
        if (previous.block === stop.block && stop.block >= 0) {
          const trip = this.travel(caregiver, previous.client, stop.client);
          minutes += trip;
          travel += trip;
        }
      }
      week += minutes;
      calendar.add(caregiver, stop.day, stop.start, stop.end, minutes);
      avoid += minutesInWishes(model.avoid, stop.start, stop.end);
      prefer += minutesInWishes(model.prefer, stop.start, stop.end);
      if (isUnsocial(this.model, stop.day, stop.start)) unsocial += duration;
    }
    // Backwards: how late each stop could start, given its window, its interval, its day, the rest
    // before the next working day and what follows.
    const movable = this.disjointAvailability[caregiver] === 1;
    for (let index = route.length - 1; index >= 0; index--) {
      const stop = route[index];
      const visit = this.model.visits[stop.visit];
      if (!movable || stop.block < 0 || visit.needed !== 1 || this.fixed[stop.visit]) {
        stop.latestStart = stop.start;
        continue;
      }
      const duration = stop.end - stop.start;
      let latest = Math.min(visit.latestEnd, model.availability[stop.block].end) - duration;
      if (stop.day + 1 < this.dayCount) latest = Math.min(latest, this.model.dayStarts[stop.day + 1] - 1);
      const next = route[index + 1];
      if (!next || next.day !== stop.day)
        latest = Math.min(latest, calendar.latestEndForRest(caregiver, stop.day) - duration);
      if (next)
        latest = Math.min(
          latest,
          next.latestStart - duration - this.travel(caregiver, stop.client, next.client),
        );
      stop.latestStart = Math.max(stop.start, latest);
    }
    this.worked[caregiver] = week;
    this.travelTotal += travel - this.travelOf[caregiver];
    this.travelOf[caregiver] = travel;
    const limit = model.maxWeek;
    const fairness = limit > 0 && Number.isFinite(limit) ? (week / limit) ** 2 : 0;
    this.fairnessTotal += fairness - this.fairnessOf[caregiver];
    this.fairnessOf[caregiver] = fairness;
    this.avoidTotal += avoid - this.avoidOf[caregiver];
    this.avoidOf[caregiver] = avoid;
    this.preferTotal += prefer - this.preferOf[caregiver];
    this.preferOf[caregiver] = prefer;
    this.unsocialOf[caregiver] = unsocial;
    const share = model.shareLimit > 0 ? (unsocial / model.shareLimit) ** 2 : 0;
    this.unsocialShareTotal += share - this.unsocialShareOf[caregiver];
    this.unsocialShareOf[caregiver] = share;
  }

  /** Whether the caregiver's roster keeps every working-time rule (daily, weekly, rest, days in a row). */
  withinLimits(caregiver: number): boolean {
    return this.calendar.keepsRules(caregiver);
  }

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
