import {
  formatLocalDateTime,
  localDateOf,
  parseRosterTime,
  travelMinutesBetween,
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_SPEED_KMH,
  type RosterDocument,
  type ScenarioCaregiver,
  type ScenarioClient,
  type ScenarioDocument,
  type ScenarioVisit,
} from '@homecare/scenario';
import type { RosterCheckResult, RosterViolation } from './roster-engine.types';
import { computeKpis } from './roster-kpis';
import { consecutiveBreach, hoursAndMinutes, restBreaches, weekKeyOf, workDaysOf } from './working-time';

// The engine's own referee. It reads a roster exactly as ../shared/tools/roster-check.mjs does
// (same rules, same rule names, same KPI formulas) and words each problem for the team.

interface CheckedAssignment {
  visit: ScenarioVisit;
  client: ScenarioClient | undefined;
  caregiver: ScenarioCaregiver;
  start: number;
  end: number;
  block: number;
}

const nameOf = (caregiver: ScenarioCaregiver): string =>
  caregiver.name ? `${caregiver.name} (${caregiver.id})` : caregiver.id;
const hours = hoursAndMinutes;

export function checkRoster(scenario: ScenarioDocument, roster: RosterDocument): RosterCheckResult {
  const timeZone = scenario.timezone;
  const violations: RosterViolation[] = [];
  const fail = (violation: RosterViolation): void => {
    violations.push(violation);
  };
  const parsed = new Map<string, number>();
  const toMinutes = (text: unknown, where: string, visitId?: string): number => {
    if (typeof text !== 'string') {
      fail({ rule: 'format', visitId, message: `${where}: the time is missing` });
      return Number.NaN;
    }
    const known = parsed.get(text);
    if (known !== undefined) return known;
    try {
      const value = parseRosterTime(text, timeZone);
      parsed.set(text, value);
      return value;
    } catch (error) {
      fail({
        rule: 'format',
        visitId,
        message: `${where}: ${error instanceof Error ? error.message : String(error)}`,
      });
      return Number.NaN;
    }
  };
  const speed = scenario.travel?.speedKmh ?? DEFAULT_SPEED_KMH;
  const detour = scenario.travel?.detourFactor ?? DEFAULT_DETOUR_FACTOR;
  const travel = (
    from: ScenarioClient | undefined,
    to: ScenarioClient | undefined,
    caregiver: ScenarioCaregiver,
  ): number => {
    if (!from || !to || from.id === to.id) return 0;
    return travelMinutesBetween(from.location, to.location, caregiver.speedKmh ?? speed, detour);
  };

  const caregivers = new Map(scenario.caregivers.map((caregiver) => [caregiver.id, caregiver]));
  const clients = new Map(scenario.clients.map((client) => [client.id, client]));
  const visits = new Map(scenario.visits.map((visit) => [visit.id, visit]));
  const availability = new Map(
    scenario.caregivers.map((caregiver) => [
      caregiver.id,
      (caregiver.availability ?? []).map((interval, order) => ({
        order,
        start: toMinutes(interval.start, `availability of ${caregiver.id}`),
        end: toMinutes(interval.end, `availability of ${caregiver.id}`),
      })),
    ]),
  );

  const seen = new Map<string, 'assigned' | 'unassigned'>();
  const assignments: CheckedAssignment[] = [];
  const rosterAssignments = Array.isArray(roster?.assignments) ? roster.assignments : [];
  const rosterUnassigned = Array.isArray(roster?.unassigned) ? roster.unassigned : [];
  if (
    !roster ||
    (roster.assignments !== undefined && !Array.isArray(roster.assignments)) ||
    (roster.unassigned !== undefined && !Array.isArray(roster.unassigned))
  )
    fail({ rule: 'format', message: 'the roster must have lists "assignments" and "unassigned"' });

  for (const assignment of rosterAssignments) {
    const visit = visits.get(assignment.visitId);
    if (!visit) {
      fail({
        rule: 'unknown-visit',
        visitId: assignment.visitId,
        message: `the roster assigns visit ${assignment.visitId}, which is not in the plan`,
      });
      continue;
    }
    if (seen.has(visit.id)) {
      fail({ rule: 'duplicate', visitId: visit.id, message: `visit ${visit.id} is listed more than once` });
      continue;
    }
    seen.set(visit.id, 'assigned');
    const ids: string[] = Array.isArray(assignment.caregiverIds) ? assignment.caregiverIds : [];
    const needed = visit.caregiversNeeded ?? 1;
    if (ids.length !== needed || new Set(ids).size !== ids.length)
      fail({
        rule: 'staffing',
        visitId: visit.id,
        message: `visit ${visit.id} needs ${needed} different caregiver${needed > 1 ? 's' : ''} starting together, but has ${ids.length ? ids.join(', ') : 'nobody'}`,
        params: { needed, planned: new Set(ids).size },
      });
    const start = toMinutes(assignment.start, `start of visit ${visit.id}`, visit.id);
    const end = start + visit.durationMinutes;
    const earliest = toMinutes(visit.earliestStart, `window of visit ${visit.id}`, visit.id);
    const latest = toMinutes(visit.latestEnd, `window of visit ${visit.id}`, visit.id);
    if (start < earliest || end > latest)
      fail({
        rule: 'time-window',
        visitId: visit.id,
        message: `visit ${visit.id} is planned at ${String(assignment.start)} for ${visit.durationMinutes} minutes, outside the agreed time ${visit.earliestStart} to ${visit.latestEnd}`,
        params: {
          start: localTime(start, timeZone),
          earliest: localTime(earliest, timeZone),
          latest: localTime(latest, timeZone),
        },
      });
    const client = clients.get(visit.clientId);
    for (const caregiverId of ids) {
      const caregiver = caregivers.get(caregiverId);
      if (!caregiver) {
        fail({
          rule: 'unknown-caregiver',
          visitId: visit.id,
          caregiverId,
          message: `visit ${visit.id} goes to ${caregiverId}, who is not in the team`,
        });
        continue;
      }
      const missing = (visit.requiredSkills ?? []).filter(
        (skill) => !(caregiver.skills ?? []).includes(skill),
      );
      if (missing.length)
        fail({
          rule: 'skill',
          visitId: visit.id,
          caregiverId,
          message: `${nameOf(caregiver)} does not have the skill ${missing.join(' and ')} that visit ${visit.id} needs`,
          params: { skills: missing.join(', ') },
        });
      if ((client?.excludedCaregivers ?? []).includes(caregiverId))
        fail({
          rule: 'excluded',
          visitId: visit.id,
          caregiverId,
          message: `client ${client?.name ?? client?.id} does not want ${nameOf(caregiver)}, who is planned for visit ${visit.id}`,
          params: {},
        });
      const block = (availability.get(caregiverId) ?? []).find(
        (interval) => interval.start <= start && end <= interval.end,
      );
      if (!block)
        fail({
          rule: 'availability',
          visitId: visit.id,
          caregiverId,
          message: `${nameOf(caregiver)} has not said they can work for the whole of visit ${visit.id} at ${String(assignment.start)}`,
          params: { start: localTime(start, timeZone), end: localTime(end, timeZone) },
        });
      assignments.push({ visit, client, caregiver, start, end, block: block?.order ?? -1 });
    }
  }
  const pins = scenario.pinned ?? [];
  for (const entry of rosterUnassigned) {
    if (!visits.has(entry.visitId)) {
      fail({
        rule: 'unknown-visit',
        visitId: entry.visitId,
        message: `the roster lists visit ${entry.visitId} as unassigned, but it is not in the plan`,
      });
      continue;
    }
    if (seen.has(entry.visitId)) {
      fail({
        rule: 'duplicate',
        visitId: entry.visitId,
        message: `visit ${entry.visitId} is listed more than once`,
      });
      continue;
    }
    seen.set(entry.visitId, 'unassigned');
    if (pins.some((pin) => pin.visitId === entry.visitId))
      fail({
        rule: 'pinned',
        visitId: entry.visitId,
        message: `visit ${entry.visitId} was agreed by the team (pinned) but is left without a caregiver`,
        params: {},
      });
  }
  for (const visit of scenario.visits)
    if (!seen.has(visit.id))
      fail({
        rule: 'unaccounted',
        visitId: visit.id,
        message: `visit ${visit.id} is neither planned nor listed as unassigned`,
      });
  for (const pin of pins) {
    const assignment = rosterAssignments.find((candidate) => candidate.visitId === pin.visitId);
    if (!assignment) continue;
    const wanted = [...pin.caregiverIds].sort().join(',');
    const got = [...(Array.isArray(assignment.caregiverIds) ? assignment.caregiverIds : [])].sort().join(',');
    if (wanted !== got)
      fail({
        rule: 'pinned',
        visitId: pin.visitId,
        message: `the team agreed visit ${pin.visitId} goes to ${pin.caregiverIds.join(' and ')}, but the roster has ${got || 'nobody'}`,
        params: {},
      });
    if (
      pin.start &&
      toMinutes(pin.start, `pinned start of ${pin.visitId}`, pin.visitId) !==
        toMinutes(assignment.start, `start of ${pin.visitId}`, pin.visitId)
    )
      fail({
        rule: 'pinned',
        visitId: pin.visitId,
        message: `the team agreed visit ${pin.visitId} starts at ${pin.start}, but the roster has ${String(assignment.start)}`,
        params: {},
      });
  }

  const byCaregiver = new Map<string, CheckedAssignment[]>();
  for (const assignment of assignments) {
    const list = byCaregiver.get(assignment.caregiver.id) ?? [];
    list.push(assignment);
    byCaregiver.set(assignment.caregiver.id, list);
  }
  let travelTotal = 0;
  const workload = new Map(scenario.caregivers.map((caregiver) => [caregiver.id, 0]));
  const rules = scenario.rules ?? {};
  for (const [caregiverId, list] of byCaregiver) {
    const caregiver = caregivers.get(caregiverId)!;
    list.sort((first, second) => first.start - second.start);
    const perDay = new Map<string, number>();
    const perWeek = new Map<string, number>();
    const dated: { start: number; end: number; date: string }[] = [];
    let period = 0;
    for (let index = 0; index < list.length; index++) {
      const current = list[index];
      let minutes = current.visit.durationMinutes;
      if (index > 0) {
        const previous = list[index - 1];
        const trip = travel(previous.client, current.client, caregiver);
        if (current.start < previous.end + trip)
          fail({
            rule: 'overlap',
            visitId: current.visit.id,
            caregiverId,
            message: `${nameOf(caregiver)} cannot reach visit ${current.visit.id} in time: visit ${previous.visit.id} ends at ${localTime(previous.end, timeZone)} and the trip takes ${trip} minutes`,
            params: {
              start: localTime(current.start, timeZone),
              previousEnd: localTime(previous.end, timeZone),
              previousClient: previous.client?.name ?? '',
              travelMinutes: trip,
            },
          });
        if (previous.block === current.block && current.block >= 0) {
          minutes += trip;
          travelTotal += trip;
        }
      }
      period += minutes;
      if (Number.isNaN(current.start)) {
        perDay.set('unknown date', (perDay.get('unknown date') ?? 0) + minutes);
        continue;
      }
      const date = localDateOf(current.start, timeZone);
      perDay.set(date, (perDay.get(date) ?? 0) + minutes);
      const week = weekKeyOf(date);
      perWeek.set(week, (perWeek.get(week) ?? 0) + minutes);
      dated.push({ start: current.start, end: current.end, date });
    }
    workload.set(caregiverId, period);
    if (caregiver.maxMinutesPerWeek != null)
      for (const [week, minutes] of perWeek)
        if (minutes > caregiver.maxMinutesPerWeek)
          fail({
            rule: 'max-week',
            caregiverId,
            message: `${nameOf(caregiver)} would work ${hours(minutes)} in the week of Monday ${week}, more than the contract's ${hours(caregiver.maxMinutesPerWeek)}`,
            params: { week, minutes, limitMinutes: caregiver.maxMinutesPerWeek },
          });
    const days = workDaysOf(dated);
    for (const breach of restBreaches(days, rules.minRestMinutes))
      fail({
        rule: 'rest',
        caregiverId,
        message: `${nameOf(caregiver)} would have ${hours(Math.max(0, breach.rest))} rest between ${breach.earlier.date} (last visit ends ${localTime(breach.earlier.lastEnd, timeZone)}) and ${breach.later.date} (first visit ${localTime(breach.later.firstStart, timeZone)}), less than the ${hours(rules.minRestMinutes!)} required`,
        params: {
          restMinutes: Math.max(0, breach.rest),
          requiredMinutes: rules.minRestMinutes!,
          from: breach.earlier.date,
          to: breach.later.date,
        },
      });
    const run = consecutiveBreach(days, rules.maxConsecutiveDays);
    if (run)
      fail({
        rule: 'consecutive-days',
        caregiverId,
        message: `${nameOf(caregiver)} would work ${run.run} days in a row up to ${run.until}, more than the ${rules.maxConsecutiveDays} allowed`,
        params: { days: run.run, until: run.until, limit: rules.maxConsecutiveDays! },
      });
    if (caregiver.maxMinutesPerDay != null)
      for (const [date, minutes] of perDay)
        if (minutes > caregiver.maxMinutesPerDay)
          fail({
            rule: 'max-day',
            caregiverId,
            message: `${nameOf(caregiver)} would work ${hours(minutes)} on ${date}, more than the ${hours(caregiver.maxMinutesPerDay)} allowed per day`,
            params: { date, minutes, limitMinutes: caregiver.maxMinutesPerDay },
          });
  }

  const kpis = computeKpis(
    scenario,
    assignments.map((assignment) => ({
      visitId: assignment.visit.id,
      clientId: assignment.visit.clientId,
      caregiverId: assignment.caregiver.id,
      start: assignment.start,
      end: assignment.end,
    })),
    workload,
    travelTotal,
    violations.length,
  );
  return { valid: violations.length === 0, violations, kpis };
}

function localTime(epochMinutes: number, timeZone: string): string {
  return Number.isNaN(epochMinutes)
    ? 'an unknown time'
    : formatLocalDateTime(epochMinutes, timeZone).slice(11);
}

// The solver imports its KPI formulas from here, the referee's entry point.
export { computeKpis, type KpiSlot } from './roster-kpis';
