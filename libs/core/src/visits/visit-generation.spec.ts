import { formatLocalDateTime } from '@homecare/scenario';
import {
  careNeedAppliesOn,
  type CareNeedTemplate,
  instantOnDate,
  visitSpecsFor,
  visitSpecsForAll,
} from './visit-generation';

const ZONE = 'Europe/Amsterdam';
const iso = (epochMinutes: number): string => new Date(epochMinutes * 60_000).toISOString().slice(0, 16);

function careNeed(overrides: Partial<CareNeedTemplate> = {}): CareNeedTemplate {
  return {
    id: 'need-1',
    clientId: 'client-1',
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    windowStart: '07:00',
    windowEnd: '09:00',
    durationMinutes: 45,
    requiredSkills: ['personal-care'],
    caregiversNeeded: 1,
    startsOn: '2026-01-01',
    endsOn: null,
    ...overrides,
  };
}

describe('visit generation', () => {
  it('generates a visit only on the care need weekdays', () => {
    const specs = visitSpecsFor(
      careNeed({ weekdays: [1, 3, 5] }),
      { from: '2026-11-23', to: '2026-11-29' },
      ZONE,
    );
    expect(specs.map((spec) => spec.date)).toEqual(['2026-11-23', '2026-11-25', '2026-11-27']);
    expect(specs[0]).toMatchObject({
      careNeedId: 'need-1',
      clientId: 'client-1',
      durationMinutes: 45,
      requiredSkills: ['personal-care'],
      caregiversNeeded: 1,
    });
  });

  it('respects startsOn and endsOn, both inclusive', () => {
    const need = careNeed({ startsOn: '2026-11-25', endsOn: '2026-11-27' });
    expect(
      visitSpecsFor(need, { from: '2026-11-23', to: '2026-11-29' }, ZONE).map((spec) => spec.date),
    ).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(careNeedAppliesOn(need, '2026-11-24')).toBe(false);
    expect(careNeedAppliesOn(need, '2026-11-28')).toBe(false);
    expect(visitSpecsFor(need, { from: '2026-12-01', to: '2026-12-07' }, ZONE)).toEqual([]);
  });

  it('converts the local window with the offset of each date in the spring DST week', () => {
    const specs = visitSpecsFor(careNeed(), { from: '2026-03-23', to: '2026-03-29' }, ZONE);
    expect(specs).toHaveLength(7);
    // Winter time (UTC+1) until Saturday, summer time (UTC+2) on Sunday the 29th.
    expect(iso(specs[5].earliestStart)).toBe('2026-03-28T06:00');
    expect(iso(specs[5].latestEnd)).toBe('2026-03-28T08:00');
    expect(iso(specs[6].earliestStart)).toBe('2026-03-29T05:00');
    expect(iso(specs[6].latestEnd)).toBe('2026-03-29T07:00');
    for (const spec of specs) {
      expect(formatLocalDateTime(spec.earliestStart, ZONE)).toBe(`${spec.date}T07:00`);
      expect(spec.latestEnd - spec.earliestStart).toBe(120);
    }
  });

  it('moves a window bound inside the spring-forward gap to the first existing minute', () => {
    expect(formatLocalDateTime(instantOnDate('2026-03-29', '02:30', ZONE), ZONE)).toBe('2026-03-29T03:00');
    const [sunday] = visitSpecsFor(
      careNeed({ weekdays: [7], windowStart: '02:30', windowEnd: '04:00', durationMinutes: 30 }),
      { from: '2026-03-23', to: '2026-03-29' },
      ZONE,
    );
    expect(iso(sunday.earliestStart)).toBe('2026-03-29T01:00');
    expect(iso(sunday.latestEnd)).toBe('2026-03-29T02:00');
  });

  it('keeps room for the duration when the gap swallows the whole window', () => {
    const [sunday] = visitSpecsFor(
      careNeed({ weekdays: [7], windowStart: '02:00', windowEnd: '02:45', durationMinutes: 30 }),
      { from: '2026-03-29', to: '2026-03-29' },
      ZONE,
    );
    expect(formatLocalDateTime(sunday.earliestStart, ZONE)).toBe('2026-03-29T03:00');
    expect(sunday.latestEnd - sunday.earliestStart).toBe(30);
  });

  it('converts the window in the autumn DST week, taking the first occurrence of a repeated hour', () => {
    const specs = visitSpecsFor(
      careNeed({ windowStart: '08:00', windowEnd: '09:00' }),
      { from: '2026-10-19', to: '2026-10-25' },
      ZONE,
    );
    expect(specs).toHaveLength(7);
    expect(iso(specs[5].earliestStart)).toBe('2026-10-24T06:00');
    expect(iso(specs[6].earliestStart)).toBe('2026-10-25T07:00');

    const [night] = visitSpecsFor(
      careNeed({ weekdays: [7], windowStart: '02:30', windowEnd: '03:30', durationMinutes: 30 }),
      { from: '2026-10-19', to: '2026-10-25' },
      ZONE,
    );
    expect(iso(night.earliestStart)).toBe('2026-10-25T00:30');
    expect(iso(night.latestEnd)).toBe('2026-10-25T02:30');
    // The repeated hour makes this window two real hours long.
    expect(night.latestEnd - night.earliestStart).toBe(120);
  });

  it('combines the visits of several care needs', () => {
    const specs = visitSpecsForAll(
      [careNeed({ id: 'a', weekdays: [1] }), careNeed({ id: 'b', weekdays: [1, 2] })],
      { from: '2026-11-23', to: '2026-11-24' },
      ZONE,
    );
    expect(specs.map((spec) => `${spec.careNeedId}@${spec.date}`)).toEqual([
      'a@2026-11-23',
      'b@2026-11-23',
      'b@2026-11-24',
    ]);
  });
});
