import fc from 'fast-check';
import type { RosterDocument, ScenarioDocument, ScenarioVisit } from '@homecare/scenario';
import { addDays, parseLocalDateTime } from '@homecare/scenario';
import { checkRoster } from './roster-checker';
import { solveRoster } from './roster-solver';
import { caregiver, client, hasReferee, refereeVerdicts, scenarioOf } from './scenario.fixtures';

// Many small random periods of two to nine days across daylight-saving changes and ISO-week
// boundaries, with working-time rules (rest, days in a row), visit priorities and caregivers'
// wishes: whatever the solver returns keeps every hard rule, by the engine's checker and by the
// shared referee, and the two agree on deliberately broken rosters.

const ZONES: { zone: string; changes: string[] }[] = [
  { zone: 'Europe/Amsterdam', changes: ['2026-03-29', '2026-10-25'] },
  { zone: 'America/New_York', changes: ['2026-03-08', '2026-11-01'] },
  { zone: 'Australia/Lord_Howe', changes: ['2026-04-05', '2026-10-04'] },
];
const SKILLS = ['personal-care', 'nursing'];
// Hour 2 is skipped: in these zones it may not exist on a change day (a scenario may not use it).
const hourArbitrary = fc.integer({ min: 0, max: 22 }).map((hour) => (hour >= 2 ? hour + 1 : hour));
const minuteArbitrary = fc.constantFrom(0, 15, 30, 45);
const pad = (value: number): string => String(value).padStart(2, '0');
const localTime = (date: string, hour: number, minute: number): string =>
  `${date}T${pad(hour)}:${pad(minute)}`;

/** A later wall-clock time the same day, never in hour 2. */
function later(date: string, hour: number, minute: number, addMinutes: number): string {
  let total = Math.min(hour * 60 + minute + addMinutes, 23 * 60 + 59);
  if (Math.floor(total / 60) === 2) total = 3 * 60;
  return localTime(date, Math.floor(total / 60), total % 60);
}

