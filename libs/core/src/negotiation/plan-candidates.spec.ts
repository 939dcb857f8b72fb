import type { ScenarioDocument } from '@homecare/scenario';
import { rankCandidates, visitCandidates, type VisitCandidate } from './plan-candidates';
import type { PlanPeriod, PlanRow } from './plan-rules';

// One morning, two clients close together: Mrs Jansen's visit needs nursing and is not planned yet;
// Anna (nursing) is at Mr de Vries at the same time, Bram has no nursing, Carla (nursing) is the one
// Mrs Jansen knows, Dirk (nursing) only works from ten.
const available = (from: string) => [{ start: `2026-11-24T${from}`, end: '2026-11-24T13:00' }];
const scenario: ScenarioDocument = {
  format: 'homecare-scenario/v1',
  timezone: 'Europe/Amsterdam',
  period: { start: '2026-11-24', end: '2026-11-24' },
  caregivers: [
    {
      id: 'cg-a',
      name: 'Anna',
      skills: ['nursing'],
      maxMinutesPerWeek: 2400,
      availability: available('07:00'),
    },
    { id: 'cg-b', name: 'Bram', skills: [], maxMinutesPerWeek: 2400, availability: available('07:00') },
    {
      id: 'cg-c',
      name: 'Carla',
      skills: ['nursing'],
      maxMinutesPerWeek: 2400,
      availability: available('07:00'),
    },
    {
      id: 'cg-d',
      name: 'Dirk',
      skills: ['nursing'],
      maxMinutesPerWeek: 2400,
      availability: available('10:00'),
    },
    {
      id: 'cg-e',
      name: 'Eva',
      skills: ['nursing'],
      maxMinutesPerWeek: 2400,
      availability: available('07:00'),
    },
  ],
  clients: [
    { id: 'c-1', name: 'Mrs Jansen', location: { lat: 52.37, lon: 4.9 }, history: { 'cg-c': 6, 'cg-b': 9 } },
    { id: 'c-2', name: 'Mr de Vries', location: { lat: 52.43, lon: 4.99 } },
  ],
  visits: [
    {
      id: 'v-1',
      clientId: 'c-1',
      earliestStart: '2026-11-24T07:30',
      latestEnd: '2026-11-24T08:15',
      durationMinutes: 30,
      requiredSkills: ['nursing'],
    },
    {
      id: 'v-2',
      clientId: 'c-2',
      earliestStart: '2026-11-24T07:30',
      latestEnd: '2026-11-24T08:30',
      durationMinutes: 30,
    },
  ],
};
const both = <T extends string>(pairs: [T, T][]) => ({
  there: new Map(pairs),
  back: new Map(pairs.map(([first, second]) => [second, first])),
});
const visits = both([
  ['visit-1', 'v-1'],
  ['visit-2', 'v-2'],
]);
const caregivers = both(
  ['anna', 'bram', 'carla', 'dirk', 'eva'].map((name) => [name, `cg-${name[0]}`] as [string, string]),
);
const period: PlanPeriod = {
  scenario,
  timezone: scenario.timezone,
  visitToScenario: visits.there,
  visitFromScenario: visits.back,
  caregiverToScenario: caregivers.there,
  caregiverFromScenario: caregivers.back,
};
const at = (time: string) => new Date(`2026-11-24T${time}:00+01:00`);
const rows: PlanRow[] = [
  { visitId: 'visit-1', caregiverIds: [], start: null, end: null, pinned: false, explanation: [], flags: [] },
  {
    visitId: 'visit-2',
    caregiverIds: ['anna'],
    start: at('07:30'),
    end: at('08:00'),
    pinned: false,
    explanation: [],
    flags: [],
  },
];

describe('who could take a visit', () => {
  const { candidates, takesOverFrom } = visitCandidates(period, rows, 'visit-1', null);
  const of = (caregiverId: string) => candidates.find((candidate) => candidate.caregiverId === caregiverId)!;

  it('tries everyone of the team, each with the reason the checker gives, without ids', () => {
    expect(takesOverFrom).toBeNull();
    expect(of('bram')).toMatchObject({ able: false, start: null, knownVisits: 9 });
    expect(of('bram').reasons).toEqual([
      {
        code: 'skill',
        params: { skills: 'nursing' },
        message: 'Bram does not have the skill nursing that the visit to Mrs Jansen on 2026-11-24 needs',
      },
    ]);
    expect(of('dirk')).toMatchObject({
      able: false,
      reasons: [expect.objectContaining({ code: 'availability' })],
    });
    expect(of('anna')).toMatchObject({
      able: false,
      reasons: [expect.objectContaining({ code: 'overlap' })],
    });
    // At the first start both visits begin at 07:30: the later one in her day is out of reach.
    expect(of('anna').reasons[0].params).toMatchObject({ start: '07:30', previousEnd: '08:00' });
    expect(of('anna').reasons[0].message).toMatch(/^Anna cannot reach the visit to .+ in time/);
    for (const candidate of candidates)
      for (const reason of candidate.reasons) expect(reason.message).not.toMatch(/cg-|visit-\d|v-\d|c-\d/);
  });

  it('gives the able ones the first start that passes', () => {
    expect(of('carla')).toMatchObject({ able: true, reasons: [], start: at('07:30').toISOString() });
    expect(of('eva')).toMatchObject({ able: true, start: at('07:30').toISOString() });
  });

  it('ranks the able first, the caregiver the client knows before a stranger', () => {
    expect(candidates.map((candidate) => candidate.caregiverId)).toEqual([
      'carla', // able, known by Mrs Jansen (6 visits)
      'eva', // able, a stranger
      'bram', // unable, though known best (9 visits)
      'anna',
      'dirk',
    ]);
  });

  it('leaves out who is on the visit already, and takes over the place named', () => {
    const planned = rows.map((row) =>
      row.visitId === 'visit-1'
        ? { ...row, caregiverIds: ['eva'], start: at('07:30'), end: at('08:00') }
        : row,
    );
    const answer = visitCandidates(period, planned, 'visit-1', 'eva');
    expect(answer.candidates.map((candidate) => candidate.caregiverId)).not.toContain('eva');
    expect(answer.candidates[0]).toMatchObject({ caregiverId: 'carla', able: true });
  });
});

describe('the ranking by continuity', () => {
  const candidate = (
    name: string,
    able: boolean,
    knownVisits: number,
    preferred = false,
  ): VisitCandidate => ({
    caregiverId: name.toLowerCase(),
    name,
    able,
    start: null,
    reasons: [],
    knownVisits,
    preferred,
  });

  it('puts whom the client prefers, then whom they know best, then by name', () => {
    const ranked = rankCandidates([
      candidate('Zoe', true, 0),
      candidate('Yara', true, 3),
      candidate('Xander', true, 1, true),
      candidate('Wim', false, 20, true),
      candidate('Vera', true, 3),
    ]);
    expect(ranked.map((entry) => entry.name)).toEqual(['Xander', 'Vera', 'Yara', 'Zoe', 'Wim']);
  });
});
