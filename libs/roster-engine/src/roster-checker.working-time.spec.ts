import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';
import { addDays, datesBetween } from '@homecare/scenario';
import { checkRoster } from './roster-checker';
import { caregiver, client, hasReferee, refereeVerdicts, scenarioOf, visit } from './scenario.fixtures';

// Working-time rules over two ISO weeks (Monday 2026-11-23 to Sunday 2026-12-06) and the KPIs of
// priorities, wishes and unsocial hours; every case is also put to the shared referee when present.

const PERIOD = { start: '2026-11-23', end: '2026-12-06' };
const DATES = datesBetween(PERIOD.start, PERIOD.end);

/** Anna and Bram can work 06:00-23:30 every day; one client; `visits` are [id, local start, minutes]. */
function twoWeeks(
  visits: [string, string, number][],
  extra: Partial<ScenarioDocument> = {},
): ScenarioDocument {
  const availability = DATES.map((date) => ({ start: `${date}T06:00`, end: `${date}T23:30` }));
  return scenarioOf({
    period: PERIOD,
    caregivers: [
      caregiver('cg-a', { availability, maxMinutesPerWeek: 2400, maxMinutesPerDay: null }),
      caregiver('cg-b', { availability, maxMinutesPerWeek: 1200, maxMinutesPerDay: null }),
    ],
    clients: [client('cl-1')],
    visits: visits.map(([id, start, minutes]) =>
      visit(id, 'cl-1', `${start.slice(0, 10)}T06:00`, `${start.slice(0, 10)}T23:30`, minutes),
    ),
    ...extra,
  });
}

/** Everything to one caregiver at the visit's earliest wanted start. */
function rosterOf(scenario: ScenarioDocument, starts: string[], caregiverId = 'cg-a'): RosterDocument {
  return {
    format: 'homecare-roster/v1',
    assignments: scenario.visits.map((entry, index) => ({
      visitId: entry.id,
      caregiverIds: [caregiverId],
      start: starts[index],
    })),
    unassigned: [],
  };
}

const rulesOf = (scenario: ScenarioDocument, roster: RosterDocument): string[] =>
  [...new Set(checkRoster(scenario, roster).violations.map((violation) => violation.rule))].sort();

interface Case {
  label: string;
  scenario: ScenarioDocument;
  roster: RosterDocument;
  rules: string[];
}

function cases(): Case[] {
  const list: Case[] = [];
  const add = (label: string, scenario: ScenarioDocument, roster: RosterDocument, rules: string[]): void => {
    list.push({ label, scenario, roster, rules });
  };
  const rest = { rules: { minRestMinutes: 660 } };
  // Monday's late visit ends 22:30; Tuesday 07:00 leaves 8h30, 09:30 exactly 11 hours.
  const late = twoWeeks(
    [
      ['v-1', '2026-11-23', 30],
      ['v-2', '2026-11-24', 30],
    ],
    rest,
  );
  add('rest under 11 hours', late, rosterOf(late, ['2026-11-23T22:00', '2026-11-24T07:00']), ['rest']);
  add('rest of exactly 11 hours', late, rosterOf(late, ['2026-11-23T22:00', '2026-11-24T09:30']), []);
  // a day off in between: no rest rule between dates that are not consecutive
  const gap = twoWeeks(
    [
      ['v-1', '2026-11-23', 30],
      ['v-2', '2026-11-25', 30],
    ],
    rest,
  );
  add('a day off between', gap, rosterOf(gap, ['2026-11-23T22:00', '2026-11-25T06:00']), []);
  add(
    'short rest without rules',
    twoWeeks([
      ['v-1', '2026-11-23', 30],
      ['v-2', '2026-11-24', 30],
    ]),
    rosterOf(late, ['2026-11-23T22:00', '2026-11-24T07:00']),
    [],
  );

  // seven days in a row against at most six
  const week = (days: number[]): ScenarioDocument =>
    twoWeeks(
      days.map((day, index) => [`v-${index + 1}`, addDays(PERIOD.start, day), 30]),
      { rules: { maxConsecutiveDays: 6 } },
    );
  const at = (days: number[]): string[] => days.map((day) => `${addDays(PERIOD.start, day)}T09:00`);
  const seven = [0, 1, 2, 3, 4, 5, 6];
  add('seven days in a row', week(seven), rosterOf(week(seven), at(seven)), ['consecutive-days']);
  const six = [0, 1, 2, 3, 4, 5, 7];
  add('six days, one off, one more', week(six), rosterOf(week(six), at(six)), []);
  const split = [0, 1, 2, 3, 4, 5, 6];
  add(
    'seven days split between two caregivers',
    week(split),
    {
      ...rosterOf(week(split), at(split)),
      assignments: rosterOf(week(split), at(split)).assignments.map((entry, index) =>
        index === 3 ? { ...entry, caregiverIds: ['cg-b'] } : entry,
      ),
    },
    [],
  );

  // max-week per ISO week: Bram may work 60 minutes a week
  const weekly = (dates: string[]): ScenarioDocument => {
    const scenario = twoWeeks(dates.map((date, index) => [`v-${index + 1}`, date, 45]));
    scenario.caregivers[1].maxMinutesPerWeek = 60;
    return scenario;
  };
  const sundayMonday = weekly(['2026-11-29', '2026-11-30']);
  add(
    'Sunday and Monday fall in two ISO weeks',
    sundayMonday,
    rosterOf(sundayMonday, ['2026-11-29T09:00', '2026-11-30T09:00'], 'cg-b'),
    [],
  );
  const mondayTuesday = weekly(['2026-11-30', '2026-12-01']);
  add(
    'Monday and Tuesday are one ISO week',
    mondayTuesday,
    rosterOf(mondayTuesday, ['2026-11-30T09:00', '2026-12-01T09:00'], 'cg-b'),
    ['max-week'],
  );
  return list;
}

