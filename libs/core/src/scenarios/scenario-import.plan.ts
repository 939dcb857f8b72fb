// Turns a validated scenario document into the rows one import writes. Pure: ids come from the
// caller's generator, so that every reference (preferences, history, pins) can be resolved before
// a single row is written and the rows can be inserted in bulk.
import {
  memberPath,
  parseLocalDateTime,
  parseRosterTime,
  type ScenarioDocument,
  type ScenarioProblem,
} from '@homecare/scenario';

const MINUTE_MS = 60_000;
/** The database allows 1 to 4 caregivers per visit (ck_visit_caregivers). */
export const MAX_CAREGIVERS_PER_VISIT = 4;

/** Upper bounds for one import, far above a real team (12 caregivers, 60 clients, ~700 visits a week). */
export const SCENARIO_IMPORT_LIMITS = {
  maxCaregivers: 2_000,
  maxClients: 20_000,
  maxVisits: 200_000,
} as const;

export interface CaregiverRow {
  id: string;
  teamId: string;
  firstName: string;
  lastName: string;
  skills: string[];
  maxMinutesPerWeek: number;
  maxMinutesPerDay: number | null;
  travelSpeedKmh: number | null;
  active: boolean;
  externalRef: string;
}

export interface AvailabilityWindowRow {
  caregiverId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface ClientRow {
  id: string;
  teamId: string;
  name: string;
  latitude: number;
  longitude: number;
  preferredCaregiverIds: string[];
  excludedCaregiverIds: string[];
  externalRef: string;
}

export interface HistoryRow {
  clientId: string;
  caregiverId: string;
  visits: number;
}

export interface VisitRow {
  id: string;
  teamId: string;
  clientId: string;
  careNeedId: null;
  date: string;
  earliestStart: Date;
  latestEnd: Date;
  durationMinutes: number;
  requiredSkills: string[];
  caregiversNeeded: number;
  /** The scenario's priority; null (normal) when it has none. */
  priority: 'critical' | 'normal' | 'optional' | null;
  status: 'planned';
  externalRef: string;
}

export interface WishRow {
  caregiverId: string;
  startsAt: Date;
  endsAt: Date;
  kind: 'avoid' | 'prefer';
}

export interface PinRow {
  visitId: string;
  caregiverIds: string[];
  start: Date | null;
}

export interface ScenarioImportPlan {
  caregivers: CaregiverRow[];
  availabilityWindows: AvailabilityWindowRow[];
  wishes: WishRow[];
  clients: ClientRow[];
  history: HistoryRow[];
  visits: VisitRow[];
  pins: PinRow[];
  /** scenario id -> database id, per kind */
  ids: {
    caregivers: Record<string, string>;
    clients: Record<string, string>;
    visits: Record<string, string>;
  };
}

/** `Anna de Vries` -> first name `Anna`, last name `de Vries`; exports join them again with a space. */
export function splitCaregiverName(
  name: string | undefined,
  fallback: string,
): { firstName: string; lastName: string } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  // A caregiver without a name still needs something to be called by in the app: their scenario id.
  if (parts.length === 0) return { firstName: fallback, lastName: '' };
  return { firstName: parts[0], lastName: parts.slice(1).join(' ') };
}

const instant = (epochMinutes: number): Date => new Date(epochMinutes * MINUTE_MS);

/**
 * The rows for a scenario that validateScenario accepted (so every reference resolves and every
 * local time exists); `newId` gives the uuid of each new caregiver, client and visit.
 */
