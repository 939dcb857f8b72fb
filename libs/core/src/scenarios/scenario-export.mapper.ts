// Database rows of one team -> a homecare-scenario/v1 document for a period. Pure: the service
// loads the rows, this decides what the document says, so the mapping is tested without Postgres.
import {
  addDays,
  formatLocalDateTime,
  formatOffsetDateTime,
  localDateOf,
  parseLocalDateTime,
  SCENARIO_FORMAT,
  startOfLocalDate,
  TimeFormatError,
  type ScenarioCaregiver,
  type ScenarioClient,
  type ScenarioDocument,
  type ScenarioPin,
  type ScenarioVisit,
  type VisitPriority,
  type WorkingTimeRules,
} from '@homecare/scenario';
import type { Caregiver, Client, ClientCaregiverHistory, Team, Visit, VisitPin } from '@homecare/database';

const MINUTE_MS = 60_000;

export interface ExportedAvailability {
  caregiverId: string;
  start: Date;
  end: Date;
}

export interface ExportedWish {
  caregiverId: string;
  start: Date;
  end: Date;
  kind: 'avoid' | 'prefer';
}

export interface ScenarioExportSource {
  team: Pick<Team, 'name' | 'timezone' | 'travelSpeedKmh' | 'travelDetourFactor'>;
  /** The team's effective working-time rules; a rule absent is not checked. */
  rules?: WorkingTimeRules;
  /** The caregivers' wishes (any that intersect the period are written). */
  wishes?: ExportedWish[];
  /** Local dates `YYYY-MM-DD`, inclusive. */
  period: { start: string; end: string };
  caregivers: Pick<
    Caregiver,
    | 'id'
    | 'firstName'
    | 'lastName'
    | 'skills'
    | 'maxMinutesPerWeek'
    | 'maxMinutesPerDay'
    | 'travelSpeedKmh'
    | 'active'
    | 'externalRef'
  >[];
  /** Expanded availability (dated windows, patterns minus exceptions) of those caregivers. */
  availability: ExportedAvailability[];
  clients: Pick<
    Client,
    | 'id'
    | 'name'
    | 'latitude'
    | 'longitude'
    | 'preferredCaregiverIds'
    | 'excludedCaregiverIds'
    | 'externalRef'
  >[];
  history: Pick<ClientCaregiverHistory, 'clientId' | 'caregiverId' | 'visits'>[];
  visits: (Pick<
    Visit,
    | 'id'
    | 'clientId'
    | 'earliestStart'
    | 'latestEnd'
    | 'durationMinutes'
    | 'requiredSkills'
    | 'caregiversNeeded'
    | 'status'
    | 'externalRef'
  > & {
    /** The visit's effective priority (its own, else its care need's); absent: normal. */
    priority?: VisitPriority | null;
  })[];
  pins: Pick<VisitPin, 'visitId' | 'caregiverIds' | 'start'>[];
}

const minutesOf = (date: Date): number => Math.round(date.getTime() / MINUTE_MS);

/**
 * An instant as the format's local `YYYY-MM-DDTHH:mm`, unless that text would be read back as
 * another instant: the second occurrence of a fall-back hour (a local time means the first one)
 * is written as ISO 8601 with its offset instead.
 */
export function formatScenarioTime(epochMinutes: number, timezone: string): string {
  const key = `${timezone}|${epochMinutes}`;
  let text = scenarioTimes.get(key);
  if (text === undefined) {
    text = formatScenarioTimeOnce(epochMinutes, timezone);
    if (scenarioTimes.size >= MAX_SCENARIO_TIMES) scenarioTimes.clear();
    scenarioTimes.set(key, text);
  }
  return text;
}

/**
 * Texts already made: a plan's every read shows the same few hundred starts, each formatted and
 * read back to be sure. Bounded; an instant's text never changes.
 */
const scenarioTimes = new Map<string, string>();
const MAX_SCENARIO_TIMES = 50_000;

function formatScenarioTimeOnce(epochMinutes: number, timezone: string): string {
  const local = formatLocalDateTime(epochMinutes, timezone);
  try {
    if (parseLocalDateTime(local, timezone) === epochMinutes) return local;
  } catch (error) {
    if (!(error instanceof TimeFormatError)) throw error;
  }
  return formatOffsetDateTime(epochMinutes, timezone);
}

/**
 * The scenario document of one team for a period: active caregivers with their availability that
 * intersects the period, every client, the planned visits whose earliest start falls on a local
 * date of the period, and their pins. Ids are the scenario ids the rows were imported with, else
 * the database ids, and every reference uses the same ids.
 */
