import {
  addDays,
  localDateOf,
  parseLocalDateTime,
  parseRosterTime,
  isoWeekday,
  isoWeekStart,
  startOfLocalDate,
  travelMinutesBetween,
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_SPEED_KMH,
  type RosterDocument,
  type ScenarioDocument,
} from '@homecare/scenario';
import { DEFAULT_WEIGHTS, type ForbiddenPair, type ObjectiveWeights } from './roster-engine.types';
import { wishWindows, type WishWindows } from './wish-windows';

// The scenario compiled into indexed arrays in epoch minutes, so the search never parses a date
// or looks up an id. Built per solve and dropped afterwards (no module-level caches).

export interface AvailabilityInterval {
  start: number;
  end: number;
  /** position in the caregiver's availability list: the referee takes the first interval that holds a visit */
  order: number;
}

export interface CaregiverModel {
  index: number;
  id: string;
  /** name when given, else id: used in reasons a team reads */
  label: string;
  skills: Set<string>;
  maxWeek: number;
  maxDay: number;
  /** in the scenario's order */
  availability: AvailabilityInterval[];
  /** travel minutes between clients at this caregiver's speed: travel[from * clientCount + to] */
  travel: Int32Array;
  avoid: WishWindows;
  prefer: WishWindows;
  /** maxMinutesPerWeek when it counts in the fairness KPIs (given and not 0), else 0 */
  shareLimit: number;
}

export interface ClientModel {
  index: number;
  id: string;
  label: string;
  preferred: Set<number>;
  excluded: Set<number>;
  /** caregiver index -> earlier visits */
  history: Map<number, number>;
  /** caregiver index -> earlier visits ÷ those of the client's most-seen caregiver, in (0, 1] */
  familiarity: Map<number, number>;
}

export interface VisitModel {
  index: number;
  id: string;
  client: number;
  earliestStart: number;
  latestEnd: number;
  duration: number;
  needed: number;
  skills: string[];
  priority: 'critical' | 'normal' | 'optional';
  /** caregivers allowed by skill, exclusion, objections and availability (before looking at the roster) */
  eligible: number[];
  pin?: { caregivers: number[]; start?: number };
  previous?: { caregivers: number[]; start: number };
}

export interface ProblemModel {
  timeZone: string;
  caregivers: CaregiverModel[];
  clients: ClientModel[];
  visits: VisitModel[];
  weights: ObjectiveWeights;
  /** local midnights, ascending; day index d covers [dayStarts[d], dayStarts[d + 1]) */
  dayStarts: number[];
  dayLabels: string[];
  /** day index -> index into weekLabels (the ISO week of that local date) */
  weekOfDay: Int32Array;
  /** the Monday of each ISO week the days touch */
  weekLabels: string[];
  /** per day: the instant of 18:00 local, from which a start counts as an evening */
  eveningStarts: Float64Array;
  /** per day: 1 on Saturday and Sunday */
  weekend: Uint8Array;
  rules: { minRestMinutes?: number; maxConsecutiveDays?: number };
  forbidden: Set<string>;
  hasPrevious: boolean;
}

export const pairKey = (visit: number, caregiver: number): string => `${visit}:${caregiver}`;

export function dayIndexOf(model: ProblemModel, epochMinutes: number): number {
  const starts = model.dayStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= epochMinutes) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The first availability interval (scenario order) holding [start, end), as the referee finds it; -1 when none. */
export function blockOf(caregiver: CaregiverModel, start: number, end: number): number {
  for (const interval of caregiver.availability)
    if (interval.start <= start && end <= interval.end) return interval.order;
  return -1;
}

