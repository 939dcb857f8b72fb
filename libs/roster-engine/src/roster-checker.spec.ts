import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';
import { checkRoster } from './roster-checker';
import { caregiver, client, hasReferee, refereeVerdicts, scenarioOf, visit } from './scenario.fixtures';

// Two clients 1.11 km apart: 6 minutes by bike (ceil(1.112 * 1.3 / 15 * 60)).
const baseScenario = (): ScenarioDocument =>
  scenarioOf({
    caregivers: [
      caregiver('cg-a', {
        skills: ['personal-care', 'nursing'],
        availability: [
          { start: '2026-11-23T08:00', end: '2026-11-23T12:00' },
          { start: '2026-11-23T13:00', end: '2026-11-23T17:00' },
        ],
      }),
      caregiver('cg-b'),
    ],
    clients: [client('cl-1'), client('cl-2', { location: { lat: 52.37, lon: 4.9 } })],
    visits: [
      visit('v-1', 'cl-1', '2026-11-23T08:00', '2026-11-23T10:00', 30),
      visit('v-2', 'cl-2', '2026-11-23T08:00', '2026-11-23T12:00', 30),
      visit('v-3', 'cl-1', '2026-11-23T09:00', '2026-11-23T11:00', 30, { caregiversNeeded: 2 }),
    ],
  });