const scenarioArbitrary = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    changeIndex: fc.integer({ min: 0, max: 1 }),
    startOffset: fc.integer({ min: -6, max: 0 }),
    dayCount: fc.integer({ min: 2, max: 9 }),
    rules: fc.option(
      fc.record({
        minRest: fc.option(fc.integer({ min: 480, max: 720 }), { nil: undefined }),
        maxDays: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    caregivers: fc.array(
      fc.record({
        skills: fc.subarray(SKILLS),
        maxWeek: fc.integer({ min: 60, max: 1500 }),
        maxDay: fc.option(fc.integer({ min: 45, max: 600 }), { nil: undefined }),
        speed: fc.option(fc.constantFrom(10, 20, 30), { nil: undefined }),
        shifts: fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 8 }),
            hour: hourArbitrary,
            minute: minuteArbitrary,
            length: fc.integer({ min: 60, max: 600 }),
          }),
          { minLength: 1, maxLength: 7 },
        ),
        wishes: fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 8 }),
            hour: hourArbitrary,
            minute: minuteArbitrary,
            length: fc.integer({ min: 30, max: 600 }),
            kind: fc.constantFrom('avoid' as const, 'prefer' as const),
          }),
          { maxLength: 3 },
        ),
      }),
      { minLength: 2, maxLength: 5 },
    ),
    clients: fc.array(
      fc.record({
        lat: fc.double({ min: -0.015, max: 0.015, noNaN: true }),
        lon: fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        preferred: fc.integer({ min: -1, max: 4 }),
        excluded: fc.integer({ min: -1, max: 4 }),
        history: fc.integer({ min: -1, max: 4 }),
        visits: fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 8 }),
            hour: hourArbitrary,
            minute: minuteArbitrary,
            window: fc.integer({ min: 20, max: 300 }),
            duration: fc.integer({ min: 10, max: 90 }),
            skills: fc.subarray(SKILLS, { maxLength: 1 }),
            needed: fc.constantFrom(1, 1, 1, 2),
            priority: fc.constantFrom(undefined, 'critical' as const, 'normal' as const, 'optional' as const),
          }),
          { minLength: 1, maxLength: 6 },
        ),
      }),
      { minLength: 3, maxLength: 8 },
    ),
    pins: fc.integer({ min: 0, max: 2 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .map((input) => {
    const start = addDays(input.zone.changes[input.changeIndex], input.startOffset);
    const dates = Array.from({ length: input.dayCount }, (_, day) => addDays(start, day));
    const dateOf = (day: number): string => dates[day % dates.length];
    const caregiverIds = input.caregivers.map((_, index) => `cg-${index}`);
    const pickCaregiver = (index: number): string[] =>
      index >= 0 && index < caregiverIds.length ? [caregiverIds[index]] : [];
    let visitNumber = 0;
    const visits: ScenarioVisit[] = [];
    const scenario = scenarioOf({
      timezone: input.zone.zone,
      period: { start: dates[0], end: dates[dates.length - 1] },
      ...(input.rules
        ? {
            rules: {
              ...(input.rules.minRest !== undefined ? { minRestMinutes: input.rules.minRest } : {}),
              ...(input.rules.maxDays !== undefined ? { maxConsecutiveDays: input.rules.maxDays } : {}),
            },
          }
        : {}),
      caregivers: input.caregivers.map((entry, index) =>
        caregiver(caregiverIds[index], {
          name: `Caregiver ${index}`,
          skills: ['personal-care', ...entry.skills.filter((skill) => skill !== 'personal-care')],
          maxMinutesPerWeek: entry.maxWeek,
          maxMinutesPerDay: entry.maxDay ?? null,
          speedKmh: entry.speed ?? null,
          availability: entry.shifts.map((shift) => ({
            start: localTime(dateOf(shift.day), shift.hour, shift.minute),
            end: later(dateOf(shift.day), shift.hour, shift.minute, shift.length),
          })),
          wishes: entry.wishes.map((wish) => ({
            kind: wish.kind,
            start: localTime(dateOf(wish.day), wish.hour, wish.minute),
            end: later(dateOf(wish.day), wish.hour, wish.minute, wish.length),
          })),
        }),
      ),
      clients: input.clients.map((entry, index) => {
        const clientId = `cl-${index}`;
        for (const need of entry.visits) {
          const earliestStart = localTime(dateOf(need.day), need.hour, need.minute);
          const latestEnd = later(dateOf(need.day), need.hour, need.minute, need.window);
          // a window across a clock change is shorter or longer in real minutes than on the clock
          const realWindow =
            parseLocalDateTime(latestEnd, input.zone.zone) -
            parseLocalDateTime(earliestStart, input.zone.zone);
          visits.push({
            id: `v-${++visitNumber}`,
            clientId,
            earliestStart,
            latestEnd,
            durationMinutes: Math.min(need.duration, realWindow),
            requiredSkills: need.skills,
            caregiversNeeded: need.needed,
            ...(need.priority ? { priority: need.priority } : {}),
          });
        }
        const history: Record<string, number> = {};
        for (const id of pickCaregiver(entry.history)) history[id] = 3;
        return client(clientId, {
          location: { lat: 52.36 + entry.lat, lon: 4.9 + entry.lon },
          preferredCaregivers: pickCaregiver(entry.preferred),
          excludedCaregivers: entry.excluded === entry.preferred ? [] : pickCaregiver(entry.excluded),
          history,
        });
      }),
      visits,
    });
    return { scenario, pins: input.pins, seed: input.seed };
  });

/** A few deliberate breakages of a roster: moved starts, swapped caregivers, dropped or repeated visits. */
function brokenVersions(scenario: ScenarioDocument, roster: RosterDocument, seed: number): RosterDocument[] {
  const versions: RosterDocument[] = [];
  if (roster.assignments.length === 0) return versions;
  const pick = <T>(items: T[], salt: number): T => items[(seed * 7 + salt * 13) % items.length];
  const moved = structuredClone(roster);
  const target = pick(moved.assignments, 1);
  target.start = target.start.endsWith(':00')
    ? target.start.replace(/:00$/, ':59')
    : target.start.slice(0, 14) + '59';
  versions.push(moved);
  const swapped = structuredClone(roster);
  const swap = pick(swapped.assignments, 2);
  swap.caregiverIds = [pick(scenario.caregivers, 3).id, ...swap.caregiverIds.slice(1)];
  versions.push(swapped);
  if (seed % 2 === 0) {
    const dropped = structuredClone(roster);
    dropped.assignments.splice(0, 1);
    dropped.unassigned.push(...roster.unassigned.slice(0, 1));
    versions.push(dropped);
  }
  return versions;
}

const rulesOf = (rules: string[]): string[] => [...new Set(rules)].sort();

describe('solveRoster on random small scenarios', () => {
  it('always returns rosters the checker and the referee accept, and the two agree on broken ones', async () => {
    const cases: { scenario: ScenarioDocument; roster: RosterDocument }[] = [];
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async ({ scenario, pins, seed }) => {
        let result = await solveRoster(scenario, { timeLimitMs: 100, maxIterations: 60, seed });
        if (pins > 0 && result.roster.assignments.length > 0) {
          // pins the team could agree on: decisions from a roster that keeps every rule
          scenario.pinned = result.roster.assignments.slice(0, pins).map((assignment, index) => ({
            visitId: assignment.visitId,
            caregiverIds: assignment.caregiverIds,
            ...(index === 0 ? { start: assignment.start } : {}),
          }));
          result = await solveRoster(scenario, { timeLimitMs: 100, maxIterations: 60, seed: seed + 1 });
        }
        const check = checkRoster(scenario, result.roster);
        expect(check.violations).toEqual([]);
        expect(result.roster.assignments.length + result.roster.unassigned.length).toBe(
          scenario.visits.length,
        );
        for (const entry of result.roster.unassigned) expect(entry.reason.length).toBeGreaterThan(10);
        cases.push({ scenario, roster: result.roster });
        for (const broken of brokenVersions(scenario, result.roster, seed))
          cases.push({ scenario, roster: broken });
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 40),
        seed: Number(process.env.PROPERTY_SEED ?? 20261123),
      },
    );
    if (!hasReferee()) return;
    const verdicts = refereeVerdicts(cases);
    cases.forEach((entry, index) => {
      const engine = checkRoster(entry.scenario, entry.roster);
      expect({
        index,
        rules: rulesOf(verdicts[index].violations.map((violation) => violation.rule)),
      }).toEqual({
        index,
        rules: rulesOf(engine.violations.map((violation) => violation.rule)),
      });
      expect(verdicts[index].kpis).toEqual({ ...engine.kpis });
    });
  }, 120_000);
});
