// Structural and semantic checks for scenario and roster documents. Every problem is reported
// (not just the first) with a JSON path, so a person fixing an import sees the whole list at once.
// The referee assumes a well-formed scenario; this is what makes that assumption safe.

import { isLocalDate, isLocalDateTime, isValidTimeZone } from './time';
import {
  ROSTER_FORMAT,
  SCENARIO_FORMAT,
  type RosterDocument,
  type ScenarioCaregiver,
  type ScenarioClient,
  type ScenarioDocument,
  type ScenarioPin,
  type ScenarioProblem,
  type ScenarioVisit,
  VISIT_PRIORITIES,
  WISH_KINDS,
} from './types';
import { DEFAULT_DETOUR_FACTOR, DEFAULT_SPEED_KMH } from './travel';

export interface ScenarioLimits {
  maxVisits?: number;
  maxCaregivers?: number;
  maxClients?: number;
}

export type ScenarioValidation =
  { ok: true; scenario: ScenarioDocument } | { ok: false; problems: ScenarioProblem[] };
export type RosterShapeValidation =
  { ok: true; roster: RosterDocument } | { ok: false; problems: ScenarioProblem[] };
import {
  describe,
  isObject,
  LocalTimeReader,
  memberPath,
  OFFSET_TIME,
  ProblemList,
  registerId,
  type JsonObject,
} from './validate-problems';

export { memberPath } from './validate-problems';

function validateCaregiver(
  raw: unknown,
  path: string,
  list: ProblemList,
  times: LocalTimeReader,
  ids: Map<string, string>,
): ScenarioCaregiver | undefined {
  if (!isObject(raw)) {
    list.add(path, `must be an object, got ${describe(raw)}`);
    return undefined;
  }
  const id = list.nonEmptyString(raw.id, `${path}.id`);
  if (id !== undefined) registerId(ids, id, path, list);
  list.optionalString(raw.name, `${path}.name`);
  const skills = list.stringArray(raw.skills, `${path}.skills`);
  list.number(raw.maxMinutesPerWeek, `${path}.maxMinutesPerWeek`, { integer: true, min: 0 });
  if (raw.maxMinutesPerDay !== undefined && raw.maxMinutesPerDay !== null) {
    list.number(raw.maxMinutesPerDay, `${path}.maxMinutesPerDay`, { integer: true, min: 0, max: 24 * 60 });
  }
  if (raw.speedKmh !== undefined && raw.speedKmh !== null) {
    list.number(raw.speedKmh, `${path}.speedKmh`, { exclusiveMin: 0 });
  }
  const availability = list.array(raw.availability, `${path}.availability`, true);
  availability.forEach((window, index) => {
    const windowPath = `${path}.availability[${index}]`;
    if (!isObject(window)) {
      list.add(windowPath, `must be an object {start, end}, got ${describe(window)}`);
      return;
    }
    const start = times.read(window.start, `${windowPath}.start`);
    const end = times.read(window.end, `${windowPath}.end`);
    if (start !== undefined && end !== undefined && end <= start) {
      list.add(`${windowPath}.end`, `must be after the start (${String(window.start)})`);
    }
  });
  const wishes = list.array(raw.wishes, `${path}.wishes`, false);
  wishes.forEach((wish, index) => {
    const wishPath = `${path}.wishes[${index}]`;
    if (!isObject(wish)) {
      list.add(wishPath, `must be an object {start, end, kind}, got ${describe(wish)}`);
      return;
    }
    list.oneOf(wish.kind, `${wishPath}.kind`, WISH_KINDS);
    const start = times.read(wish.start, `${wishPath}.start`);
    const end = times.read(wish.end, `${wishPath}.end`);
    if (start !== undefined && end !== undefined && end <= start) {
      list.add(`${wishPath}.end`, `must be after the start (${String(wish.start)})`);
    }
  });
  return { ...raw, skills: skills ?? [] } as ScenarioCaregiver;
}

