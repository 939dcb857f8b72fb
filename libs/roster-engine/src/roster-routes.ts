// The roster's routes and running objective totals (insert, remove, push, recount), apart from the
// placement search in roster-state.ts, which only reads them.
import {
  blockOf,
  dayIndexOf,
  isUnsocial,
  type CaregiverModel,
  type ClientModel,
  type ProblemModel,
  type VisitModel,
} from './problem-model';
import { WorkCalendar } from './work-calendar';
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

export class RosterRoutes {
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
  protected firstMovableAfter(route: Stop[], time: number): number {
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
}