export function buildProblemModel(
  scenario: ScenarioDocument,
  options: {
    weights?: Partial<ObjectiveWeights>;
    forbidden?: ForbiddenPair[];
    previousRoster?: RosterDocument;
  } = {},
): ProblemModel {
  const timeZone = scenario.timezone;
  const parsed = new Map<string, number>();
  const parse = (text: string): number => {
    let value = parsed.get(text);
    if (value === undefined) {
      value = parseLocalDateTime(text, timeZone);
      parsed.set(text, value);
    }
    return value;
  };
  const caregiverIndex = new Map(scenario.caregivers.map((caregiver, index) => [caregiver.id, index]));
  const clientIndex = new Map(scenario.clients.map((client, index) => [client.id, index]));
  const clientCount = scenario.clients.length;
  const defaultSpeed = scenario.travel?.speedKmh ?? DEFAULT_SPEED_KMH;
  const detour = scenario.travel?.detourFactor ?? DEFAULT_DETOUR_FACTOR;

  // One matrix per distinct speed: most teams share one speed.
  const matrices = new Map<number, Int32Array>();
  const matrixFor = (speed: number): Int32Array => {
    let matrix = matrices.get(speed);
    if (!matrix) {
      matrix = new Int32Array(clientCount * clientCount);
      for (let from = 0; from < clientCount; from++)
        for (let to = 0; to < clientCount; to++)
          matrix[from * clientCount + to] =
            from === to
              ? 0
              : travelMinutesBetween(
                  scenario.clients[from].location,
                  scenario.clients[to].location,
                  speed,
                  detour,
                );
      matrices.set(speed, matrix);
    }
    return matrix;
  };

  // wishes may reach far beyond the visits: they are parsed apart and do not stretch the calendar
  const wishesOf = (list: { start: string; end: string; kind: string }[] | undefined, kind: string) =>
    wishWindows(
      (list ?? [])
        .filter((wish) => wish.kind === kind)
        .map((wish) => ({
          start: parseLocalDateTime(wish.start, timeZone),
          end: parseLocalDateTime(wish.end, timeZone),
        })),
    );
  const caregivers: CaregiverModel[] = scenario.caregivers.map((caregiver, index) => ({
    index,
    id: caregiver.id,
    label: caregiver.name && caregiver.name.trim() ? caregiver.name : caregiver.id,
    skills: new Set(caregiver.skills ?? []),
    maxWeek: caregiver.maxMinutesPerWeek ?? Number.POSITIVE_INFINITY,
    maxDay: caregiver.maxMinutesPerDay ?? Number.POSITIVE_INFINITY,
    availability: (caregiver.availability ?? []).map((interval, order) => ({
      start: parse(interval.start),
      end: parse(interval.end),
      order,
    })),
    travel: matrixFor(caregiver.speedKmh ?? defaultSpeed),
    avoid: wishesOf(caregiver.wishes, 'avoid'),
    prefer: wishesOf(caregiver.wishes, 'prefer'),
    shareLimit: caregiver.maxMinutesPerWeek || 0,
  }));

  const toCaregivers = (ids: readonly string[] | undefined): number[] =>
    (ids ?? []).map((id) => caregiverIndex.get(id)).filter((index): index is number => index !== undefined);
  const clients: ClientModel[] = scenario.clients.map((client, index) => {
    const history = new Map<number, number>();
    for (const [id, count] of Object.entries(client.history ?? {})) {
      const caregiver = caregiverIndex.get(id);
      if (caregiver !== undefined && count > 0) history.set(caregiver, count);
    }
    const mostSeen = Math.max(0, ...history.values());
    const familiarity = new Map([...history].map(([caregiver, count]) => [caregiver, count / mostSeen]));
    return {
      index,
      id: client.id,
      label: client.name && client.name.trim() ? client.name : client.id,
      preferred: new Set(toCaregivers(client.preferredCaregivers)),
      excluded: new Set(toCaregivers(client.excludedCaregivers)),
      history,
      familiarity,
    };
  });

  const visitIndex = new Map(scenario.visits.map((visit, index) => [visit.id, index]));
  const forbidden = new Set<string>();
  for (const pair of options.forbidden ?? []) {
    const visit = visitIndex.get(pair.visitId);
    const caregiver = caregiverIndex.get(pair.caregiverId);
    if (visit !== undefined && caregiver !== undefined) forbidden.add(pairKey(visit, caregiver));
  }

  const visits: VisitModel[] = scenario.visits.map((visit, index) => {
    const client = clientIndex.get(visit.clientId) ?? 0;
    const earliestStart = parse(visit.earliestStart);
    const latestEnd = parse(visit.latestEnd);
    const duration = visit.durationMinutes;
    const skills = visit.requiredSkills ?? [];
    const eligible: number[] = [];
    for (const caregiver of caregivers) {
      if (!skills.every((skill) => caregiver.skills.has(skill))) continue;
      if (clients[client].excluded.has(caregiver.index)) continue;
      if (forbidden.has(pairKey(index, caregiver.index))) continue;
      const fits = caregiver.availability.some(
        (interval) => Math.max(interval.start, earliestStart) + duration <= Math.min(interval.end, latestEnd),
      );
      if (fits) eligible.push(caregiver.index);
    }
    return {
      index,
      id: visit.id,
      client,
      earliestStart,
      latestEnd,
      duration,
      needed: visit.caregiversNeeded ?? 1,
      skills,
      priority: visit.priority ?? 'normal',
      eligible,
    };
  });

  for (const pin of scenario.pinned ?? []) {
    const visit = visitIndex.get(pin.visitId);
    if (visit === undefined) continue;
    visits[visit].pin = {
      caregivers: toCaregivers(pin.caregiverIds),
      start: pin.start ? parseRosterTime(pin.start, timeZone) : undefined,
    };
  }

  let hasPrevious = false;
  for (const assignment of options.previousRoster?.assignments ?? []) {
    const visit = visitIndex.get(assignment.visitId);
    if (visit === undefined || !Array.isArray(assignment.caregiverIds)) continue;
    let start: number;
    try {
      start = parseRosterTime(assignment.start, timeZone);
    } catch {
      continue;
    }
    const ids = toCaregivers(assignment.caregiverIds);
    if (ids.length !== assignment.caregiverIds.length) {
      // A caregiver who left the team: the visit still counts as previously assigned to someone else.
      ids.push(-1);
    }
    visits[visit].previous = { caregivers: ids, start };
    hasPrevious = true;
  }
  if (options.previousRoster) hasPrevious = true;

  // Local midnights from a day before the earliest time to two days after the latest one.
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const value of parsed.values()) {
    earliest = Math.min(earliest, value);
    latest = Math.max(latest, value);
  }
  for (const visit of visits)
    if (visit.pin?.start !== undefined) latest = Math.max(latest, visit.pin.start + visit.duration);
  if (!Number.isFinite(earliest)) {
    earliest = startOfLocalDate(scenario.period.start, timeZone);
    latest = earliest;
  }
  const dayStarts: number[] = [];
  const dayLabels: string[] = [];
  const lastDate = addDays(localDateOf(latest, timeZone), 2);
  for (let date = addDays(localDateOf(earliest, timeZone), -1); date <= lastDate; date = addDays(date, 1)) {
    dayStarts.push(startOfLocalDate(date, timeZone));
    dayLabels.push(date);
  }
  const weekLabels: string[] = [];
  const weekOfDay = Int32Array.from(dayLabels, (date) => {
    const monday = isoWeekStart(date);
    if (weekLabels[weekLabels.length - 1] !== monday) weekLabels.push(monday);
    return weekLabels.length - 1;
  });
  const weekend = Uint8Array.from(dayLabels, (date) => (isoWeekday(date) >= 6 ? 1 : 0));
  const eveningStarts = Float64Array.from(dayLabels, (date) => eveningOf(date, timeZone));

  return {
    timeZone,
    caregivers,
    clients,
    visits,
    weights: { ...DEFAULT_WEIGHTS, ...(options.weights ?? {}) },
    dayStarts,
    dayLabels,
    weekOfDay,
    weekLabels,
    eveningStarts,
    weekend,
    rules: {
      minRestMinutes: scenario.rules?.minRestMinutes ?? undefined,
      maxConsecutiveDays: scenario.rules?.maxConsecutiveDays ?? undefined,
    },
    forbidden,
    hasPrevious,
  };
}

/** 18:00 local on a date (the first minute after it where a zone skips that hour). */
function eveningOf(date: string, timeZone: string): number {
  for (let minute = 18 * 60; minute < 20 * 60; minute++) {
    try {
      const hh = String(Math.floor(minute / 60)).padStart(2, '0');
      const mm = String(minute % 60).padStart(2, '0');
      return parseLocalDateTime(`${date}T${hh}:${mm}`, timeZone);
    } catch {
      // a clock change at 18:00: try the next minute
    }
  }
  return startOfLocalDate(date, timeZone) + 18 * 60;
}

/** Whether a visit starting at `start` on model day `day` counts as unsocial: weekend or from 18:00. */
export function isUnsocial(model: ProblemModel, day: number, start: number): boolean {
  return model.weekend[day] === 1 || start >= model.eveningStarts[day];
}