function validateClient(
  raw: unknown,
  path: string,
  list: ProblemList,
  ids: Map<string, string>,
  caregiverIds: Map<string, string>,
): ScenarioClient | undefined {
  if (!isObject(raw)) {
    list.add(path, `must be an object, got ${describe(raw)}`);
    return undefined;
  }
  const id = list.nonEmptyString(raw.id, `${path}.id`);
  if (id !== undefined) registerId(ids, id, path, list);
  list.optionalString(raw.name, `${path}.name`);
  if (isObject(raw.location)) {
    list.number(raw.location.lat, `${path}.location.lat`, { min: -90, max: 90 });
    list.number(raw.location.lon, `${path}.location.lon`, { min: -180, max: 180 });
  } else {
    list.add(`${path}.location`, `must be an object {lat, lon}, got ${describe(raw.location)}`);
  }
  const knownCaregivers = (listPath: string, value: unknown): string[] => {
    const idsGiven = list.stringArray(value, listPath, []) ?? [];
    if (Array.isArray(value)) {
      value.forEach((caregiverId, index) => {
        if (typeof caregiverId === 'string' && caregiverId.trim() && !caregiverIds.has(caregiverId)) {
          list.add(`${listPath}[${index}]`, `unknown caregiver "${caregiverId}"`);
        }
      });
    }
    return idsGiven;
  };
  const preferred = knownCaregivers(`${path}.preferredCaregivers`, raw.preferredCaregivers);
  const excluded = knownCaregivers(`${path}.excludedCaregivers`, raw.excludedCaregivers);
  excluded.forEach((caregiverId, index) => {
    if (preferred.includes(caregiverId)) {
      list.add(
        `${path}.excludedCaregivers[${index}]`,
        `caregiver "${caregiverId}" is both preferred and excluded by this client`,
      );
    }
  });
  let history: Record<string, number> = {};
  if (raw.history !== undefined) {
    if (isObject(raw.history)) {
      history = raw.history as Record<string, number>;
      for (const [caregiverId, visits] of Object.entries(raw.history)) {
        const entryPath = memberPath(`${path}.history`, caregiverId);
        if (!caregiverIds.has(caregiverId)) list.add(entryPath, `unknown caregiver "${caregiverId}"`);
        list.number(visits, entryPath, { min: 0 });
      }
    } else {
      list.add(`${path}.history`, `must be an object {caregiverId: visits}, got ${describe(raw.history)}`);
    }
  }
  return { ...raw, preferredCaregivers: preferred, excludedCaregivers: excluded, history } as ScenarioClient;
}

function validateVisit(
  raw: unknown,
  path: string,
  list: ProblemList,
  times: LocalTimeReader,
  ids: Map<string, string>,
  clientIds: Map<string, string>,
  caregiverCount: number,
): ScenarioVisit | undefined {
  if (!isObject(raw)) {
    list.add(path, `must be an object, got ${describe(raw)}`);
    return undefined;
  }
  const id = list.nonEmptyString(raw.id, `${path}.id`);
  if (id !== undefined) registerId(ids, id, path, list);
  const clientId = list.nonEmptyString(raw.clientId, `${path}.clientId`);
  if (clientId !== undefined && !clientIds.has(clientId))
    list.add(`${path}.clientId`, `unknown client "${clientId}"`);
  const earliestStart = times.read(raw.earliestStart, `${path}.earliestStart`);
  const latestEnd = times.read(raw.latestEnd, `${path}.latestEnd`);
  const duration = list.number(raw.durationMinutes, `${path}.durationMinutes`, {
    integer: true,
    exclusiveMin: 0,
  });
  if (earliestStart !== undefined && latestEnd !== undefined && duration !== undefined) {
    // Real elapsed minutes: a window across a clock change is as long as the clocks say it is not.
    if (latestEnd - earliestStart < duration) {
      list.add(
        `${path}.latestEnd`,
        `window shorter than the duration: ${Math.max(0, latestEnd - earliestStart)} minutes for a ${duration}-minute visit`,
      );
    }
  }
  const requiredSkills = list.stringArray(raw.requiredSkills, `${path}.requiredSkills`, []) ?? [];
  let caregiversNeeded = 1;
  if (raw.caregiversNeeded !== undefined) {
    const needed = list.number(raw.caregiversNeeded, `${path}.caregiversNeeded`, { integer: true, min: 1 });
    if (needed !== undefined) {
      caregiversNeeded = needed;
      if (needed > caregiverCount) {
        list.add(
          `${path}.caregiversNeeded`,
          `needs ${needed} caregivers but the team has only ${caregiverCount}`,
        );
      }
    }
  }
  if (raw.priority !== undefined) list.oneOf(raw.priority, `${path}.priority`, VISIT_PRIORITIES);
  return { ...raw, requiredSkills, caregiversNeeded } as ScenarioVisit;
}

