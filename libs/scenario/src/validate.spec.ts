/* eslint-disable @typescript-eslint/no-explicit-any -- the mutations reach into every corner of a loosely typed JSON document */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateRosterShape, validateScenario } from './validate';

/** A tiny valid document in a daylight-saving week (Amsterdam springs forward on 2026-03-29). */
function tinyScenario(): Record<string, any> {
  return {
    format: 'homecare-scenario/v1',
    name: 'tiny',
    timezone: 'Europe/Amsterdam',
    period: { start: '2026-03-23', end: '2026-03-29' },
    travel: { speedKmh: 15, detourFactor: 1.3 },
    caregivers: [
      {
        id: 'cg-1',
        name: 'Anna de Vries',
        skills: ['personal-care', 'nursing'],
        maxMinutesPerWeek: 1200,
        maxMinutesPerDay: 600,
        availability: [{ start: '2026-03-23T07:00', end: '2026-03-23T13:00' }],
      },
      {
        id: 'cg-2',
        skills: ['personal-care'],
        maxMinutesPerWeek: 960,
        availability: [{ start: '2026-03-29T07:00', end: '2026-03-29T13:00' }],
      },
    ],
    clients: [
      {
        id: 'cl-1',
        name: 'Mevr. Jansen',
        location: { lat: 52.36, lon: 4.9 },
        preferredCaregivers: ['cg-1'],
        excludedCaregivers: [],
        history: { 'cg-2': 3 },
      },
      { id: 'cl-2', location: { lat: 52.37, lon: 4.91 } },
    ],
    visits: [
      {
        id: 'v-1',
        clientId: 'cl-1',
        earliestStart: '2026-03-23T07:00',
        latestEnd: '2026-03-23T10:30',
        durationMinutes: 45,
        requiredSkills: ['personal-care'],
        caregiversNeeded: 2,
      },
      {
        id: 'v-2',
        clientId: 'cl-2',
        earliestStart: '2026-03-23T09:00',
        latestEnd: '2026-03-23T12:00',
        durationMinutes: 30,
      },
    ],
    pinned: [{ visitId: 'v-2', caregiverIds: ['cg-1'], start: '2026-03-23T09:00' }],
  };
}

type Mutation = [string, (scenario: Record<string, any>) => void, string, string];