describe('checkRoster: working time over several weeks', () => {
  it.each(cases().map((entry) => [entry.label, entry] as const))('%s', (_, entry) => {
    expect(rulesOf(entry.scenario, entry.roster)).toEqual(entry.rules);
    for (const violation of checkRoster(entry.scenario, entry.roster).violations)
      expect(violation.message).toContain(violation.caregiverId === 'cg-b' ? 'Bram' : 'Anna');
  });

  it('words the rest rule with the hours a person reads', () => {
    const entry = cases()[0];
    const [violation] = checkRoster(entry.scenario, entry.roster).violations;
    expect(violation).toMatchObject({ rule: 'rest', caregiverId: 'cg-a' });
    expect(violation.message).toContain('8h30 rest');
    expect(violation.message).toContain('11h00');
  });

  it('agrees with the shared referee on every case', () => {
    if (!hasReferee()) return;
    const list = cases();
    const verdicts = refereeVerdicts(list);
    list.forEach((entry, index) => {
      const refereeRules = [...new Set(verdicts[index].violations.map((violation) => violation.rule))].sort();
      expect({ label: entry.label, rules: refereeRules }).toEqual({ label: entry.label, rules: entry.rules });
      expect(verdicts[index].kpis).toEqual({ ...checkRoster(entry.scenario, entry.roster).kpis });
    });
  });
});

describe('checkRoster: KPIs of priorities, wishes and unsocial hours', () => {
  // Monday 17:30 (not unsocial: it starts before 18:00), Monday 18:00 and Saturday 10:00 (both unsocial).
  const scenario = (): ScenarioDocument => {
    const base = twoWeeks([
      ['v-1', '2026-11-23', 60],
      ['v-2', '2026-11-23', 30],
      ['v-3', '2026-11-28', 60],
      ['v-4', '2026-11-24', 30],
    ]);
    base.visits[0].priority = 'critical';
    base.visits[3].priority = 'critical';
    base.visits[2].priority = 'optional';
    base.caregivers[0].wishes = [
      { kind: 'avoid', start: '2026-11-23T18:00', end: '2026-11-23T20:00' },
      { kind: 'prefer', start: '2026-11-23T06:00', end: '2026-11-23T18:00' },
    ];
    base.caregivers[1].wishes = [{ kind: 'avoid', start: '2026-11-28T10:30', end: '2026-11-28T12:00' }];
    return base;
  };
  const roster = (): RosterDocument => ({
    format: 'homecare-roster/v1',
    assignments: [
      { visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-11-23T17:30' },
      { visitId: 'v-2', caregiverIds: ['cg-b'], start: '2026-11-23T18:45' },
      { visitId: 'v-3', caregiverIds: ['cg-b'], start: '2026-11-28T10:00' },
    ],
    unassigned: [{ visitId: 'v-4', reason: 'nobody' }],
  });

  it('computes critical coverage, avoided minutes and the spread of unsocial minutes', () => {
    const { kpis, valid } = checkRoster(scenario(), roster());
    expect(valid).toBe(true);
    expect(kpis.criticalCoverage).toBe(0.5);
    // Anna's 17:30-18:30 overlaps her avoid wish by 30 minutes; Bram's Saturday 10:00-11:00 by 30;
    // Anna's wish does not count for Bram's visit at 18:45.
    expect(kpis.avoidWishMinutes).toBe(60);
    // Anna 0 / 2400, Bram (30 + 60) / 1200 = 0.075: population spread 0.0375
    expect(kpis.unsocialStdDev).toBe(0.0375);
  });

  it('gives null critical coverage without critical visits, and no avoided minutes without wishes', () => {
    const plain = scenario();
    for (const entry of plain.visits) delete entry.priority;
    for (const entry of plain.caregivers) delete entry.wishes;
    const { kpis } = checkRoster(plain, roster());
    expect(kpis.criticalCoverage).toBeNull();
    expect(kpis.avoidWishMinutes).toBe(0);
  });

  it('counts an avoid wish for each caregiver of a double-up', () => {
    const double = scenario();
    double.visits[0].caregiversNeeded = 2;
    double.caregivers[1].wishes = [{ kind: 'avoid', start: '2026-11-23T17:00', end: '2026-11-23T18:00' }];
    const result = checkRoster(double, {
      ...roster(),
      assignments: [
        { visitId: 'v-1', caregiverIds: ['cg-a', 'cg-b'], start: '2026-11-23T17:30' },
        ...roster().assignments.slice(1),
      ],
    });
    expect(result.valid).toBe(true);
    expect(result.kpis.avoidWishMinutes).toBe(60);
  });

  it('agrees with the shared referee', () => {
    if (!hasReferee()) return;
    const [verdict] = refereeVerdicts([{ scenario: scenario(), roster: roster() }]);
    expect(verdict.ok).toBe(true);
    expect(verdict.kpis).toEqual({ ...checkRoster(scenario(), roster()).kpis });
  });
});