function validatePin(
  raw: unknown,
  path: string,
  list: ProblemList,
  times: LocalTimeReader,
  visitsById: Map<string, ScenarioVisit>,
  caregiverIds: Map<string, string>,
  clientsById: Map<string, ScenarioClient>,
  pinnedPaths: Map<string, string>,
): ScenarioPin | undefined {
  if (!isObject(raw)) {
    list.add(path, `must be an object {visitId, caregiverIds, start?}, got ${describe(raw)}`);
    return undefined;
  }
  const visitId = list.nonEmptyString(raw.visitId, `${path}.visitId`);
  const visit = visitId === undefined ? undefined : visitsById.get(visitId);
  if (visitId !== undefined) {
    if (!visit) list.add(`${path}.visitId`, `unknown visit "${visitId}"`);
    const earlier = pinnedPaths.get(visitId);
    if (earlier !== undefined)
      list.add(`${path}.visitId`, `visit "${visitId}" is pinned twice (also at ${earlier})`);
    else pinnedPaths.set(visitId, path);
  }
  const caregivers = list.stringArray(raw.caregiverIds, `${path}.caregiverIds`);
  if (caregivers) {
    caregivers.forEach((caregiverId, index) => {
      if (!caregiverIds.has(caregiverId))
        list.add(`${path}.caregiverIds[${index}]`, `unknown caregiver "${caregiverId}"`);
      else if (caregivers.indexOf(caregiverId) !== index) {
        list.add(`${path}.caregiverIds[${index}]`, `caregiver "${caregiverId}" is listed twice`);
      }
    });
    const needed = visit?.caregiversNeeded ?? 1;
    if (visit && caregivers.length !== needed) {
      list.add(
        `${path}.caregiverIds`,
        `visit "${visit.id}" needs ${needed} caregiver(s), the pin names ${caregivers.length}`,
      );
    }
    const client = visit ? clientsById.get(visit.clientId) : undefined;
    caregivers.forEach((caregiverId, index) => {
      if (client?.excludedCaregivers?.includes(caregiverId)) {
        list.add(
          `${path}.caregiverIds[${index}]`,
          `client "${client.id}" has excluded caregiver "${caregiverId}"`,
        );
      }
    });
  }
  if (raw.start !== undefined) {
    const start = times.readRosterTime(raw.start, `${path}.start`);
    if (start !== undefined && visit) {
      const earliest = times.peek(visit.earliestStart);
      const latest = times.peek(visit.latestEnd);
      if (
        earliest !== undefined &&
        latest !== undefined &&
        (start < earliest || start + visit.durationMinutes > latest)
      ) {
        list.add(`${path}.start`, `pinned start puts visit "${visit.id}" outside its window`);
      }
    }
  }
  return { ...raw, caregiverIds: caregivers ?? [] } as ScenarioPin;
}

/**
 * Checks a scenario document (homecare-scenario/v1) and returns it normalised, with the spec's
 * defaults filled in, or every problem found. Unknown extra fields are kept: the spec says
 * readers ignore them.
 */
