// The simple greedy that basic auto-schedulers use, as a yardstick for the engine: visits in order
// of their earliest start, each given to the first caregiver(s) who can take it, at the earliest
// start that keeps every hard rule. Two flavours:
//   continuity-blind: whoever has worked least so far this week (then list order), as in tools
//     that balance workload and nothing else;
//   continuity-aware: whoever already visits this client this week, then who knows them
//     (history), then whom they prefer, then least worked.
// It never repairs or looks ahead, so what it leaves unassigned or scatters over many caregivers
// is what a team would get without the engine. It keeps the working-time rules too (weekly limits
// per ISO week, rest between working days, days in a row), so that it stays a fair yardstick.
// Priorities and wishes it does not know: that is what basic tools do.

import {
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_SPEED_KMH,
  ROSTER_FORMAT,
  dayNumberOf,
  isoWeekStart,
  formatLocalDateTime,
  formatOffsetDateTime,
  localDateOf,
  parseLocalDateTime,
  parseRosterTime,
  travelMinutesBetween,
  type RosterAssignment,
  type RosterDocument,
  type RosterUnassigned,
  type ScenarioDocument,
} from '@homecare/scenario';

export interface GreedyOptions {
  continuityAware: boolean;
}

interface ClientInfo {
  id: string;
  location: { lat: number; lon: number };
  excluded: Set<string>;
  preferred: Set<string>;
  history: Record<string, number>;
}

interface VisitInfo {
  id: string;
  index: number;
  client: ClientInfo;
  earliestStart: number;
  latestEnd: number;
  duration: number;
  needed: number;
  skills: string[];
}

interface Block {
  start: number;
  end: number;
  /** position in the caregiver's availability list: the referee counts travel within one block */
  index: number;
}

interface Stop {
  visit: VisitInfo;
  start: number;
  end: number;
  block: number;
}

/** The effect of placing a visit in a caregiver's week, computed before committing it. */
interface Placement {
  start: number;
  position: number;
  block: number;
  /** visit minutes plus paid travel from the previous visit, on the visit's day */
  ownMinutes: number;
  /** change of the next visit's paid travel, on the next visit's day */
  nextDelta: number;
}

class CaregiverPlan {
  readonly stops: Stop[] = [];
  weekMinutes = 0;
  readonly dayMinutes = new Map<string, number>();
  /** Monday of the ISO week -> worked minutes */
  readonly isoWeekMinutes = new Map<string, number>();
  /** day number of a local date -> first start and last end of that working day */
  readonly workDays = new Map<number, { first: number; last: number }>();
  readonly visitsByClient = new Map<string, number>();

  constructor(
    readonly id: string,
    readonly order: number,
    readonly skills: Set<string>,
    readonly blocks: Block[],
    readonly maxWeek: number | null,
    readonly maxDay: number | null,
    readonly speedKmh: number,
  ) {}
}

export class GreedyScheduler {
  private readonly plans: CaregiverPlan[];
  private readonly visits: VisitInfo[];
  private readonly detourFactor: number;
  private readonly dayCache = new Map<number, string>();
  private readonly travelCache = new Map<string, number>();

  constructor(
    private readonly scenario: ScenarioDocument,
    private readonly options: GreedyOptions,
  ) {
    const timeZone = scenario.timezone;
    const speedKmh = scenario.travel?.speedKmh ?? DEFAULT_SPEED_KMH;
    this.detourFactor = scenario.travel?.detourFactor ?? DEFAULT_DETOUR_FACTOR;
    this.plans = scenario.caregivers.map(
      (caregiver, order) =>
        new CaregiverPlan(
          caregiver.id,
          order,
          new Set(caregiver.skills ?? []),
          (caregiver.availability ?? []).map((window, index) => ({
            start: parseLocalDateTime(window.start, timeZone),
            end: parseLocalDateTime(window.end, timeZone),
            index,
          })),
          caregiver.maxMinutesPerWeek ?? null,
          caregiver.maxMinutesPerDay ?? null,
          caregiver.speedKmh ?? speedKmh,
        ),
    );
    const clients = new Map<string, ClientInfo>(
      scenario.clients.map((client) => [
        client.id,
        {
          id: client.id,
          location: client.location,
          excluded: new Set(client.excludedCaregivers ?? []),
          preferred: new Set(client.preferredCaregivers ?? []),
          history: client.history ?? {},
        },
      ]),
    );
    this.visits = scenario.visits.map((visit, index) => {
      const client = clients.get(visit.clientId);
      if (!client) throw new Error(`visit ${visit.id} refers to unknown client ${visit.clientId}`);
      return {
        id: visit.id,
        index,
        client,
        earliestStart: parseLocalDateTime(visit.earliestStart, timeZone),
        latestEnd: parseLocalDateTime(visit.latestEnd, timeZone),
        duration: visit.durationMinutes,
        needed: visit.caregiversNeeded ?? 1,
        skills: visit.requiredSkills ?? [],
      };
    });
  }