export function planScenarioImport(
  scenario: ScenarioDocument,
  teamId: string,
  newId: () => string,
): ScenarioImportPlan {
  const timezone = scenario.timezone;
  // Scenarios repeat the same local times many times over; parse each once.
  const parsed = new Map<string, number>();
  const local = (text: string): number => {
    let value = parsed.get(text);
    if (value === undefined) {
      value = parseLocalDateTime(text, timezone);
      parsed.set(text, value);
    }
    return value;
  };

  const caregiverIds = new Map<string, string>();
  const caregivers: CaregiverRow[] = [];
  const availabilityWindows: AvailabilityWindowRow[] = [];
  const wishes: WishRow[] = [];
  for (const caregiver of scenario.caregivers) {
    const id = newId();
    caregiverIds.set(caregiver.id, id);
    caregivers.push({
      id,
      teamId,
      ...splitCaregiverName(caregiver.name, caregiver.id),
      skills: [...caregiver.skills],
      maxMinutesPerWeek: caregiver.maxMinutesPerWeek,
      maxMinutesPerDay: caregiver.maxMinutesPerDay ?? null,
      travelSpeedKmh: caregiver.speedKmh ?? null,
      active: true,
      externalRef: caregiver.id,
    });
    for (const window of caregiver.availability) {
      availabilityWindows.push({
        caregiverId: id,
        startsAt: instant(local(window.start)),
        endsAt: instant(local(window.end)),
      });
    }
    for (const wish of caregiver.wishes ?? []) {
      wishes.push({
        caregiverId: id,
        startsAt: instant(local(wish.start)),
        endsAt: instant(local(wish.end)),
        kind: wish.kind,
      });
    }
  }
  const caregiverId = (scenarioId: string): string => {
    const id = caregiverIds.get(scenarioId);
    if (id === undefined) throw new Error(`unknown caregiver ${scenarioId}: validate the scenario first`);
    return id;
  };

  const clientIds = new Map<string, string>();
  const clients: ClientRow[] = [];
  const history: HistoryRow[] = [];
  for (const client of scenario.clients) {
    const id = newId();
    clientIds.set(client.id, id);
    clients.push({
      id,
      teamId,
      name: client.name?.trim() ? client.name : client.id,
      latitude: client.location.lat,
      longitude: client.location.lon,
      preferredCaregiverIds: unique((client.preferredCaregivers ?? []).map(caregiverId)),
      excludedCaregiverIds: unique((client.excludedCaregivers ?? []).map(caregiverId)),
      externalRef: client.id,
    });
    for (const [scenarioCaregiverId, visits] of Object.entries(client.history ?? {})) {
      history.push({ clientId: id, caregiverId: caregiverId(scenarioCaregiverId), visits });
    }
  }

  const visitIds = new Map<string, string>();
  const visits: VisitRow[] = [];
  for (const visit of scenario.visits) {
    const id = newId();
    visitIds.set(visit.id, id);
    const clientId = clientIds.get(visit.clientId);
    if (clientId === undefined)
      throw new Error(`unknown client ${visit.clientId}: validate the scenario first`);
    const earliestStart = local(visit.earliestStart);
    visits.push({
      id,
      teamId,
      clientId,
      careNeedId: null,
      // A validated local time exists, so its own text names its local date.
      date: visit.earliestStart.slice(0, 10),
      earliestStart: instant(earliestStart),
      latestEnd: instant(local(visit.latestEnd)),
      durationMinutes: visit.durationMinutes,
      requiredSkills: [...(visit.requiredSkills ?? [])],
      caregiversNeeded: visit.caregiversNeeded ?? 1,
      priority: visit.priority ?? null,
      status: 'planned',
      externalRef: visit.id,
    });
  }

  const pins: PinRow[] = (scenario.pinned ?? []).map((pin) => {
    const visitId = visitIds.get(pin.visitId);
    if (visitId === undefined) throw new Error(`unknown visit ${pin.visitId}: validate the scenario first`);
    return {
      visitId,
      caregiverIds: pin.caregiverIds.map(caregiverId),
      start: pin.start === undefined ? null : instant(parseRosterTime(pin.start, timezone)),
    };
  });

  return {
    caregivers,
    availabilityWindows,
    wishes,
    clients,
    history,
    visits,
    pins,
    ids: {
      caregivers: Object.fromEntries(caregiverIds),
      clients: Object.fromEntries(clientIds),
      visits: Object.fromEntries(visitIds),
    },
  };
}

/**
 * What the database would refuse although the scenario format allows it; reported with the
 * format's problems instead of surfacing as a failed insert halfway through the import.
 */
export function scenarioStorageProblems(scenario: ScenarioDocument): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  // PostgreSQL text cannot hold a NUL character.
  const text = (value: string | undefined, path: string): void => {
    if (value?.includes('\u0000'))
      problems.push({ path, message: 'must not contain a NUL character (\\u0000)' });
  };
  text(scenario.name, '$.name');
  scenario.caregivers.forEach((caregiver, index) => {
    const path = `$.caregivers[${index}]`;
    text(caregiver.id, `${path}.id`);
    text(caregiver.name, `${path}.name`);
    caregiver.skills.forEach((skill, skillIndex) => text(skill, `${path}.skills[${skillIndex}]`));
  });
  scenario.clients.forEach((client, index) => {
    const path = `$.clients[${index}]`;
    text(client.id, `${path}.id`);
    text(client.name, `${path}.name`);
    for (const [caregiverId, visits] of Object.entries(client.history ?? {})) {
      // History counts visits: whole numbers only (the column is an integer).
      if (!Number.isInteger(visits)) {
        problems.push({
          path: memberPath(`${path}.history`, caregiverId),
          message: `must be a whole number of visits, got ${visits}`,
        });
      }
    }
  });
  scenario.visits.forEach((visit, index) => {
    const path = `$.visits[${index}]`;
    text(visit.id, `${path}.id`);
    (visit.requiredSkills ?? []).forEach((skill, skillIndex) =>
      text(skill, `${path}.requiredSkills[${skillIndex}]`),
    );
    if ((visit.caregiversNeeded ?? 1) > MAX_CAREGIVERS_PER_VISIT) {
      problems.push({
        path: `${path}.caregiversNeeded`,
        message: `at most ${MAX_CAREGIVERS_PER_VISIT} caregivers can share a visit, got ${visit.caregiversNeeded}`,
      });
    }
  });
  return problems;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
