import type { ScenarioDocument } from '@homecare/scenario';
import { changesBetween, introducedViolations, type PlanPeriod, type PlanRow } from './plan-rules';

// Two caregivers, two visits at the same time at two clients: Anna has nursing, Bram does not.
const scenario: ScenarioDocument = {
  format: 'homecare-scenario/v1',
  timezone: 'Europe/Amsterdam',
  period: { start: '2026-11-24', end: '2026-11-24' },
  caregivers: [
    {
      id: 'cg-a',
      name: 'Anna',
      skills: ['nursing'],
      maxMinutesPerWeek: 600,
      availability: [{ start: '2026-11-24T07:00', end: '2026-11-24T13:00' }],
    },
    {
      id: 'cg-b',
      name: 'Bram',
      skills: [],
      maxMinutesPerWeek: 600,
      availability: [{ start: '2026-11-24T07:00', end: '2026-11-24T13:00' }],
    },
  ],
  clients: [
    { id: 'c-1', name: 'Mrs Jansen', location: { lat: 52.37, lon: 4.9 } },
    { id: 'c-2', name: 'Mr de Vries', location: { lat: 52.38, lon: 4.91 } },
  ],
  visits: [
    {
      id: 'v-1',
      clientId: 'c-1',
      earliestStart: '2026-11-24T07:30',
      latestEnd: '2026-11-24T08:30',
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
const ids = (pairs: [string, string][]) => new Map(pairs);
const period: PlanPeriod = {
  scenario,
  timezone: scenario.timezone,
  visitFromScenario: ids([
    ['v-1', 'visit-1'],
    ['v-2', 'visit-2'],
  ]),
  visitToScenario: ids([
    ['visit-1', 'v-1'],
    ['visit-2', 'v-2'],
  ]),
  caregiverFromScenario: ids([
    ['cg-a', 'anna'],
    ['cg-b', 'bram'],
  ]),
  caregiverToScenario: ids([
    ['anna', 'cg-a'],
    ['bram', 'cg-b'],
  ]),
};
const at = (time: string) => new Date(`2026-11-24T${time}:00+01:00`);
const row = (visitId: string, caregiverIds: string[], start: string | null, pinned = false): PlanRow => ({
  visitId,
  caregiverIds,
  start: start ? at(start) : null,
  end: null,
  pinned,
  explanation: [],
  flags: [],
});

describe('manual changes against the hard rules', () => {
  const current = [row('visit-1', ['anna'], '07:30'), row('visit-2', ['bram'], '07:30')];

  it('accepts a change that breaks nothing', () => {
    expect(introducedViolations(period, current, [row('visit-1', ['anna'], '07:45'), current[1]])).toEqual(
      [],
    );
  });

  it('refuses two visits at the same time for one caregiver, in plain words', () => {
    const [violation] = introducedViolations(period, current, [
      current[0],
      row('visit-2', ['anna'], '07:30'),
    ]);
    expect(violation).toMatchObject({ rule: 'overlap', caregiverId: 'anna', visitId: expect.any(String) });
    expect(violation.message).toMatch(
      /^Anna cannot reach the visit to Mr de Vries on 2026-11-24 at 07:30 in time: the visit before it \(Mrs Jansen\) ends at 08:00 and the trip takes \d+ minutes$/,
    );
    expect(violation.params).toMatchObject({ start: '07:30', previousEnd: '08:00' });
  });

  it('refuses a caregiver without the skill the visit needs, naming the skill', () => {
    const violations = introducedViolations(period, current, [
      row('visit-1', ['bram'], '07:30'),
      row('visit-2', ['anna'], '07:30'),
    ]);
    expect(violations).toEqual([
      expect.objectContaining({
        rule: 'skill',
        visitId: 'visit-1',
        caregiverId: 'bram',
        message: 'Bram does not have the skill nursing that the visit to Mrs Jansen on 2026-11-24 needs',
        params: { skills: 'nursing' },
      }),
    ]);
  });

  it('refuses moving a pinned visit, and ignores what the version already broke', () => {
    const pinned = [row('visit-1', ['anna'], '07:30', true), current[1]];
    expect(
      introducedViolations(period, pinned, [row('visit-1', ['anna'], '07:45', true), current[1]]),
    ).toEqual([expect.objectContaining({ rule: 'pinned', visitId: 'visit-1' })]);
    // Already overlapping before: an unrelated change is not blamed for it.
    const broken = [row('visit-1', ['anna'], '07:30'), row('visit-2', ['anna'], '07:30')];
    expect(
      introducedViolations(period, broken, [row('visit-1', ['anna'], '07:30', true), broken[1]]),
    ).toEqual([]);
  });
});

describe('changes between versions', () => {
  it('lists the visits whose caregivers or start changed, with the reason', () => {
    const before = [row('visit-1', ['anna'], '07:30'), row('visit-2', ['bram'], '07:30')];
    const after = [row('visit-1', ['anna'], '07:30', true), row('visit-2', [], null)];
    expect(changesBetween(before, after, 'Bram objected')).toEqual([
      {
        visitId: 'visit-2',
        before: { caregiverIds: ['bram'], start: at('07:30').toISOString() },
        after: { caregiverIds: [], start: null },
        reason: 'Bram objected',
      },
    ]);
  });
});