export function validateScenario(input: unknown, options: ScenarioLimits = {}): ScenarioValidation {
  const list = new ProblemList();
  if (!isObject(input)) {
    list.add('$', `must be a JSON object, got ${describe(input)}`);
    return { ok: false, problems: list.problems };
  }
  if (input.format !== SCENARIO_FORMAT) {
    list.add('$.format', `must be "${SCENARIO_FORMAT}", got ${describe(input.format)}`);
  }
  list.optionalString(input.name, '$.name');

  let timeZone: string | undefined;
  if (isValidTimeZone(input.timezone)) timeZone = input.timezone;
  else
    list.add(
      '$.timezone',
      `must be an IANA time zone such as "Europe/Amsterdam", got ${describe(input.timezone)}`,
    );
  const times = new LocalTimeReader(timeZone, list);

  if (isObject(input.period)) {
    const { start, end } = input.period;
    if (!isLocalDate(start)) list.add('$.period.start', `must be a date YYYY-MM-DD, got ${describe(start)}`);
    if (!isLocalDate(end)) list.add('$.period.end', `must be a date YYYY-MM-DD, got ${describe(end)}`);
    if (isLocalDate(start) && isLocalDate(end) && start > end) {
      list.add('$.period.end', `must not be before the start (${start})`);
    }
  } else {
    list.add('$.period', `must be an object {start, end}, got ${describe(input.period)}`);
  }

  let travel: JsonObject = {};
  if (input.travel !== undefined) {
    if (isObject(input.travel)) {
      travel = input.travel;
      if (travel.speedKmh !== undefined)
        list.number(travel.speedKmh, '$.travel.speedKmh', { exclusiveMin: 0 });
      if (travel.detourFactor !== undefined) {
        list.number(travel.detourFactor, '$.travel.detourFactor', { exclusiveMin: 0 });
      }
    } else {
      list.add('$.travel', `must be an object {speedKmh, detourFactor}, got ${describe(input.travel)}`);
    }
  }

  if (input.rules !== undefined) {
    if (isObject(input.rules)) {
      const { minRestMinutes, maxConsecutiveDays } = input.rules;
      // Between two working days on consecutive dates there are at most two days of minutes.
      if (minRestMinutes !== undefined)
        list.number(minRestMinutes, '$.rules.minRestMinutes', { integer: true, min: 0, max: 2 * 24 * 60 });
      if (maxConsecutiveDays !== undefined)
        list.number(maxConsecutiveDays, '$.rules.maxConsecutiveDays', { integer: true, min: 1 });
    } else {
      list.add(
        '$.rules',
        `must be an object {minRestMinutes?, maxConsecutiveDays?}, got ${describe(input.rules)}`,
      );
    }
  }

  const rawCaregivers = list.array(input.caregivers, '$.caregivers', true);
  const rawClients = list.array(input.clients, '$.clients', true);
  const rawVisits = list.array(input.visits, '$.visits', true);
  const rawPins = list.array(input.pinned, '$.pinned', false);
  list.limit(rawCaregivers.length, options.maxCaregivers, '$.caregivers', 'caregivers');
  list.limit(rawClients.length, options.maxClients, '$.clients', 'clients');
  list.limit(rawVisits.length, options.maxVisits, '$.visits', 'visits');

  const caregiverIds = new Map<string, string>();
  const caregivers = rawCaregivers.map((raw, index) =>
    validateCaregiver(raw, `$.caregivers[${index}]`, list, times, caregiverIds),
  );
  const clientIds = new Map<string, string>();
  const clients = rawClients.map((raw, index) =>
    validateClient(raw, `$.clients[${index}]`, list, clientIds, caregiverIds),
  );
  const visitIds = new Map<string, string>();
  const visits = rawVisits.map((raw, index) =>
    validateVisit(raw, `$.visits[${index}]`, list, times, visitIds, clientIds, rawCaregivers.length),
  );

  const visitsById = new Map<string, ScenarioVisit>();
  for (const visit of visits)
    if (visit && typeof visit.id === 'string' && !visitsById.has(visit.id)) visitsById.set(visit.id, visit);
  const clientsById = new Map<string, ScenarioClient>();
  for (const client of clients)
    if (client && typeof client.id === 'string') clientsById.set(client.id, client);
  const pinnedPaths = new Map<string, string>();
  const pinned = rawPins.map((raw, index) =>
    validatePin(raw, `$.pinned[${index}]`, list, times, visitsById, caregiverIds, clientsById, pinnedPaths),
  );

  if (list.problems.length > 0) return { ok: false, problems: list.problems };
  const scenario = {
    ...input,
    travel: { speedKmh: DEFAULT_SPEED_KMH, detourFactor: DEFAULT_DETOUR_FACTOR, ...travel },
    caregivers: caregivers as ScenarioCaregiver[],
    clients: clients as ScenarioClient[],
    visits: visits as ScenarioVisit[],
    pinned: pinned as ScenarioPin[],
  } as ScenarioDocument;
  return { ok: true, scenario };
}