const mutations: Mutation[] = [
  ['a wrong format', (s) => (s.format = 'homecare-scenario/v2'), '$.format', 'homecare-scenario/v1'],
  ['an unknown time zone', (s) => (s.timezone = 'Mars/Olympus'), '$.timezone', 'IANA'],
  ['an impossible period date', (s) => (s.period.start = '2026-02-30'), '$.period.start', 'YYYY-MM-DD'],
  [
    'a period ending before it starts',
    (s) => (s.period.end = '2026-03-22'),
    '$.period.end',
    'before the start',
  ],
  ['a missing period', (s) => delete s.period, '$.period', 'object'],
  ['a zero travel speed', (s) => (s.travel.speedKmh = 0), '$.travel.speedKmh', 'greater than 0'],
  [
    'a negative detour factor',
    (s) => (s.travel.detourFactor = -1),
    '$.travel.detourFactor',
    'greater than 0',
  ],
  ['missing caregivers', (s) => delete s.caregivers, '$.caregivers', 'array'],
  ['clients that are not an array', (s) => (s.clients = {}), '$.clients', 'array'],
  ['missing visits', (s) => delete s.visits, '$.visits', 'array'],
  ['pins that are not an array', (s) => (s.pinned = 'none'), '$.pinned', 'array'],
  ['an empty caregiver id', (s) => (s.caregivers[0].id = ''), '$.caregivers[0].id', 'non-empty string'],
  ['a numeric client id', (s) => (s.clients[1].id = 7), '$.clients[1].id', 'non-empty string'],
  [
    'a duplicate caregiver id',
    (s) => (s.caregivers[1].id = 'cg-1'),
    '$.caregivers[1].id',
    'duplicate id "cg-1"',
  ],
  ['a duplicate client id', (s) => (s.clients[1].id = 'cl-1'), '$.clients[1].id', 'duplicate id "cl-1"'],
  ['a duplicate visit id', (s) => (s.visits[1].id = 'v-1'), '$.visits[1].id', 'duplicate id "v-1"'],
  [
    'skills that are not an array',
    (s) => (s.caregivers[0].skills = 'nursing'),
    '$.caregivers[0].skills',
    'array of strings',
  ],
  [
    'a skill that is not a string',
    (s) => s.caregivers[0].skills.push(3),
    '$.caregivers[0].skills[2]',
    'string',
  ],
  [
    'a negative weekly maximum',
    (s) => (s.caregivers[0].maxMinutesPerWeek = -1),
    '$.caregivers[0].maxMinutesPerWeek',
    'at least 0',
  ],
  [
    'a fractional weekly maximum',
    (s) => (s.caregivers[0].maxMinutesPerWeek = 12.5),
    '$.caregivers[0].maxMinutesPerWeek',
    'integer',
  ],
  [
    'a missing weekly maximum',
    (s) => delete s.caregivers[1].maxMinutesPerWeek,
    '$.caregivers[1].maxMinutesPerWeek',
    'integer',
  ],
  [
    'a textual daily maximum',
    (s) => (s.caregivers[0].maxMinutesPerDay = '600'),
    '$.caregivers[0].maxMinutesPerDay',
    'integer',
  ],
  [
    'a zero caregiver speed',
    (s) => (s.caregivers[0].speedKmh = 0),
    '$.caregivers[0].speedKmh',
    'greater than 0',
  ],
  [
    'a non-finite caregiver speed',
    (s) => (s.caregivers[0].speedKmh = Infinity),
    '$.caregivers[0].speedKmh',
    'number',
  ],
  [
    'missing availability',
    (s) => delete s.caregivers[0].availability,
    '$.caregivers[0].availability',
    'array',
  ],
  [
    'a malformed availability time',
    (s) => (s.caregivers[0].availability[0].start = '2026-03-23 07:00'),
    '$.caregivers[0].availability[0].start',
    'YYYY-MM-DDTHH:mm',
  ],
  [
    'an availability time inside the spring-forward gap',
    (s) => (s.caregivers[1].availability[0].start = '2026-03-29T02:30'),
    '$.caregivers[1].availability[0].start',
    'does not exist in Europe/Amsterdam',
  ],
  [
    'availability ending before it starts',
    (s) => (s.caregivers[0].availability[0].end = '2026-03-23T07:00'),
    '$.caregivers[0].availability[0].end',
    'after the start',
  ],
  [
    'a latitude beyond the pole',
    (s) => (s.clients[0].location.lat = 91),
    '$.clients[0].location.lat',
    'at most 90',
  ],
  [
    'a longitude beyond the date line',
    (s) => (s.clients[0].location.lon = -181),
    '$.clients[0].location.lon',
    'at least -180',
  ],
  ['a missing location', (s) => delete s.clients[1].location, '$.clients[1].location', 'lat, lon'],
  [
    'an unknown preferred caregiver',
    (s) => (s.clients[0].preferredCaregivers = ['cg-9']),
    '$.clients[0].preferredCaregivers[0]',
    'unknown caregiver "cg-9"',
  ],
  [
    'an unknown excluded caregiver',
    (s) => (s.clients[0].excludedCaregivers = ['cg-9']),
    '$.clients[0].excludedCaregivers[0]',
    'unknown caregiver "cg-9"',
  ],
  [
    'a caregiver both preferred and excluded',
    (s) => (s.clients[0].excludedCaregivers = ['cg-1']),
    '$.clients[0].excludedCaregivers[0]',
    'both preferred and excluded',
  ],
  [
    'an unknown caregiver in the history',
    (s) => (s.clients[0].history = { 'cg-9': 2 }),
    '$.clients[0].history["cg-9"]',
    'unknown caregiver',
  ],
  [
    'a negative history count',
    (s) => (s.clients[0].history['cg-2'] = -2),
    '$.clients[0].history["cg-2"]',
    'at least 0',
  ],
  [
    'a visit for an unknown client',
    (s) => (s.visits[1].clientId = 'cl-999'),
    '$.visits[1].clientId',
    'unknown client "cl-999"',
  ],
  [
    'a zero duration',
    (s) => (s.visits[0].durationMinutes = 0),
    '$.visits[0].durationMinutes',
    'greater than 0',
  ],
  [
    'a fractional duration',
    (s) => (s.visits[0].durationMinutes = 12.5),
    '$.visits[0].durationMinutes',
    'integer',
  ],
  ['a NaN duration', (s) => (s.visits[0].durationMinutes = NaN), '$.visits[0].durationMinutes', 'integer'],
  [
    'a window shorter than the duration',
    (s) => (s.visits[1].latestEnd = '2026-03-23T09:20'),
    '$.visits[1].latestEnd',
    'window shorter than the duration',
  ],
  [
    'a window that only looks long enough across the spring-forward change',
    (s) =>
      Object.assign(s.visits[1], {
        earliestStart: '2026-03-29T01:30',
        latestEnd: '2026-03-29T03:00',
        durationMinutes: 60,
      }),
    '$.visits[1].latestEnd',
    'window shorter than the duration',
  ],
  [
    'a malformed earliest start',
    (s) => (s.visits[0].earliestStart = '2026-03-23T7:00'),
    '$.visits[0].earliestStart',
    'YYYY-MM-DDTHH:mm',
  ],
  [
    'a latest end inside the spring-forward gap',
    (s) => Object.assign(s.visits[1], { earliestStart: '2026-03-29T01:00', latestEnd: '2026-03-29T02:15' }),
    '$.visits[1].latestEnd',
    'does not exist in Europe/Amsterdam',
  ],
  [
    'required skills that are not an array',
    (s) => (s.visits[1].requiredSkills = 'nursing'),
    '$.visits[1].requiredSkills',
    'array',
  ],
  [
    'zero caregivers needed',
    (s) => (s.visits[0].caregiversNeeded = 0),
    '$.visits[0].caregiversNeeded',
    'at least 1',
  ],
  [
    'a fractional caregivers needed',
    (s) => (s.visits[0].caregiversNeeded = 1.5),
    '$.visits[0].caregiversNeeded',
    'integer',
  ],
  [
    'a visit needing more caregivers than the team has',
    (s) => (s.visits[0].caregiversNeeded = 3),
    '$.visits[0].caregiversNeeded',
    'only 2',
  ],
  [
    'a pin for an unknown visit',
    (s) => (s.pinned[0].visitId = 'v-9'),
    '$.pinned[0].visitId',
    'unknown visit "v-9"',
  ],
  [
    'a pin with an unknown caregiver',
    (s) => (s.pinned[0].caregiverIds = ['cg-9']),
    '$.pinned[0].caregiverIds[0]',
    'unknown caregiver "cg-9"',
  ],
  [
    'a pin with the wrong number of caregivers',
    (s) => (s.pinned[0].caregiverIds = ['cg-1', 'cg-2']),
    '$.pinned[0].caregiverIds',
    'needs 1 caregiver(s), the pin names 2',
  ],
  [
    'a duplicate pin',
    (s) => s.pinned.push({ visitId: 'v-2', caregiverIds: ['cg-2'] }),
    '$.pinned[1].visitId',
    'pinned twice',
  ],
  [
    'a pin start that is not a time',
    (s) => (s.pinned[0].start = '2026-03-23T25:00'),
    '$.pinned[0].start',
    'YYYY-MM-DDTHH:mm',
  ],
  [
    'a pin start outside the window',
    (s) => (s.pinned[0].start = '2026-03-23T11:45'),
    '$.pinned[0].start',
    'outside its window',
  ],
  [
    'a pin of a caregiver the client excluded',
    (s) => (s.clients[1].excludedCaregivers = ['cg-1']),
    '$.pinned[0].caregiverIds[0]',
    'excluded',
  ],
  ['rules that are not an object', (s) => (s.rules = 660), '$.rules', 'minRestMinutes'],
  [
    'a negative minimum rest',
    (s) => (s.rules = { minRestMinutes: -1 }),
    '$.rules.minRestMinutes',
    'at least 0',
  ],
  [
    'a fractional minimum rest',
    (s) => (s.rules = { minRestMinutes: 660.5 }),
    '$.rules.minRestMinutes',
    'integer',
  ],
  [
    'zero consecutive days',
    (s) => (s.rules = { minRestMinutes: 660, maxConsecutiveDays: 0 }),
    '$.rules.maxConsecutiveDays',
    'at least 1',
  ],
  [
    'a textual consecutive-days limit',
    (s) => (s.rules = { maxConsecutiveDays: '6' }),
    '$.rules.maxConsecutiveDays',
    'integer',
  ],
  [
    'an unknown visit priority',
    (s) => (s.visits[0].priority = 'urgent'),
    '$.visits[0].priority',
    'one of "critical", "normal", "optional"',
  ],
  ['wishes that are not an array', (s) => (s.caregivers[0].wishes = {}), '$.caregivers[0].wishes', 'array'],
  [
    'a wish that is not an object',
    (s) => (s.caregivers[0].wishes = ['evenings']),
    '$.caregivers[0].wishes[0]',
    'start, end, kind',
  ],
  [
    'a wish of an unknown kind',
    (s) => (s.caregivers[0].wishes = [{ start: '2026-03-23T18:00', end: '2026-03-23T22:00', kind: 'never' }]),
    '$.caregivers[0].wishes[0].kind',
    'one of "avoid", "prefer"',
  ],
  [
    'a wish with a malformed time',
    (s) => (s.caregivers[0].wishes = [{ start: '2026-03-23 18:00', end: '2026-03-23T22:00', kind: 'avoid' }]),
    '$.caregivers[0].wishes[0].start',
    'YYYY-MM-DDTHH:mm',
  ],
  [
    'a wish ending before it starts',
    (s) =>
      (s.caregivers[1].wishes = [{ start: '2026-03-29T12:00', end: '2026-03-29T08:00', kind: 'prefer' }]),
    '$.caregivers[1].wishes[0].end',
    'after the start',
  ],
];