  schedule(): RosterDocument {
    const assignments: RosterAssignment[] = [];
    const unassigned: RosterUnassigned[] = [];
    const pinned = new Map((this.scenario.pinned ?? []).map((pin) => [pin.visitId, pin]));
    // Pins are the team's own decisions: they go in first, exactly as agreed.
    for (const visit of this.visits) {
      const pin = pinned.get(visit.id);
      if (!pin) continue;
      const plans = pin.caregiverIds
        .map((id) => this.plans.find((plan) => plan.id === id))
        .filter((plan): plan is CaregiverPlan => plan !== undefined);
      let start = pin.start === undefined ? undefined : parseRosterTime(pin.start, this.scenario.timezone);
      start ??= this.earliestCommonStart(visit, plans) ?? visit.earliestStart;
      for (const plan of plans) this.commit(plan, visit, this.placementAt(plan, visit, start, true)!);
      assignments.push(this.assignment(visit, pin.caregiverIds, start));
    }
    const ordered = this.visits
      .filter((visit) => !pinned.has(visit.id))
      .sort((a, b) => a.earliestStart - b.earliestStart || a.latestEnd - b.latestEnd || a.index - b.index);
    for (const visit of ordered) {
      const chosen = visit.needed === 1 ? this.chooseSingle(visit) : this.chooseGroup(visit);
      if (!chosen) {
        unassigned.push({ visitId: visit.id, reason: this.reasonUnassigned(visit) });
        continue;
      }
      for (const [plan, placement] of chosen.placements) this.commit(plan, visit, placement);
      assignments.push(
        this.assignment(
          visit,
          chosen.placements.map(([plan]) => plan.id),
          chosen.start,
        ),
      );
    }
    const order = new Map(this.visits.map((visit) => [visit.id, visit.index]));
    assignments.sort((a, b) => order.get(a.visitId)! - order.get(b.visitId)!);
    unassigned.sort((a, b) => order.get(a.visitId)! - order.get(b.visitId)!);
    return { format: ROSTER_FORMAT, assignments, unassigned };
  }

  private eligible(plan: CaregiverPlan, visit: VisitInfo): boolean {
    return !visit.client.excluded.has(plan.id) && visit.skills.every((skill) => plan.skills.has(skill));
  }

  /** Who is asked first: the heart of the difference between the two flavours. */
  private priority(visit: VisitInfo): (a: CaregiverPlan, b: CaregiverPlan) => number {
    const clientId = visit.client.id;
    if (!this.options.continuityAware) return (a, b) => a.weekMinutes - b.weekMinutes || a.order - b.order;
    const known = (plan: CaregiverPlan): number => visit.client.history[plan.id] ?? 0;
    const preferred = (plan: CaregiverPlan): number => (visit.client.preferred.has(plan.id) ? 1 : 0);
    return (a, b) =>
      (b.visitsByClient.get(clientId) ?? 0) - (a.visitsByClient.get(clientId) ?? 0) ||
      known(b) - known(a) ||
      preferred(b) - preferred(a) ||
      a.weekMinutes - b.weekMinutes ||
      a.order - b.order;
  }

  private chooseSingle(
    visit: VisitInfo,
  ): { start: number; placements: Array<[CaregiverPlan, Placement]> } | undefined {
    const candidates = this.plans.filter((plan) => this.eligible(plan, visit)).sort(this.priority(visit));
    for (const plan of candidates) {
      for (const start of this.candidateStarts(plan, visit)) {
        const placement = this.placementAt(plan, visit, start, false);
        if (placement) return { start, placements: [[plan, placement]] };
      }
    }
    return undefined;
  }

  /** A double-up: the earliest moment at which enough caregivers are free together. */
  private chooseGroup(
    visit: VisitInfo,
  ): { start: number; placements: Array<[CaregiverPlan, Placement]> } | undefined {
    const candidates = this.plans.filter((plan) => this.eligible(plan, visit)).sort(this.priority(visit));
    if (candidates.length < visit.needed) return undefined;
    const starts = [...new Set(candidates.flatMap((plan) => this.candidateStarts(plan, visit)))].sort(
      (a, b) => a - b,
    );
    for (const start of starts) {
      const placements: Array<[CaregiverPlan, Placement]> = [];
      for (const plan of candidates) {
        const placement = this.placementAt(plan, visit, start, false);
        if (placement) placements.push([plan, placement]);
        if (placements.length === visit.needed) return { start, placements };
      }
    }
    return undefined;
  }