const validRoster = (): RosterDocument => ({
  format: 'homecare-roster/v1',
  assignments: [
    { visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-11-23T08:00' },
    { visitId: 'v-3', caregiverIds: ['cg-a', 'cg-b'], start: '2026-11-23T09:00' },
    { visitId: 'v-2', caregiverIds: ['cg-b'], start: '2026-11-23T09:36' },
  ],
  unassigned: [],
});

const rulesOf = (scenario: ScenarioDocument, roster: RosterDocument): string[] =>
  [...new Set(checkRoster(scenario, roster).violations.map((violation) => violation.rule))].sort();

interface BrokenCase {
  /** the broken rule; a caregiver listed twice also overlaps with themself, as the referee sees it */
  rule: string;
  scenario: ScenarioDocument;
  roster: RosterDocument;
}

/** Each case breaks exactly one rule of an otherwise valid roster. */
function brokenCases(): BrokenCase[] {
  const cases: BrokenCase[] = [];
  const add = (rule: string, change: (scenario: ScenarioDocument, roster: RosterDocument) => void): void => {
    const scenario = baseScenario();
    const roster = validRoster();
    change(scenario, roster);
    cases.push({ rule, scenario, roster });
  };
  add('time-window', (_, roster) => (roster.assignments[0].start = '2026-11-23T09:45'));
  add('staffing', (_, roster) => (roster.assignments[1].caregiverIds = ['cg-a']));
  add('overlap,staffing', (_, roster) => (roster.assignments[1].caregiverIds = ['cg-a', 'cg-a']));
  add('skill', (scenario) => (scenario.visits[1].requiredSkills = ['nursing']));
  add('availability', (scenario, roster) => {
    scenario.visits[1].latestEnd = '2026-11-23T13:00';
    roster.assignments[2] = { visitId: 'v-2', caregiverIds: ['cg-a'], start: '2026-11-23T12:15' };
  });
  add('excluded', (scenario) => (scenario.clients[1].excludedCaregivers = ['cg-b']));
  add('overlap', (_, roster) => (roster.assignments[2].start = '2026-11-23T09:32'));
  add('max-week', (scenario) => (scenario.caregivers[1].maxMinutesPerWeek = 65));
  add('max-day', (scenario) => (scenario.caregivers[1].maxMinutesPerDay = 65));
  add('pinned', (scenario) => (scenario.pinned = [{ visitId: 'v-2', caregiverIds: ['cg-a'] }]));
  add(
    'pinned',
    (scenario) => (scenario.pinned = [{ visitId: 'v-2', caregiverIds: ['cg-b'], start: '2026-11-23T10:00' }]),
  );
  add('pinned', (scenario, roster) => {
    scenario.pinned = [{ visitId: 'v-2', caregiverIds: ['cg-b'] }];
    roster.assignments.pop();
    roster.unassigned.push({ visitId: 'v-2', reason: 'nobody free' });
  });
  add('duplicate', (_, roster) => roster.unassigned.push({ visitId: 'v-1', reason: 'again' }));
  add('unaccounted', (_, roster) => roster.assignments.pop());
  add('unknown-visit', (_, roster) => roster.unassigned.push({ visitId: 'v-99', reason: 'not ours' }));
  add('unknown-caregiver', (scenario, roster) => {
    scenario.visits[1].requiredSkills = [];
    roster.assignments[2].caregiverIds = ['cg-zz'];
  });
  // an unreadable start cannot lie inside any availability either, for the referee too
  add('availability,format', (_, roster) => (roster.assignments[0].start = '23-11-2026 08:00'));
  return cases;
}

describe('checkRoster', () => {
  it('accepts a roster that keeps every rule and computes the KPIs', () => {
    const result = checkRoster(baseScenario(), validRoster());
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
    // v-2 follows v-3 in Bram's one interval: 6 minutes of paid travel
    expect(result.kpis.travelMinutes).toBe(6);
    expect(result.kpis.coverage).toBe(1);
    expect(result.kpis.meanDistinctCaregiversPerClient).toBe(1.5);
  });

  it.each(brokenCases().map((entry, index) => [`${entry.rule} #${index}`, entry] as const))(
    'finds exactly the broken rule: %s',
    (_, entry) => {
      expect(rulesOf(entry.scenario, entry.roster)).toEqual(entry.rule.split(','));
      const violation = checkRoster(entry.scenario, entry.roster).violations[0];
      expect(violation.message.length).toBeGreaterThan(20);
    },
  );

  it('agrees with the shared referee on every broken roster and on the KPIs', () => {
    if (!hasReferee()) return;
    // The referee itself stops on an unreadable start (it cannot compute its date), so that case stays out.
    const cases = [
      ...brokenCases().filter((entry) => !entry.rule.includes('format')),
      { rule: '', scenario: baseScenario(), roster: validRoster() },
    ];
    const verdicts = refereeVerdicts(cases);
    cases.forEach((entry, index) => {
      const refereeRules = [...new Set(verdicts[index].violations.map((violation) => violation.rule))].sort();
      expect(refereeRules).toEqual(rulesOf(entry.scenario, entry.roster));
      expect(verdicts[index].kpis).toEqual({ ...checkRoster(entry.scenario, entry.roster).kpis });
    });
  });

  it('names the caregiver in plain words', () => {
    const scenario = baseScenario();
    scenario.visits[1].requiredSkills = ['nursing'];
    const [violation] = checkRoster(scenario, validRoster()).violations;
    expect(violation).toMatchObject({ rule: 'skill', visitId: 'v-2', caregiverId: 'cg-b' });
    expect(violation.message).toContain('Bram');
    expect(violation.message).toContain('nursing');
  });

  it('counts travel as work only inside one availability interval', () => {
    const scenario = baseScenario();
    scenario.visits = [
      visit('v-1', 'cl-1', '2026-11-23T10:00', '2026-11-23T12:00', 30),
      visit('v-2', 'cl-2', '2026-11-23T10:00', '2026-11-23T14:00', 30),
    ];
    scenario.caregivers[0].maxMinutesPerDay = 60;
    const across: RosterDocument = {
      format: 'homecare-roster/v1',
      assignments: [
        { visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-11-23T10:30' },
        { visitId: 'v-2', caregiverIds: ['cg-a'], start: '2026-11-23T13:00' },
      ],
      unassigned: [],
    };
    const acrossResult = checkRoster(scenario, across);
    expect(acrossResult.valid).toBe(true);
    expect(acrossResult.kpis.travelMinutes).toBe(0);
    const inside: RosterDocument = {
      ...across,
      assignments: [
        across.assignments[0],
        { visitId: 'v-2', caregiverIds: ['cg-a'], start: '2026-11-23T11:06' },
      ],
    };
    expect(rulesOf(scenario, inside)).toEqual(['max-day']);
    expect(checkRoster(scenario, inside).kpis.travelMinutes).toBe(6);
    // the trip still has to fit between the two visits
    const tooSoon: RosterDocument = {
      ...across,
      assignments: [
        across.assignments[0],
        { visitId: 'v-2', caregiverIds: ['cg-a'], start: '2026-11-23T11:04' },
      ],
    };
    expect(rulesOf(scenario, tooSoon)).toEqual(['max-day', 'overlap']);
  });

  describe('daylight saving time in Europe/Amsterdam', () => {
    const nightScenario = (date: string, duration: number, window: [string, string]): ScenarioDocument =>
      scenarioOf({
        period: { start: date, end: date },
        caregivers: [caregiver('cg-a', { availability: [{ start: `${date}T00:00`, end: `${date}T06:00` }] })],
        clients: [client('cl-1')],
        visits: [visit('v-1', 'cl-1', `${date}T${window[0]}`, `${date}T${window[1]}`, duration)],
      });

    it('counts real minutes across the spring-forward gap (2026-03-29)', () => {
      // 01:30 CET + 120 real minutes = 04:30 CEST
      const roster: RosterDocument = {
        format: 'homecare-roster/v1',
        assignments: [{ visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-03-29T01:30' }],
        unassigned: [],
      };
      expect(rulesOf(nightScenario('2026-03-29', 120, ['01:00', '04:30']), roster)).toEqual([]);
      expect(rulesOf(nightScenario('2026-03-29', 121, ['01:00', '04:30']), roster)).toEqual(['time-window']);
    });

    it('rejects a start inside the spring-forward gap as a format problem', () => {
      const roster: RosterDocument = {
        format: 'homecare-roster/v1',
        assignments: [{ visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-03-29T02:30' }],
        unassigned: [],
      };
      expect(rulesOf(nightScenario('2026-03-29', 30, ['01:00', '04:30']), roster)).toContain('format');
    });

    it('reads the repeated fall-back hour as its first occurrence and accepts offsets for the second (2026-10-25)', () => {
      // 02:00 CEST to 04:00 CET is three real hours
      const scenario = nightScenario('2026-10-25', 150, ['02:00', '04:00']);
      const first: RosterDocument = {
        format: 'homecare-roster/v1',
        assignments: [{ visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-10-25T02:15' }],
        unassigned: [],
      };
      expect(rulesOf(scenario, first)).toEqual([]);
      const second: RosterDocument = {
        format: 'homecare-roster/v1',
        assignments: [{ visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-10-25T02:15+01:00' }],
        unassigned: [],
      };
      expect(rulesOf(scenario, second)).toEqual(['time-window']);
      if (hasReferee()) {
        const verdicts = refereeVerdicts([
          { scenario, roster: first },
          { scenario, roster: second },
        ]);
        expect(verdicts.map((verdict) => verdict.ok)).toEqual([true, false]);
      }
    });
  });

  it('checks double-up visits: two different caregivers, one start', () => {
    const scenario = baseScenario();
    const roster = validRoster();
    roster.assignments[1].caregiverIds = ['cg-a', 'cg-b', 'cg-b'];
    expect(rulesOf(scenario, roster)).toEqual(['overlap', 'staffing']);
    roster.assignments[1].caregiverIds = ['cg-b'];
    expect(rulesOf(scenario, roster)).toEqual(['staffing']);
  });
});