describe('validateScenario', () => {
  it('accepts the tiny document and fills the defaults', () => {
    const result = validateScenario(tinyScenario());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const visit = result.scenario.visits[1];
    expect(visit.caregiversNeeded).toBe(1);
    expect(visit.requiredSkills).toEqual([]);
    const client = result.scenario.clients[1];
    expect(client.preferredCaregivers).toEqual([]);
    expect(client.excludedCaregivers).toEqual([]);
    expect(client.history).toEqual({});
  });

  it('fills an absent pinned list and travel settings', () => {
    const scenario = tinyScenario();
    delete scenario.pinned;
    delete scenario.travel;
    const result = validateScenario(scenario);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.scenario.pinned).toEqual([]);
    expect(result.scenario.travel).toEqual({ speedKmh: 15, detourFactor: 1.3 });
  });

  it('keeps unknown extra fields, which the spec tells readers to ignore', () => {
    const scenario = tinyScenario();
    scenario.notes = { generator: 'by hand' };
    scenario.clients[0].careProfile = 'wound-care';
    const result = validateScenario(scenario);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.scenario.notes).toEqual({ generator: 'by hand' });
    expect(result.scenario.clients[0].careProfile).toBe('wound-care');
  });

  it('does not change its input', () => {
    const scenario = tinyScenario();
    const before = JSON.stringify(scenario);
    validateScenario(scenario);
    expect(JSON.stringify(scenario)).toBe(before);
  });

  it.each(mutations)('reports %s at its path', (_label, mutate, path, message) => {
    const scenario = tinyScenario();
    mutate(scenario);
    const result = validateScenario(scenario);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('lists every problem, not just the first', () => {
    const scenario = tinyScenario();
    scenario.format = 'wrong';
    scenario.visits[1].clientId = 'cl-999';
    scenario.caregivers[0].maxMinutesPerWeek = -5;
    scenario.pinned[0].visitId = 'v-9';
    const result = validateScenario(scenario);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining([
        '$.format',
        '$.visits[1].clientId',
        '$.caregivers[0].maxMinutesPerWeek',
        '$.pinned[0].visitId',
      ]),
    );
  });

  it('still checks the shape of times when the zone is unknown', () => {
    const scenario = tinyScenario();
    scenario.timezone = 'Nowhere/Nothing';
    scenario.visits[0].earliestStart = 'tomorrow';
    const result = validateScenario(scenario);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((problem) => problem.path)).toEqual([
      '$.timezone',
      '$.visits[0].earliestStart',
    ]);
  });

  it('refuses something that is not an object', () => {
    expect(validateScenario(null)).toEqual({
      ok: false,
      problems: [{ path: '$', message: expect.any(String) }],
    });
    expect(validateScenario([])).toMatchObject({ ok: false });
  });

  it('enforces size limits', () => {
    const result = validateScenario(tinyScenario(), { maxVisits: 1, maxCaregivers: 1, maxClients: 1 });
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((problem) => problem.path)).toEqual(['$.caregivers', '$.clients', '$.visits']);
  });

  it('accepts rules, priorities and wishes and keeps them as given', () => {
    const input = tinyScenario();
    input.rules = { minRestMinutes: 660, maxConsecutiveDays: 6 };
    input.visits[0].priority = 'critical';
    input.visits[1].priority = 'optional';
    input.caregivers[0].wishes = [
      { start: '2026-03-23T07:00', end: '2026-03-23T09:00', kind: 'avoid' },
      { start: '2026-03-23T10:00', end: '2026-03-23T12:00', kind: 'prefer' },
    ];
    const result = validateScenario(input);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.scenario.rules).toEqual({ minRestMinutes: 660, maxConsecutiveDays: 6 });
    expect(result.scenario.visits.map((visit) => visit.priority)).toEqual(['critical', 'optional']);
    expect(result.scenario.caregivers[0].wishes).toHaveLength(2);
  });

  it('accepts a pin start written with an offset', () => {
    const scenario = tinyScenario();
    scenario.pinned[0].start = '2026-03-23T09:00:00+01:00';
    expect(validateScenario(scenario).ok).toBe(true);
  });

  it('accepts the first occurrence of a fall-back hour', () => {
    const scenario = tinyScenario();
    scenario.period = { start: '2026-10-19', end: '2026-10-25' };
    scenario.caregivers[1].availability = [{ start: '2026-10-25T02:30', end: '2026-10-25T04:00' }];
    expect(validateScenario(scenario).ok).toBe(true);
  });
});