  private earliestCommonStart(visit: VisitInfo, plans: CaregiverPlan[]): number | undefined {
    const starts = [...new Set(plans.flatMap((plan) => this.candidateStarts(plan, visit)))].sort(
      (a, b) => a - b,
    );
    return starts.find((start) => plans.every((plan) => this.placementAt(plan, visit, start, false)));
  }

  /**
   * The earliest feasible start at any position is the window's start, a block's start, or the
   * moment the caregiver can arrive from an earlier visit: nothing in between can be earlier.
   */
  private candidateStarts(plan: CaregiverPlan, visit: VisitInfo): number[] {
    const latestStart = visit.latestEnd - visit.duration;
    const starts = new Set<number>([visit.earliestStart]);
    for (const block of plan.blocks) {
      if (block.start >= visit.earliestStart && block.start <= latestStart) starts.add(block.start);
    }
    for (const stop of plan.stops) {
      const arrival = stop.end + this.travel(plan, stop.visit.client, visit.client);
      if (arrival >= visit.earliestStart && arrival <= latestStart) starts.add(arrival);
    }
    return [...starts].sort((a, b) => a - b);
  }

  /** The placement of `visit` at `start` in this caregiver's week, or undefined when a rule forbids it. */
  private placementAt(
    plan: CaregiverPlan,
    visit: VisitInfo,
    start: number,
    force: boolean,
  ): Placement | undefined {
    const end = start + visit.duration;
    const block =
      plan.blocks.find((candidate) => candidate.start <= start && end <= candidate.end)?.index ?? -1;
    let position = plan.stops.findIndex((stop) => stop.start > start);
    if (position < 0) position = plan.stops.length;
    const previous = plan.stops[position - 1];
    const next = plan.stops[position];
    const fromPrevious = previous ? this.travel(plan, previous.visit.client, visit.client) : 0;
    const toNext = next ? this.travel(plan, visit.client, next.visit.client) : 0;
    const ownMinutes =
      visit.duration + (previous && previous.block === block && block >= 0 ? fromPrevious : 0);
    let nextDelta = 0;
    if (next) {
      const before =
        previous && previous.block === next.block && next.block >= 0
          ? this.travel(plan, previous.visit.client, next.visit.client)
          : 0;
      const after = next.block === block && block >= 0 ? toNext : 0;
      nextDelta = after - before;
    }
    const placement = { start, position, block, ownMinutes, nextDelta };
    if (force) return placement;
    if (start < visit.earliestStart || end > visit.latestEnd || block < 0) return undefined;
    if (previous && (previous.start === start || previous.end + fromPrevious > start)) return undefined;
    if (next && end + toNext > next.start) return undefined;
    const day = this.dayOf(start);
    const nextDay = next ? this.dayOf(next.start) : day;
    if (plan.maxWeek !== null) {
      const week = isoWeekStart(day);
      const nextWeek = isoWeekStart(nextDay);
      const weekTotal =
        (plan.isoWeekMinutes.get(week) ?? 0) + ownMinutes + (nextWeek === week ? nextDelta : 0);
      if (weekTotal > plan.maxWeek) return undefined;
      if (nextWeek !== week && (plan.isoWeekMinutes.get(nextWeek) ?? 0) + nextDelta > plan.maxWeek)
        return undefined;
    }
    if (!this.keepsWorkingTime(plan, dayNumberOf(day), start, end)) return undefined;
    if (plan.maxDay !== null) {
      const dayTotal = (plan.dayMinutes.get(day) ?? 0) + ownMinutes + (nextDay === day ? nextDelta : 0);
      if (dayTotal > plan.maxDay) return undefined;
      if (next && nextDay !== day && (plan.dayMinutes.get(nextDay) ?? 0) + nextDelta > plan.maxDay)
        return undefined;
    }
    return placement;
  }

