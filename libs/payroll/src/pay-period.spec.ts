import {
  nextPeriod,
  periodContaining,
  periodForCorrection,
  periodDays,
  periodInstants,
  previousPeriod,
} from './pay-period';
import { PayrollError } from './errors';
import { at, ZONE } from './payroll.factory';

describe('pay periods', () => {
  it('gives the weekly, two-weekly and four-weekly period containing a date, before and after the anchor', () => {
    expect(periodContaining({ frequency: 'weekly', anchorDate: '2026-01-05' }, '2026-06-10')).toEqual({
      id: '2026-06-08/2026-06-14',
      frequency: 'weekly',
      start: '2026-06-08',
      end: '2026-06-14',
    });
    const fourWeekly = { frequency: 'four-weekly', anchorDate: '2026-01-05' } as const;
    expect(periodContaining(fourWeekly, '2026-02-01')).toMatchObject({
      start: '2026-01-05',
      end: '2026-02-01',
    });
    expect(periodContaining(fourWeekly, '2026-02-02')).toMatchObject({
      start: '2026-02-02',
      end: '2026-03-01',
    });
    expect(periodContaining(fourWeekly, '2026-01-04')).toMatchObject({
      start: '2025-12-08',
      end: '2026-01-04',
    });
    expect(
      periodContaining({ frequency: 'two-weekly', anchorDate: '2026-01-05' }, '2026-01-19'),
    ).toMatchObject({
      start: '2026-01-19',
      end: '2026-02-01',
    });
  });

  it('gives monthly periods from the anchor day, across the year end, and the next and previous one', () => {
    const monthly = { frequency: 'monthly', anchorDate: '2026-01-21' } as const;
    const december = periodContaining(monthly, '2027-01-05');
    expect(december).toMatchObject({ start: '2026-12-21', end: '2027-01-20' });
    expect(nextPeriod(monthly, december)).toMatchObject({ start: '2027-01-21', end: '2027-02-20' });
    expect(previousPeriod(monthly, december)).toMatchObject({ start: '2026-11-21', end: '2026-12-20' });
    expect(
      periodDays(periodContaining({ frequency: 'monthly', anchorDate: '2026-01-01' }, '2026-02-14')),
    ).toBe(28);
  });

  it('refuses a monthly anchor that not every month has', () => {
    expect(() => periodContaining({ frequency: 'monthly', anchorDate: '2026-01-31' }, '2026-03-01')).toThrow(
      PayrollError,
    );
  });

  it('turns a period into instants of the local zone (a week with the spring-forward night is 1 h shorter)', () => {
    const period = periodContaining({ frequency: 'weekly', anchorDate: '2026-01-05' }, '2026-03-29');
    const { start, end } = periodInstants(period, ZONE);
    expect(start).toBe(at('2026-03-23T00:00'));
    expect(end - start).toBe(7 * 24 * 60 - 60);
  });

  it('sends a correction to a locked period to the first open period after it', () => {
    const config = { frequency: 'weekly', anchorDate: '2026-01-05' } as const;
    const locked = new Set(['2026-06-08/2026-06-14', '2026-06-15/2026-06-21']);
    expect(periodForCorrection(config, '2026-06-09', (period) => locked.has(period.id)).id).toBe(
      '2026-06-22/2026-06-28',
    );
    expect(periodForCorrection(config, '2026-07-01', (period) => locked.has(period.id)).id).toBe(
      '2026-06-29/2026-07-05',
    );
  });
});