const sharedScenarios = resolve(__dirname, '../../../..', 'shared', 'scenarios');
const describeShared = existsSync(sharedScenarios) ? describe : describe.skip;
describeShared('the shared scenarios', () => {
  const files = existsSync(sharedScenarios)
    ? readdirSync(sharedScenarios).filter((file) => file.endsWith('.json'))
    : [];
  it.each(files)('%s is valid', (file) => {
    const result = validateScenario(JSON.parse(readFileSync(join(sharedScenarios, file), 'utf8')));
    expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
  });
});

describe('validateRosterShape', () => {
  const roster = (): Record<string, any> => ({
    format: 'homecare-roster/v1',
    assignments: [
      { visitId: 'v-1', caregiverIds: ['cg-1', 'cg-2'], start: '2026-03-23T07:40' },
      { visitId: 'v-2', caregiverIds: ['cg-1'], start: '2026-03-23T09:00:00+01:00' },
    ],
    unassigned: [{ visitId: 'v-3', reason: 'no nurse available on Sunday morning' }],
    kpis: { coverage: 0.66 },
  });

  it('accepts a well-formed roster', () => {
    expect(validateRosterShape(roster()).ok).toBe(true);
  });

  it.each<[string, (document: Record<string, any>) => void, string]>([
    ['a wrong format', (document) => (document.format = 'homecare-scenario/v1'), '$.format'],
    ['missing assignments', (document) => delete document.assignments, '$.assignments'],
    ['missing unassigned', (document) => delete document.unassigned, '$.unassigned'],
    [
      'an assignment without caregivers',
      (document) => (document.assignments[0].caregiverIds = []),
      '$.assignments[0].caregiverIds',
    ],
    ['a malformed start', (document) => (document.assignments[1].start = '09:00'), '$.assignments[1].start'],
    ['an empty reason', (document) => (document.unassigned[0].reason = ''), '$.unassigned[0].reason'],
    [
      'a visit listed twice',
      (document) => (document.unassigned[0].visitId = 'v-1'),
      '$.unassigned[0].visitId',
    ],
    ['kpis that are not an object', (document) => (document.kpis = 3), '$.kpis'],
  ])('reports %s', (_label, mutate, path) => {
    const document = roster();
    mutate(document);
    const result = validateRosterShape(document);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((problem) => problem.path)).toContain(path);
  });
});