  private commit(plan: CaregiverPlan, visit: VisitInfo, placement: Placement): void {
    const next = plan.stops[placement.position];
    plan.stops.splice(placement.position, 0, {
      visit,
      start: placement.start,
      end: placement.start + visit.duration,
      block: placement.block,
    });
    plan.weekMinutes += placement.ownMinutes + placement.nextDelta;
    const day = this.dayOf(placement.start);
    plan.dayMinutes.set(day, (plan.dayMinutes.get(day) ?? 0) + placement.ownMinutes);
    const week = isoWeekStart(day);
    plan.isoWeekMinutes.set(week, (plan.isoWeekMinutes.get(week) ?? 0) + placement.ownMinutes);
    if (next) {
      const nextDay = this.dayOf(next.start);
      plan.dayMinutes.set(nextDay, (plan.dayMinutes.get(nextDay) ?? 0) + placement.nextDelta);
      const nextWeek = isoWeekStart(nextDay);
      plan.isoWeekMinutes.set(nextWeek, (plan.isoWeekMinutes.get(nextWeek) ?? 0) + placement.nextDelta);
    }
    const number = dayNumberOf(day);
    const workDay = plan.workDays.get(number);
    const end = placement.start + visit.duration;
    if (workDay) {
      workDay.first = Math.min(workDay.first, placement.start);
      workDay.last = Math.max(workDay.last, end);
    } else plan.workDays.set(number, { first: placement.start, last: end });
    plan.visitsByClient.set(visit.client.id, (plan.visitsByClient.get(visit.client.id) ?? 0) + 1);
  }

  /** Rest before and after the visit's working day, and days in a row, as the scenario's rules say. */
  private keepsWorkingTime(plan: CaregiverPlan, day: number, start: number, end: number): boolean {
    const rules = this.scenario.rules ?? {};
    const today = plan.workDays.get(day);
    if (rules.minRestMinutes != null) {
      const before = plan.workDays.get(day - 1);
      if (before && (!today || start < today.first) && start - before.last < rules.minRestMinutes)
        return false;
      const after = plan.workDays.get(day + 1);
      if (after && (!today || end > today.last) && after.first - end < rules.minRestMinutes) return false;
    }
    if (rules.maxConsecutiveDays != null && !today) {
      let run = 1;
      for (let earlier = day - 1; plan.workDays.has(earlier); earlier--) run++;
      for (let later = day + 1; plan.workDays.has(later); later++) run++;
      if (run > rules.maxConsecutiveDays) return false;
    }
    return true;
  }

  private assignment(visit: VisitInfo, caregiverIds: string[], start: number): RosterAssignment {
    const timeZone = this.scenario.timezone;
    const local = formatLocalDateTime(start, timeZone);
    // The second pass through a fall-back hour has no local name of its own: write the offset.
    const text =
      parseLocalDateTime(local, timeZone) === start ? local : formatOffsetDateTime(start, timeZone);
    return { visitId: visit.id, caregiverIds, start: text };
  }

  private reasonUnassigned(visit: VisitInfo): string {
    const timeZone = this.scenario.timezone;
    const window = `${formatLocalDateTime(visit.earliestStart, timeZone)}..${formatLocalDateTime(visit.latestEnd, timeZone).slice(11)}`;
    const skilled = this.plans.filter((plan) => visit.skills.every((skill) => plan.skills.has(skill)));
    const skills = visit.skills.length > 0 ? visit.skills.join(', ') : 'no special skills';
    if (skilled.length < visit.needed) return `the team has too few caregivers with ${skills} for this visit`;
    const allowed = skilled.filter((plan) => !visit.client.excluded.has(plan.id));
    const available = allowed.filter((plan) =>
      plan.blocks.some(
        (block) =>
          Math.max(block.start, visit.earliestStart) + visit.duration <= Math.min(block.end, visit.latestEnd),
      ),
    );
    if (available.length < visit.needed) {
      return `not enough caregivers with ${skills} are available ${window} (${available.length} of ${visit.needed} needed)`;
    }
    return `caregivers with ${skills} who are available ${window} are already booked or at their contract hours`;
  }

  private travel(plan: CaregiverPlan, from: ClientInfo, to: ClientInfo): number {
    if (from.id === to.id) return 0;
    const key = `${from.id}|${to.id}|${plan.speedKmh}`;
    let minutes = this.travelCache.get(key);
    if (minutes === undefined) {
      minutes = travelMinutesBetween(from.location, to.location, plan.speedKmh, this.detourFactor);
      this.travelCache.set(key, minutes);
    }
    return minutes;
  }

  private dayOf(epochMinutes: number): string {
    let day = this.dayCache.get(epochMinutes);
    if (day === undefined) {
      day = localDateOf(epochMinutes, this.scenario.timezone);
      this.dayCache.set(epochMinutes, day);
    }
    return day;
  }
}

/** The simple chronological greedy; returns a roster that keeps every hard rule (pins aside). */
export function greedyChronological(scenario: ScenarioDocument, options: GreedyOptions): RosterDocument {
  return new GreedyScheduler(scenario, options).schedule();
}
