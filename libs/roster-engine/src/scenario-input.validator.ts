import {
  SCENARIO_FORMAT,
  TimeFormatError,
  isLocalDate,
  isValidTimeZone,
  parseLocalDateTime,
  type ScenarioDocument,
  type ScenarioProblem,
} from '@homecare/scenario';
import { ScenarioInvalidError } from './scenario-invalid.error';

// Structural checks the engine needs before it can trust a scenario. Kept small on purpose:
// @homecare/scenario is getting a full validateScenario; this covers what the solver relies on.

type Problems = ScenarioProblem[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function checkTime(value: unknown, path: string, timeZone: string | undefined, problems: Problems): void {
  if (typeof value !== 'string') {
    problems.push({ path, message: 'must be a local time YYYY-MM-DDTHH:mm' });
    return;
  }
  if (!timeZone) return;
  try {
    parseLocalDateTime(value, timeZone);
  } catch (error) {
    problems.push({ path, message: error instanceof TimeFormatError ? error.message : String(error) });
  }
}

function checkStringArray(value: unknown, path: string, problems: Problems): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    problems.push({ path, message: 'must be a list of strings' });
  }
}

export function findScenarioProblems(document: unknown): Problems {
  const problems: Problems = [];
  if (!isRecord(document)) return [{ path: '$', message: 'must be a JSON object' }];
  if (document.format !== SCENARIO_FORMAT) problems.push({ path: '$.format', message: `must be "${SCENARIO_FORMAT}"` });
  const timeZone = isValidTimeZone(document.timezone) ? document.timezone : undefined;
  if (!timeZone) problems.push({ path: '$.timezone', message: 'must be an IANA time zone such as Europe/Amsterdam' });
  const period = document.period;
  if (!isRecord(period) || !isLocalDate(period.start) || !isLocalDate(period.end)) {
    problems.push({ path: '$.period', message: 'must have start and end dates YYYY-MM-DD' });
  } else if (period.start > period.end) {
    problems.push({ path: '$.period', message: 'start must not be after end' });
  }
  if (document.travel !== undefined) {
    const travel = document.travel;
    if (!isRecord(travel)) problems.push({ path: '$.travel', message: 'must be an object' });
    else {
      if (travel.speedKmh !== undefined && !(isFiniteNumber(travel.speedKmh) && travel.speedKmh > 0))
        problems.push({ path: '$.travel.speedKmh', message: 'must be a positive number' });
      if (travel.detourFactor !== undefined && !(isFiniteNumber(travel.detourFactor) && travel.detourFactor > 0))
        problems.push({ path: '$.travel.detourFactor', message: 'must be a positive number' });
    }
  }

  const caregiverIds = new Set<string>();
  if (!Array.isArray(document.caregivers)) problems.push({ path: '$.caregivers', message: 'must be a list' });
  else
    document.caregivers.forEach((caregiver: unknown, index) => {
      const path = `$.caregivers[${index}]`;
      if (!isRecord(caregiver)) return problems.push({ path, message: 'must be an object' });
      if (!isNonEmptyString(caregiver.id)) problems.push({ path: `${path}.id`, message: 'must be a non-empty string' });
      else if (caregiverIds.has(caregiver.id)) problems.push({ path: `${path}.id`, message: `duplicate caregiver id ${caregiver.id}` });
      else caregiverIds.add(caregiver.id);
      checkStringArray(caregiver.skills, `${path}.skills`, problems);
      if (!(isFiniteNumber(caregiver.maxMinutesPerWeek) && caregiver.maxMinutesPerWeek >= 0))
        problems.push({ path: `${path}.maxMinutesPerWeek`, message: 'must be a number of minutes (0 or more)' });
      if (caregiver.maxMinutesPerDay != null && !(isFiniteNumber(caregiver.maxMinutesPerDay) && caregiver.maxMinutesPerDay >= 0))
        problems.push({ path: `${path}.maxMinutesPerDay`, message: 'must be a number of minutes (0 or more) when given' });
      if (caregiver.speedKmh != null && !(isFiniteNumber(caregiver.speedKmh) && caregiver.speedKmh > 0))
        problems.push({ path: `${path}.speedKmh`, message: 'must be a positive number when given' });
      if (!Array.isArray(caregiver.availability)) problems.push({ path: `${path}.availability`, message: 'must be a list' });
      else
        caregiver.availability.forEach((interval: unknown, slot) => {
          const slotPath = `${path}.availability[${slot}]`;
          if (!isRecord(interval)) return problems.push({ path: slotPath, message: 'must be {start, end}' });
          checkTime(interval.start, `${slotPath}.start`, timeZone, problems);
          checkTime(interval.end, `${slotPath}.end`, timeZone, problems);
        });
    });

  const clientIds = new Set<string>();
  if (!Array.isArray(document.clients)) problems.push({ path: '$.clients', message: 'must be a list' });
  else
    document.clients.forEach((client: unknown, index) => {
      const path = `$.clients[${index}]`;
      if (!isRecord(client)) return problems.push({ path, message: 'must be an object' });
      if (!isNonEmptyString(client.id)) problems.push({ path: `${path}.id`, message: 'must be a non-empty string' });
      else if (clientIds.has(client.id)) problems.push({ path: `${path}.id`, message: `duplicate client id ${client.id}` });
      else clientIds.add(client.id);
      const location = client.location;
      if (!isRecord(location) || !isFiniteNumber(location.lat) || !isFiniteNumber(location.lon) || Math.abs(location.lat) > 90 || Math.abs(location.lon) > 180)
        problems.push({ path: `${path}.location`, message: 'must be {lat, lon} in degrees' });
      checkStringArray(client.preferredCaregivers, `${path}.preferredCaregivers`, problems);
      checkStringArray(client.excludedCaregivers, `${path}.excludedCaregivers`, problems);
      if (client.history !== undefined) {
        if (!isRecord(client.history) || Object.values(client.history).some((count) => !isFiniteNumber(count)))
          problems.push({ path: `${path}.history`, message: 'must map caregiver ids to numbers of earlier visits' });
      }
    });

  const visitIds = new Set<string>();
  const visitNeeds = new Map<string, number>();
  if (!Array.isArray(document.visits)) problems.push({ path: '$.visits', message: 'must be a list' });
  else
    document.visits.forEach((visit: unknown, index) => {
      const path = `$.visits[${index}]`;
      if (!isRecord(visit)) return problems.push({ path, message: 'must be an object' });
      if (!isNonEmptyString(visit.id)) problems.push({ path: `${path}.id`, message: 'must be a non-empty string' });
      else if (visitIds.has(visit.id)) problems.push({ path: `${path}.id`, message: `duplicate visit id ${visit.id}` });
      else visitIds.add(visit.id);
      if (typeof visit.clientId !== 'string' || !clientIds.has(visit.clientId))
        problems.push({ path: `${path}.clientId`, message: `unknown client ${String(visit.clientId)}` });
      checkTime(visit.earliestStart, `${path}.earliestStart`, timeZone, problems);
      checkTime(visit.latestEnd, `${path}.latestEnd`, timeZone, problems);
      if (!(Number.isInteger(visit.durationMinutes) && (visit.durationMinutes as number) > 0))
        problems.push({ path: `${path}.durationMinutes`, message: 'must be a whole number of minutes above 0' });
      checkStringArray(visit.requiredSkills, `${path}.requiredSkills`, problems);
      const needed = visit.caregiversNeeded ?? 1;
      if (!(Number.isInteger(needed) && (needed as number) >= 1))
        problems.push({ path: `${path}.caregiversNeeded`, message: 'must be a whole number, 1 or more' });
      else if (typeof visit.id === 'string') visitNeeds.set(visit.id, needed as number);
    });

  if (document.pinned !== undefined) {
    if (!Array.isArray(document.pinned)) problems.push({ path: '$.pinned', message: 'must be a list' });
    else {
      const pinnedIds = new Set<string>();
      document.pinned.forEach((pin: unknown, index) => {
        const path = `$.pinned[${index}]`;
        if (!isRecord(pin)) return problems.push({ path, message: 'must be an object' });
        if (typeof pin.visitId !== 'string' || !visitIds.has(pin.visitId))
          problems.push({ path: `${path}.visitId`, message: `unknown visit ${String(pin.visitId)}` });
        else if (pinnedIds.has(pin.visitId)) problems.push({ path: `${path}.visitId`, message: `visit ${pin.visitId} is pinned twice` });
        else pinnedIds.add(pin.visitId);
        if (!Array.isArray(pin.caregiverIds) || pin.caregiverIds.length === 0)
          problems.push({ path: `${path}.caregiverIds`, message: 'must list the pinned caregivers' });
        else
          pin.caregiverIds.forEach((id: unknown, slot) => {
            if (typeof id !== 'string' || !caregiverIds.has(id))
              problems.push({ path: `${path}.caregiverIds[${slot}]`, message: `unknown caregiver ${String(id)}` });
          });
        if (pin.start !== undefined) checkTime(pin.start, `${path}.start`, timeZone, problems);
      });
    }
  }
  return problems;
}

export function assertScenarioDocument(document: unknown): asserts document is ScenarioDocument {
  const problems = findScenarioProblems(document);
  if (problems.length > 0) throw new ScenarioInvalidError(problems);
}
