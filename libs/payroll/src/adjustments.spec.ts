import { adjustmentLines } from './adjustments';
import { PayrollError } from './errors';
import { periodContaining, periodForCorrection } from './pay-period';
import { caregiver, settings, visit } from './payroll.factory';
import { computeTimesheet } from './timesheet';
import type { WorkedVisit } from './types';

const WEEKLY = { frequency: 'weekly', anchorDate: '2026-01-05' } as const;

describe('corrections after lock', () => {
  const lockedPeriod = periodContaining(WEEKLY, '2026-06-10');
  const checkedIn: WorkedVisit = visit({
    id: 'evening-visit',
    start: '2026-06-10T19:30',
    end: '2026-06-10T20:30',
    checkIn: '2026-06-10T19:30',
    checkOut: '2026-06-10T20:30',
  });
  const other = visit({ id: 'morning', start: '2026-06-10T08:00', end: '2026-06-10T09:00' });

  it('turns a correction to a locked period into adjustment lines with the exact difference in the next open period', () => {
    const locked = computeTimesheet(settings(), lockedPeriod, {
      caregiver: caregiver(),
      visits: [other, checkedIn],
    });
    expect(locked.lines.find((line) => line.band === 'evening')?.minutes).toBe(30);

    // After approval the team finds the caregiver stayed until 21:15: a correction, original kept.
    const corrected: WorkedVisit = {
      ...checkedIn,
      corrections: [
        {
          start: checkedIn.checkIn!,
          end: checkedIn.checkOut! + 45,
          reason: 'stayed for a fall',
          correctedAt: checkedIn.checkOut! + 7 * 1440,
        },
      ],
    };
    const recomputed = computeTimesheet(settings(), lockedPeriod, {
      caregiver: caregiver(),
      visits: [other, corrected],
    });
    const adjustments = adjustmentLines(locked, recomputed);
    // Visit: 60 -> 105 min (+45); evening band 19:30-21:15 covers 20:00-21:15 = 75 min (+45).
    expect(adjustments).toEqual([
      {
        hourType: 'adjustment',
        band: '',
        minutes: 45,
        hours: 0.75,
        kilometres: 0,
        visitIds: ['evening-visit'],
        adjusts: { periodId: '2026-06-08/2026-06-14', hourType: 'visit' },
      },
      {
        hourType: 'adjustment',
        band: 'evening',
        percentage: 22,
        minutes: 45,
        hours: 0.75,
        kilometres: 0,
        visitIds: ['evening-visit'],
        adjusts: { periodId: '2026-06-08/2026-06-14', hourType: 'premium' },
      },
    ]);

    const isLocked = (period: { id: string }) => period.id === lockedPeriod.id;
    const target = periodForCorrection(WEEKLY, '2026-06-10', isLocked);
    expect(target.id).toBe('2026-06-15/2026-06-21');
    const next = computeTimesheet(settings(), target, {
      caregiver: caregiver(),
      visits: [visit({ id: 'next-week', start: '2026-06-16T08:00', end: '2026-06-16T09:00' })],
      carriedAdjustments: adjustments,
    });
    expect(next.lines.filter((line) => line.hourType === 'adjustment')).toEqual(adjustments);
    // The locked timesheet itself did not change.
    const lockedVisitMinutes = locked.lines
      .filter((line) => line.hourType === 'visit')
      .map((line) => [line.source, line.minutes]);
    expect(lockedVisitMinutes).toEqual([
      ['actual', 60],
      ['planned', 60],
    ]);
  });

  it('gives negative adjustments when a correction takes time back, and none when nothing changed', () => {
    const locked = computeTimesheet(settings(), lockedPeriod, {
      caregiver: caregiver(),
      visits: [checkedIn],
    });
    expect(adjustmentLines(locked, locked)).toEqual([]);
    const shorter: WorkedVisit = {
      ...checkedIn,
      corrections: [
        {
          start: checkedIn.checkIn!,
          end: checkedIn.checkIn! + 20,
          reason: 'left early',
          correctedAt: checkedIn.checkOut!,
        },
      ],
    };
    const recomputed = computeTimesheet(settings(), lockedPeriod, {
      caregiver: caregiver(),
      visits: [shorter],
    });
    expect(
      adjustmentLines(locked, recomputed).map((line) => [line.adjusts?.hourType, line.band, line.minutes]),
    ).toEqual([
      ['visit', '', -40],
      ['premium', 'evening', -30],
    ]);
  });

  it('refuses to compare timesheets of different caregivers or periods', () => {
    const a = computeTimesheet(settings(), lockedPeriod, { caregiver: caregiver(), visits: [] });
    const b = computeTimesheet(settings(), lockedPeriod, {
      caregiver: caregiver({ id: 'cg-2' }),
      visits: [],
    });
    expect(() => adjustmentLines(a, b)).toThrow(PayrollError);
  });
});
