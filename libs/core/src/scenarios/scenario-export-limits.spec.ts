// maxMinutesPerWeek is a limit per ISO week of the team's zone and maxMinutesPerDay per local date,
// for any period length: the export passes the contract's weekly minutes as they are, and the
// referee (like the engine) counts them per ISO week. A 4-week plan keeps 4 weeks of hours.
import { addDays, datesBetween, ROSTER_FORMAT, startOfLocalDate } from '@homecare/scenario';
import { checkRoster } from '@homecare/roster-engine';
import { toScenarioDocument, type ScenarioExportSource } from './scenario-export.mapper';

const MINUTE_MS = 60_000;
const ZONE = 'Europe/Amsterdam';

/** A period of `weeks` weeks from `monday`: one 300-minute visit a day, one caregiver (600/week, 300/day). */
function source(monday: string, weeks: number): ScenarioExportSource {
  const end = addDays(monday, 7 * weeks - 1);
  const at = (date: string, minutes: number) =>
    new Date((startOfLocalDate(date, ZONE) + minutes) * MINUTE_MS);
  const days = datesBetween(monday, end);
  return {
    team: { name: 'limits', timezone: ZONE, travelSpeedKmh: 15, travelDetourFactor: 1.3 },
    period: { start: monday, end },
    caregivers: [
      {
        id: 'cg',
        firstName: 'A',
        lastName: 'B',
        skills: [],
        maxMinutesPerWeek: 600,
        maxMinutesPerDay: 300,
        travelSpeedKmh: null,
        active: true,
        externalRef: null,
      },
    ],
    availability: days.map((date) => ({
      caregiverId: 'cg',
      start: at(date, 8 * 60),
      end: at(date, 20 * 60),
    })),
    clients: [
      {
        id: 'cl',
        name: 'C',
        latitude: 52,
        longitude: 5,
        preferredCaregiverIds: [],
        excludedCaregiverIds: [],
        externalRef: null,
      },
    ],
    history: [],
    visits: days.map((date) => ({
      id: `v-${date}`,
      clientId: 'cl',
      earliestStart: at(date, 9 * 60),
      latestEnd: at(date, 15 * 60),
      durationMinutes: 300,
      requiredSkills: [],
      caregiversNeeded: 1,
      status: 'planned' as const,
      externalRef: null,
    })),
    pins: [],
  };
}

function check(monday: string, weeks: number, perWeek: number) {
  const scenario = toScenarioDocument(source(monday, weeks));
  expect(scenario.caregivers[0].maxMinutesPerWeek).toBe(600);
  // The first `perWeek` days of every ISO week.
  const assigned = scenario.visits.filter((_, index) => index % 7 < perWeek);
  const result = checkRoster(scenario, {
    format: ROSTER_FORMAT,
    assignments: assigned.map((visit) => ({
      visitId: visit.id,
      caregiverIds: ['cg'],
      start: visit.earliestStart,
    })),
    unassigned: scenario.visits
      .filter((visit) => !assigned.includes(visit))
      .map((visit) => ({ visitId: visit.id, reason: 'not needed' })),
  });
  return result.violations.map((violation) => violation.rule);
}

// A week with the spring-forward change (last Sunday of March 2030 is the 31st) and one across the
// year end (Monday 30 December 2030).
describe.each([
  ['a DST change', '2030-03-25'],
  ['a year end', '2030-12-30'],
])('weekly and daily limits over a period containing %s', (_, monday) => {
  it.each([1, 2, 4])('a %i-week period gives the full weekly hours in every ISO week', (weeks) => {
    expect(check(monday, weeks, 2)).toEqual([]);
    expect(check(monday, weeks, 3).filter((rule) => rule === 'max-week')).toHaveLength(weeks);
  });
});
