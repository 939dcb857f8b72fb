import { createRandom, EU_WORKING_TIME_RULES, generateOrganisation, generateScenario } from './generator';
import { parseLocalDateTime } from './time';
import type { ScenarioDocument } from './types';
import { validateScenario } from './validate';

function expectValid(scenario: ScenarioDocument): void {
  const result = validateScenario(scenario);
  expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
}

describe('createRandom', () => {
  it('repeats its sequence for a seed and stays within [0, 1)', () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const values = Array.from({ length: 1000 }, () => first());
    expect(values).toEqual(Array.from({ length: 1000 }, () => second()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('generateScenario', () => {
  const standard = generateScenario({ seed: 3, caregivers: 12, clients: 50 });

  it('is deterministic for a seed', () => {
    expect(generateScenario({ seed: 3, caregivers: 12, clients: 50 })).toEqual(standard);
  });

  it('differs between seeds', () => {
    const other = generateScenario({ seed: 4, caregivers: 12, clients: 50 });
    expect(other.clients.map((client) => client.location)).not.toEqual(
      standard.clients.map((client) => client.location),
    );
    expect(other.visits).not.toEqual(standard.visits);
  });

  it.each<[string, Parameters<typeof generateScenario>[0]]>([
    ['the default team', {}],
    ['a small team', { seed: 2, caregivers: 4, clients: 12 }],
    ['a busy team', { seed: 5, caregivers: 12, clients: 60 }],
    ['a larger team', { seed: 6, caregivers: 14, clients: 70 }],
    ['a spring-forward week in Amsterdam', { seed: 7, caregivers: 12, clients: 50, start: '2026-03-23' }],
    ['a fall-back week in Amsterdam', { seed: 8, caregivers: 6, clients: 20, start: '2026-10-19' }],
    [
      'a spring-forward week in New York',
      {
        seed: 9,
        caregivers: 8,
        clients: 30,
        start: '2026-03-02',
        timezone: 'America/New_York',
        lat: 40.7,
        lon: -73.95,
      },
    ],
    [
      'a Lord Howe week with its 30-minute change',
      {
        seed: 10,
        caregivers: 4,
        clients: 10,
        start: '2026-10-01',
        timezone: 'Australia/Lord_Howe',
        lat: -31.55,
        lon: 159.08,
      },
    ],
    ['a one-person team', { seed: 11, caregivers: 1, clients: 3 }],
    ['a team without clients', { seed: 12, caregivers: 2, clients: 0, days: 3 }],
  ])('produces a valid document for %s', (_label, options) => {
    expectValid(generateScenario(options));
  });

  it('uses the given period, zone, prefix and name', () => {
    const scenario = generateScenario({
      start: '2026-03-02',
      days: 14,
      timezone: 'America/New_York',
      idPrefix: 'east-',
      name: 'East',
    });
    expect(scenario.period).toEqual({ start: '2026-03-02', end: '2026-03-15' });
    expect(scenario.timezone).toBe('America/New_York');
    expect(scenario.name).toBe('East');
    const ids = [...scenario.caregivers, ...scenario.clients, ...scenario.visits].map((item) => item.id);
    expect(ids.every((id) => id.startsWith('east-'))).toBe(true);
  });

  it('gives every client recurring visits that follow their care profile', () => {
    for (const client of standard.clients) {
      const visits = standard.visits.filter((visit) => visit.clientId === client.id);
      const expected: Record<string, [number, number]> = {
        'morning-care': [7, 7],
        'morning-evening': [14, 14],
        'medication-3x': [21, 21],
        'wound-care': [2, 3],
        'weekly-shower': [1, 2],
        'double-up': [14, 14],
        'complex-nursing': [14, 14],
        'evening-care': [7, 7],
      };
      const [min, max] = expected[client.careProfile as string];
      expect(visits.length).toBeGreaterThanOrEqual(min);
      expect(visits.length).toBeLessThanOrEqual(max);
    }
  });

  it('includes double-up visits in a standard team', () => {
    const seeds = [1, 2, 3, 4, 5];
    const withDoubleUps = seeds.filter((seed) =>
      generateScenario({ seed, caregivers: 12, clients: 50 }).visits.some(
        (visit) => visit.caregiversNeeded === 2,
      ),
    );
    expect(withDoubleUps.length).toBeGreaterThanOrEqual(4);
  });

  it('has someone with every required skill, and people available for every visit day', () => {
    const skills = new Set(standard.caregivers.flatMap((caregiver) => caregiver.skills));
    for (const visit of standard.visits)
      for (const skill of visit.requiredSkills ?? []) expect(skills).toContain(skill);
    const levels = new Set(standard.caregivers.map((caregiver) => caregiver.skillLevel));
    expect(levels).toEqual(new Set(['nurse', 'carer-medication', 'carer']));
    const availableDays = new Set(
      standard.caregivers.flatMap((caregiver) =>
        caregiver.availability.map((window) => window.start.slice(0, 10)),
      ),
    );
    for (const visit of standard.visits) expect(availableDays).toContain(visit.earliestStart.slice(0, 10));
  });

  it('gives caregivers plausible contracts and offers somewhat more availability than contracted', () => {
    for (const caregiver of standard.caregivers) {
      expect(caregiver.maxMinutesPerWeek).toBeGreaterThanOrEqual(16 * 60);
      expect(caregiver.maxMinutesPerWeek).toBeLessThanOrEqual(38 * 60);
      expect(caregiver.maxMinutesPerDay).toBe(600);
      expect(caregiver.name).toMatch(/^\S+ \S.*$/);
    }
    const offered = standard.caregivers.reduce(
      (total, caregiver) =>
        total +
        caregiver.availability.reduce(
          (sum, window) =>
            sum +
            parseLocalDateTime(window.end, standard.timezone) -
            parseLocalDateTime(window.start, standard.timezone),
          0,
        ),
      0,
    );
    const demand = standard.visits.reduce(
      (total, visit) => total + visit.durationMinutes * (visit.caregiversNeeded ?? 1),
      0,
    );
    expect(offered).toBeGreaterThan(demand * 1.2);
    expect(new Set(standard.caregivers.map((caregiver) => caregiver.name)).size).toBe(
      standard.caregivers.length,
    );
  });

  it('gives clients names, addresses, history, preferences and only rare exclusions', () => {
    expect(standard.clients.every((client) => /^(Mevr|Dhr)\. /.test(client.name ?? ''))).toBe(true);
    expect(standard.clients.every((client) => typeof client.address === 'string')).toBe(true);
    const withHistory = standard.clients.filter(
      (client) => Object.keys(client.history ?? {}).length > 0,
    ).length;
    const withPreferences = standard.clients.filter(
      (client) => (client.preferredCaregivers ?? []).length > 0,
    ).length;
    const withExclusions = standard.clients.filter(
      (client) => (client.excludedCaregivers ?? []).length > 0,
    ).length;
    expect(withHistory).toBeGreaterThan(15);
    expect(withPreferences).toBeGreaterThan(5);
    expect(withExclusions).toBeLessThan(10);
  });

  it('keeps clients within the radius of the centre', () => {
    const scenario = generateScenario({ seed: 2, clients: 40, lat: 51.92, lon: 4.47, radiusKm: 1.5 });
    for (const client of scenario.clients) {
      const northKm = (client.location.lat - 51.92) * 111.32;
      const eastKm = (client.location.lon - 4.47) * 111.32 * Math.cos((51.92 * Math.PI) / 180);
      expect(Math.hypot(northKm, eastKm)).toBeLessThanOrEqual(1.5 + 0.001);
    }
  });

  describe('with working-time rules, priorities and wishes', () => {
    const options = { seed: 3, caregivers: 12, clients: 50 };
    const rich = generateScenario({
      ...options,
      rules: EU_WORKING_TIME_RULES,
      priorities: true,
      wishes: true,
    });

    it('writes the rules, marks care that must not be missed as critical and adds optional social visits', () => {
      expectValid(rich);
      expect(rich.rules).toEqual({ minRestMinutes: 660, maxConsecutiveDays: 6 });
      const critical = rich.visits.filter((visit) => visit.priority === 'critical');
      expect(critical.length).toBeGreaterThan(0);
      for (const visit of critical)
        expect(
          (visit.caregiversNeeded ?? 1) > 1 ||
            (visit.requiredSkills ?? []).some((skill) => ['medication', 'nursing'].includes(skill)),
        ).toBe(true);
      expect(rich.visits.some((visit) => visit.priority === 'optional')).toBe(true);
    });

    it('gives some caregivers wishes, inside the period', () => {
      const withWishes = rich.caregivers.filter((caregiver) => caregiver.wishes?.length);
      expect(withWishes.length).toBeGreaterThan(2);
      expect(withWishes.length).toBeLessThan(rich.caregivers.length + 1);
      const kinds = new Set(withWishes.flatMap((caregiver) => caregiver.wishes!.map((wish) => wish.kind)));
      expect(kinds.has('avoid')).toBe(true);
      for (const wish of withWishes.flatMap((caregiver) => caregiver.wishes!)) {
        expect(wish.start.slice(0, 10) >= rich.period.start).toBe(true);
        expect(wish.end.slice(0, 10) <= rich.period.end).toBe(true);
      }
    });

    it('keeps the same team and care as without them, so runs with and without compare like with like', () => {
      const plain = generateScenario(options);
      const strip = (scenario: ScenarioDocument) => ({
        caregivers: scenario.caregivers.map(({ wishes: _wishes, ...caregiver }) => caregiver),
        clients: scenario.clients,
        visits: scenario.visits
          .filter((visit) => visit.priority !== 'optional')
          .map(({ priority: _priority, ...visit }) => visit),
      });
      expect(strip(rich)).toEqual(strip(plain));
    });

    it('offers contract-sized shifts in every week of a four-week period', () => {
      const month = generateScenario({ ...options, days: 28, rules: EU_WORKING_TIME_RULES });
      expectValid(month);
      const offered = [0, 1, 2, 3].map((week) =>
        month.caregivers.reduce((total, caregiver) => {
          const inWeek = caregiver.availability.filter((window) => {
            const day =
              (Date.parse(`${window.start.slice(0, 10)}T00:00Z`) -
                Date.parse(`${month.period.start}T00:00Z`)) /
              86_400_000;
            return Math.floor(day / 7) === week;
          });
          return total + inWeek.length;
        }, 0),
      );
      expect(Math.min(...offered)).toBeGreaterThan(0.7 * Math.max(...offered));
    });

    it('refuses impossible rules', () => {
      expect(() => generateScenario({ rules: { minRestMinutes: -1 } })).toThrow(RangeError);
      expect(() => generateScenario({ rules: { maxConsecutiveDays: 0 } })).toThrow(RangeError);
    });
  });

  it('refuses impossible options', () => {
    expect(() => generateScenario({ caregivers: 0 })).toThrow(RangeError);
    expect(() => generateScenario({ timezone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => generateScenario({ start: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateScenario({ days: 0 })).toThrow(RangeError);
  });
});

describe('generateOrganisation', () => {
  const teams = generateOrganisation({ teams: 3, seed: 4, caregivers: 6, clients: 20 });

  it('gives each team its own prefix, seed and centre', () => {
    expect(teams).toHaveLength(3);
    const ids = teams.flatMap((team) =>
      [...team.caregivers, ...team.clients, ...team.visits].map((item) => item.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(teams.map((team) => team.caregivers[0].id)).toEqual(['t1-cg-01', 't2-cg-01', 't3-cg-01']);
    expect(new Set(teams.map((team) => team.name)).size).toBe(3);
    const centres = teams.map((team) => {
      const lat = team.clients.reduce((sum, client) => sum + client.location.lat, 0) / team.clients.length;
      const lon = team.clients.reduce((sum, client) => sum + client.location.lon, 0) / team.clients.length;
      return { lat, lon };
    });
    // Centres about 4.4 km from the middle: distinct districts, all within one city.
    for (let first = 0; first < centres.length; first++) {
      for (let second = first + 1; second < centres.length; second++) {
        const km = Math.hypot(
          (centres[first].lat - centres[second].lat) * 111,
          (centres[first].lon - centres[second].lon) * 68,
        );
        expect(km).toBeGreaterThan(2);
        expect(km).toBeLessThan(15);
      }
    }
  });

  it('produces valid teams, the same for the same seed', () => {
    for (const team of teams) expectValid(team);
    expect(generateOrganisation({ teams: 3, seed: 4, caregivers: 6, clients: 20 })).toEqual(teams);
  });
});