export function toScenarioDocument(source: ScenarioExportSource): ScenarioDocument {
  const { team, period } = source;
  const timezone = team.timezone;
  const time = (date: Date): string => formatScenarioTime(minutesOf(date), timezone);
  const periodStart = startOfLocalDate(period.start, timezone) * MINUTE_MS;
  const periodEnd = startOfLocalDate(addDays(period.end, 1), timezone) * MINUTE_MS;

  const caregivers = source.caregivers.filter((caregiver) => caregiver.active);
  const caregiverExportIds = new Map(
    caregivers.map((caregiver) => [caregiver.id, caregiver.externalRef ?? caregiver.id]),
  );
  const availabilityOf = new Map<string, ExportedAvailability[]>();
  for (const window of source.availability) {
    if (!caregiverExportIds.has(window.caregiverId)) continue;
    if (window.end.getTime() <= periodStart || window.start.getTime() >= periodEnd) continue;
    const windows = availabilityOf.get(window.caregiverId) ?? [];
    windows.push(window);
    availabilityOf.set(window.caregiverId, windows);
  }
  // References to caregivers left out of the document (inactive ones) are dropped with them.
  const exportedCaregivers = (ids: string[]): string[] =>
    ids.flatMap((id) => {
      const exportId = caregiverExportIds.get(id);
      return exportId === undefined ? [] : [exportId];
    });

  const wishesOf = new Map<string, ExportedWish[]>();
  for (const wish of source.wishes ?? []) {
    if (!caregiverExportIds.has(wish.caregiverId)) continue;
    if (wish.end.getTime() <= periodStart || wish.start.getTime() >= periodEnd) continue;
    const wishes = wishesOf.get(wish.caregiverId) ?? [];
    wishes.push(wish);
    wishesOf.set(wish.caregiverId, wishes);
  }

  const scenarioCaregivers: ScenarioCaregiver[] = caregivers.map((caregiver) => {
    const name = `${caregiver.firstName} ${caregiver.lastName}`.trim();
    const windows = (availabilityOf.get(caregiver.id) ?? []).sort(
      (left, right) =>
        left.start.getTime() - right.start.getTime() || left.end.getTime() - right.end.getTime(),
    );
    return {
      id: caregiverExportIds.get(caregiver.id)!,
      ...(name ? { name } : {}),
      skills: [...caregiver.skills],
      maxMinutesPerWeek: caregiver.maxMinutesPerWeek,
      ...(caregiver.maxMinutesPerDay !== null ? { maxMinutesPerDay: caregiver.maxMinutesPerDay } : {}),
      ...(caregiver.travelSpeedKmh !== null ? { speedKmh: caregiver.travelSpeedKmh } : {}),
      availability: windows.map((window) => ({ start: time(window.start), end: time(window.end) })),
      ...(wishesOf.has(caregiver.id)
        ? {
            wishes: wishesOf
              .get(caregiver.id)!
              .sort(
                (left, right) =>
                  left.start.getTime() - right.start.getTime() ||
                  left.end.getTime() - right.end.getTime() ||
                  (left.kind < right.kind ? -1 : left.kind > right.kind ? 1 : 0),
              )
              .map((wish) => ({ start: time(wish.start), end: time(wish.end), kind: wish.kind })),
          }
        : {}),
    };
  });

  const historyOf = new Map<string, Record<string, number>>();
  for (const entry of source.history) {
    const caregiverId = caregiverExportIds.get(entry.caregiverId);
    if (caregiverId === undefined) continue;
    const history = historyOf.get(entry.clientId) ?? {};
    history[caregiverId] = entry.visits;
    historyOf.set(entry.clientId, history);
  }
  const clientExportIds = new Map(
    source.clients.map((client) => [client.id, client.externalRef ?? client.id]),
  );
  const scenarioClients: ScenarioClient[] = source.clients.map((client) => ({
    id: clientExportIds.get(client.id)!,
    name: client.name,
    location: { lat: client.latitude, lon: client.longitude },
    preferredCaregivers: exportedCaregivers(client.preferredCaregiverIds),
    excludedCaregivers: exportedCaregivers(client.excludedCaregiverIds),
    history: historyOf.get(client.id) ?? {},
  }));

  const visits = source.visits.filter((visit) => {
    if (visit.status !== 'planned' || !clientExportIds.has(visit.clientId)) return false;
    const date = localDateOf(minutesOf(visit.earliestStart), timezone);
    return date >= period.start && date <= period.end;
  });
  const visitExportIds = new Map(visits.map((visit) => [visit.id, visit.externalRef ?? visit.id]));
  const scenarioVisits: ScenarioVisit[] = visits.map((visit) => ({
    id: visitExportIds.get(visit.id)!,
    clientId: clientExportIds.get(visit.clientId)!,
    earliestStart: time(visit.earliestStart),
    latestEnd: time(visit.latestEnd),
    durationMinutes: visit.durationMinutes,
    requiredSkills: [...visit.requiredSkills],
    caregiversNeeded: visit.caregiversNeeded,
    ...(visit.priority && visit.priority !== 'normal' ? { priority: visit.priority } : {}),
  }));

  const pinned: ScenarioPin[] = source.pins.flatMap((pin) => {
    const visitId = visitExportIds.get(pin.visitId);
    const caregiverIds = exportedCaregivers(pin.caregiverIds);
    // A pin naming a caregiver who is no longer in the document cannot be kept as agreed.
    if (visitId === undefined || caregiverIds.length !== pin.caregiverIds.length) return [];
    return [{ visitId, caregiverIds, ...(pin.start ? { start: time(pin.start) } : {}) }];
  });

  return {
    format: SCENARIO_FORMAT,
    name: team.name,
    timezone,
    period: { start: period.start, end: period.end },
    travel: { speedKmh: team.travelSpeedKmh, detourFactor: team.travelDetourFactor },
    ...(source.rules && Object.keys(source.rules).length > 0 ? { rules: { ...source.rules } } : {}),
    caregivers: scenarioCaregivers,
    clients: scenarioClients,
    visits: scenarioVisits,
    pinned,
  };
}