/**
 * Checks the structure of a roster document (homecare-roster/v1) without a scenario: field types,
 * time shapes and that no visit is listed twice. Whether it keeps the hard rules is the checker's job.
 */
export function validateRosterShape(input: unknown): RosterShapeValidation {
  const list = new ProblemList();
  if (!isObject(input)) {
    list.add('$', `must be a JSON object, got ${describe(input)}`);
    return { ok: false, problems: list.problems };
  }
  if (input.format !== ROSTER_FORMAT)
    list.add('$.format', `must be "${ROSTER_FORMAT}", got ${describe(input.format)}`);
  const seen = new Map<string, string>();
  const remember = (visitId: string | undefined, path: string): void => {
    if (visitId === undefined) return;
    const earlier = seen.get(visitId);
    if (earlier !== undefined)
      list.add(`${path}.visitId`, `visit "${visitId}" is listed twice (also at ${earlier})`);
    else seen.set(visitId, path);
  };
  list.array(input.assignments, '$.assignments', true).forEach((raw, index) => {
    const path = `$.assignments[${index}]`;
    if (!isObject(raw)) {
      list.add(path, `must be an object {visitId, caregiverIds, start}, got ${describe(raw)}`);
      return;
    }
    remember(list.nonEmptyString(raw.visitId, `${path}.visitId`), path);
    const caregiverIds = list.stringArray(raw.caregiverIds, `${path}.caregiverIds`);
    if (caregiverIds && caregiverIds.length === 0)
      list.add(`${path}.caregiverIds`, 'must name at least one caregiver');
    const start = raw.start;
    const wellFormed =
      typeof start === 'string' &&
      (OFFSET_TIME.test(start) ? !Number.isNaN(Date.parse(start)) : isLocalDateTime(start));
    if (!wellFormed) {
      list.add(
        `${path}.start`,
        `must be a local time YYYY-MM-DDTHH:mm or ISO 8601 with an offset, got ${describe(start)}`,
      );
    }
  });
  list.array(input.unassigned, '$.unassigned', true).forEach((raw, index) => {
    const path = `$.unassigned[${index}]`;
    if (!isObject(raw)) {
      list.add(path, `must be an object {visitId, reason}, got ${describe(raw)}`);
      return;
    }
    remember(list.nonEmptyString(raw.visitId, `${path}.visitId`), path);
    list.nonEmptyString(raw.reason, `${path}.reason`);
  });
  if (input.kpis !== undefined && !isObject(input.kpis))
    list.add('$.kpis', `must be an object, got ${describe(input.kpis)}`);
  if (list.problems.length > 0) return { ok: false, problems: list.problems };
  return { ok: true, roster: input as RosterDocument };
}
