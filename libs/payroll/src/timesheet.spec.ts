import { periodContaining } from './pay-period';
import { at, caregiver, HOME, settings, TEN_MINUTES_AWAY, visit } from './payroll.factory';
import { computeTimesheet } from './timesheet';
import type { CaregiverTimesheet, PremiumBand, TimesheetFlag, TimesheetLine, WorkedVisit } from './types';

const WEEKLY = { frequency: 'weekly', anchorDate: '2026-01-05' } as const;
const weekOf = (date: string) => periodContaining(WEEKLY, date);

function lineOf(
  timesheet: CaregiverTimesheet,
  hourType: TimesheetLine['hourType'],
  band = '',
): TimesheetLine | undefined {
  return timesheet.lines.find((line) => line.hourType === hourType && line.band === band);
}
const minutesOf = (timesheet: CaregiverTimesheet, hourType: TimesheetLine['hourType'], band = ''): number =>
  lineOf(timesheet, hourType, band)?.minutes ?? 0;
const flagsOf = <K extends TimesheetFlag['kind']>(timesheet: CaregiverTimesheet, kind: K) =>
  timesheet.flags.filter((flag): flag is Extract<TimesheetFlag, { kind: K }> => flag.kind === kind);

function compute(date: string, visits: WorkedVisit[], overrides: Parameters<typeof caregiver>[0] = {}) {
  return computeTimesheet(settings(), weekOf(date), { caregiver: caregiver(overrides), visits });
}

describe('computeTimesheet', () => {
  it('counts a night shift across midnight: visit, travel, waiting and premium minutes exactly', () => {
    // Tuesday 2026-06-09. 21:30-23:00 at home client, 10 min travel, 20 min waiting, 23:30-01:00.
    const timesheet = compute('2026-06-09', [
      visit({
        id: 'v1',
        start: '2026-06-09T21:30',
        end: '2026-06-09T23:00',
        shiftId: 'night',
        location: HOME,
      }),
      visit({
        id: 'v2',
        start: '2026-06-09T23:30',
        end: '2026-06-10T01:00',
        shiftId: 'night',
        location: TEN_MINUTES_AWAY,
      }),
    ]);
    expect(minutesOf(timesheet, 'visit')).toBe(90 + 90);
    expect(lineOf(timesheet, 'visit')).toMatchObject({ source: 'planned', hours: 3, visitIds: ['v1', 'v2'] });
    expect(lineOf(timesheet, 'travel')).toMatchObject({ minutes: 10, hours: 0.17, visitIds: ['v1', 'v2'] });
    // 0.017 deg x 111.195 km x 1.3 detour = 2.457 km
    expect(lineOf(timesheet, 'travel')!.kilometres).toBeCloseTo(2.457, 3);
    expect(minutesOf(timesheet, 'waiting')).toBe(30 - 10);
    // evening (Mon-Fri 20-22): 21:30-22:00 = 30. night: 22:00-23:00 (60) + travel 23:00-23:10 (10) + 23:30-01:00 (90).
    expect(minutesOf(timesheet, 'premium', 'evening')).toBe(30);
    expect(minutesOf(timesheet, 'premium', 'night')).toBe(60 + 10 + 90);
    expect(lineOf(timesheet, 'premium', 'night')).toMatchObject({ percentage: 44, visitIds: ['v1', 'v2'] });
    expect(timesheet.totals).toMatchObject({ workedMinutes: 190, waitingMinutes: 20, overtimeMinutes: 0 });
    // The whole shift counts on the day it starts.
    expect(timesheet.dailyWorkedMinutes).toEqual([{ date: '2026-06-09', workedMinutes: 190 }]);
    expect(timesheet.flags).toEqual([]);
  });

  it('pays no travel from home to the first visit, nor between visits of different shifts', () => {
    const timesheet = compute('2026-06-09', [
      visit({
        id: 'v1',
        start: '2026-06-09T08:00',
        end: '2026-06-09T09:00',
        shiftId: 'morning',
        location: HOME,
      }),
      visit({
        id: 'v2',
        start: '2026-06-09T09:30',
        end: '2026-06-09T10:00',
        shiftId: 'later',
        location: TEN_MINUTES_AWAY,
      }),
    ]);
    expect(lineOf(timesheet, 'travel')).toBeUndefined();
    expect(lineOf(timesheet, 'waiting')).toBeUndefined();
    expect(timesheet.totals.workedMinutes).toBe(90);
  });

  it('caps paid travel at the gap between visits, the rest of the gap being waiting', () => {
    const timesheet = compute('2026-06-09', [
      visit({ id: 'v1', start: '2026-06-09T08:00', end: '2026-06-09T09:00', location: HOME }),
      visit({ id: 'v2', start: '2026-06-09T09:06', end: '2026-06-09T10:00', location: TEN_MINUTES_AWAY }),
    ]);
    expect(minutesOf(timesheet, 'travel')).toBe(6);
    expect(lineOf(timesheet, 'waiting')).toBeUndefined();
    expect(lineOf(timesheet, 'travel')!.kilometres).toBeCloseTo(2.457, 3);
  });

  it('pays a week with Koningsdag (Monday 2026-04-27) and Sunday work at the highest band per minute', () => {
    const timesheet = compute('2026-04-27', [
      visit({ id: 'mon-morning', start: '2026-04-27T08:00', end: '2026-04-27T12:00', shiftId: 'mon-1' }),
      // Koningsdag evening: holiday (60 %) beats evening (22 %).
      visit({ id: 'mon-evening', start: '2026-04-27T20:00', end: '2026-04-27T21:00', shiftId: 'mon-2' }),
      // Tuesday 21:00-23:00: evening 21-22, night 22-23.
      visit({ id: 'tue', start: '2026-04-28T21:00', end: '2026-04-28T23:00' }),
      visit({ id: 'sat', start: '2026-05-02T10:00', end: '2026-05-02T11:00' }),
      visit({ id: 'sun', start: '2026-05-03T09:00', end: '2026-05-03T11:00' }),
    ]);
    expect(lineOf(timesheet, 'premium', 'public-holiday')).toMatchObject({
      minutes: 240 + 60,
      percentage: 60,
      visitIds: ['mon-morning', 'mon-evening'],
    });
    expect(minutesOf(timesheet, 'premium', 'evening')).toBe(60);
    expect(minutesOf(timesheet, 'premium', 'night')).toBe(60);
    expect(minutesOf(timesheet, 'premium', 'saturday')).toBe(60);
    expect(lineOf(timesheet, 'premium', 'sunday')).toMatchObject({
      minutes: 120,
      percentage: 60,
      visitIds: ['sun'],
    });
    expect(minutesOf(timesheet, 'visit')).toBe(240 + 60 + 120 + 60 + 120);
  });

  describe('daylight saving (Europe/Amsterdam), bands on local wall-clock', () => {
    const nightOnly: PremiumBand[] = [
      { id: 'night', label: 'night', percentage: 44, timeOfDay: { from: '22:00', to: '06:00' } },
    ];
    const computeNight = (date: string, visits: WorkedVisit[]) =>
      computeTimesheet(settings({ premiumBands: nightOnly }), weekOf(date), {
        caregiver: caregiver(),
        visits,
      });

    it('counts 00:00-06:00 on 2026-03-29 (spring forward) as 5 real hours, all of them night', () => {
      const timesheet = computeNight('2026-03-29', [
        visit({ id: 'n', start: '2026-03-29T00:00', end: '2026-03-29T06:00' }),
      ]);
      expect(minutesOf(timesheet, 'visit')).toBe(300);
      expect(minutesOf(timesheet, 'premium', 'night')).toBe(300);
    });

    it('counts 00:00-06:00 on 2026-10-25 (fall back) as 7 real hours, all of them night', () => {
      const timesheet = computeNight('2026-10-25', [
        visit({ id: 'n', start: '2026-10-25T00:00', end: '2026-10-25T06:00' }),
      ]);
      expect(minutesOf(timesheet, 'visit')).toBe(420);
      expect(minutesOf(timesheet, 'premium', 'night')).toBe(420);
    });

    it('ends the night band at 06:00 wall-clock on the short night (05:00-07:00 is 60 min night)', () => {
      const timesheet = computeNight('2026-03-29', [
        visit({ id: 'n', start: '2026-03-29T05:00', end: '2026-03-29T07:00' }),
      ]);
      expect(minutesOf(timesheet, 'premium', 'night')).toBe(60);
    });

    it('gives the Sunday band (60 %) over night (44 %) on the default bands', () => {
      const timesheet = compute('2026-10-25', [
        visit({ id: 'n', start: '2026-10-25T00:00', end: '2026-10-25T06:00' }),
      ]);
      expect(minutesOf(timesheet, 'premium', 'sunday')).toBe(420);
      expect(lineOf(timesheet, 'premium', 'night')).toBeUndefined();
    });

    it('splits a Saturday night shift across the spring-forward midnight between night and Sunday', () => {
      // Sat 22:00-24:00 night (120), Sun 00:00-03:00 wall-clock is 2 real hours of Sunday.
      const timesheet = compute('2026-03-28', [
        visit({ id: 'n', start: '2026-03-28T22:00', end: '2026-03-29T03:00' }),
      ]);
      expect(minutesOf(timesheet, 'visit')).toBe(240);
      expect(minutesOf(timesheet, 'premium', 'night')).toBe(120);
      expect(minutesOf(timesheet, 'premium', 'sunday')).toBe(120);
    });
  });

  describe('overtime', () => {
    it('counts day overtime above the daily maximum, then week overtime above the contract without counting a minute twice', () => {
      // Contract 10 h/week, max 8 h/day. Mon 10 h -> 2 h day overtime. Tue 4 h. Worked 14 h.
      // Week overtime: 14 h - 2 h (already overtime) - 10 h contract = 2 h. Total 4 h, not 6 h.
      const timesheet = compute(
        '2026-06-08',
        [
          visit({ id: 'mon-1', start: '2026-06-08T07:00', end: '2026-06-08T12:00' }),
          visit({ id: 'mon-2', start: '2026-06-08T12:30', end: '2026-06-08T17:30' }),
          visit({ id: 'tue', start: '2026-06-09T08:00', end: '2026-06-09T12:00' }),
        ],
        { contractMinutesPerWeek: 600, maxMinutesPerDay: 480 },
      );
      expect(lineOf(timesheet, 'overtime', 'day')).toMatchObject({
        minutes: 120,
        hours: 2,
        visitIds: ['mon-1', 'mon-2'],
      });
      expect(lineOf(timesheet, 'overtime', 'week')).toMatchObject({ minutes: 120, hours: 2 });
      expect(timesheet.totals).toMatchObject({
        workedMinutes: 840,
        contractMinutes: 600,
        overtimeMinutes: 240,
      });
    });

    it('pro-rates the weekly contract over the period (four weeks: 4 x contract)', () => {
      const fourWeeks = periodContaining(
        { frequency: 'four-weekly', anchorDate: '2026-01-05' },
        '2026-06-01',
      );
      const timesheet = computeTimesheet(settings(), fourWeeks, {
        caregiver: caregiver({ contractMinutesPerWeek: 120 }),
        visits: [
          visit({ id: 'a', start: '2026-06-01T08:00', end: '2026-06-01T12:00' }),
          visit({ id: 'b', start: '2026-06-09T08:00', end: '2026-06-09T13:00' }),
        ],
      });
      expect(timesheet.totals.contractMinutes).toBe(480);
      expect(minutesOf(timesheet, 'overtime', 'week')).toBe(540 - 480);
    });
  });

  describe('working-time checks (flag, never block)', () => {
    it('flags less than 11 hours of rest between working days', () => {
      const timesheet = compute('2026-06-08', [
        visit({ id: 'late', start: '2026-06-08T18:00', end: '2026-06-08T22:00' }),
        visit({ id: 'early', start: '2026-06-09T07:00', end: '2026-06-09T09:00' }),
        visit({ id: 'fine', start: '2026-06-10T09:00', end: '2026-06-10T10:00' }),
      ]);
      expect(flagsOf(timesheet, 'rest-too-short')).toEqual([
        expect.objectContaining({
          date: '2026-06-08',
          nextDate: '2026-06-09',
          restMinutes: 540,
          requiredMinutes: 660,
        }),
      ]);
      expect(minutesOf(timesheet, 'visit')).toBe(420);
    });

    it('flags more than 48 hours in a week, and an average above 48 hours over the reference period', () => {
      const visits = ['08', '09', '10', '11', '12'].flatMap((day) => [
        visit({ id: `${day}-a`, start: `2026-06-${day}T07:00`, end: `2026-06-${day}T12:00` }),
        visit({ id: `${day}-b`, start: `2026-06-${day}T12:30`, end: `2026-06-${day}T17:30` }),
      ]);
      const period = weekOf('2026-06-08');
      const alone = computeTimesheet(settings(), period, { caregiver: caregiver(), visits });
      expect(flagsOf(alone, 'week-over-limit')).toEqual([
        expect.objectContaining({ weekStart: '2026-06-08', workedMinutes: 3000, limitMinutes: 2880 }),
      ]);
      expect(flagsOf(alone, 'average-over-limit')).toEqual([]);

      // 15 earlier weeks of 50 h: the 16-week average is 50 h.
      const weeklyHistory = Array.from({ length: 15 }, (_, index) => ({
        weekStart: new Date(Date.UTC(2026, 5, 8 - 7 * (index + 1))).toISOString().slice(0, 10),
        workedMinutes: 3000,
      }));
      const withHistory = computeTimesheet(settings(), period, {
        caregiver: caregiver(),
        visits,
        weeklyHistory,
      });
      expect(flagsOf(withHistory, 'average-over-limit')).toEqual([
        expect.objectContaining({ weekStart: '2026-06-08', averageMinutes: 3000, referenceWeeks: 16 }),
      ]);
    });

    it('flags 6 hours of continuous work without a break; short gaps count as continuous', () => {
      // 08:00-11:00, 10 min gap (< 15: continuous), 11:10-14:25: 180 + 10 + 195 = 385 min.
      const timesheet = compute('2026-06-09', [
        visit({ id: 'a', start: '2026-06-09T08:00', end: '2026-06-09T11:00' }),
        visit({ id: 'b', start: '2026-06-09T11:10', end: '2026-06-09T14:25' }),
      ]);
      expect(flagsOf(timesheet, 'no-break')).toEqual([
        expect.objectContaining({
          start: at('2026-06-09T08:00'),
          end: at('2026-06-09T14:25'),
          continuousMinutes: 385,
          visitIds: ['a', 'b'],
        }),
      ]);
    });

    it('does not flag when a 30-minute break splits the work', () => {
      const timesheet = compute('2026-06-09', [
        visit({ id: 'a', start: '2026-06-09T08:00', end: '2026-06-09T12:00' }),
        visit({ id: 'b', start: '2026-06-09T12:30', end: '2026-06-09T16:30' }),
      ]);
      expect(flagsOf(timesheet, 'no-break')).toEqual([]);
    });
  });

  describe('check-ins, late and missed visits', () => {
    it('uses check-in and check-out when present, the plan when not, and says which', () => {
      const timesheet = compute('2026-06-09', [
        visit({
          id: 'app',
          start: '2026-06-09T08:00',
          end: '2026-06-09T09:00',
          checkIn: '2026-06-09T08:05',
          checkOut: '2026-06-09T09:20',
        }),
        visit({ id: 'paper', start: '2026-06-09T10:00', end: '2026-06-09T10:45' }),
      ]);
      expect(lineOf(timesheet, 'visit')).toBeDefined();
      const bySource = Object.fromEntries(
        timesheet.lines
          .filter((line) => line.hourType === 'visit')
          .map((line) => [line.source, [line.minutes, line.visitIds]]),
      );
      expect(bySource).toEqual({ actual: [75, ['app']], planned: [45, ['paper']] });
    });

    it('uses the latest correction over the check-in, keeping the corrections given', () => {
      const corrected = visit({
        id: 'c',
        start: '2026-06-09T08:00',
        end: '2026-06-09T09:00',
        checkIn: '2026-06-09T08:00',
        checkOut: '2026-06-09T08:10',
        corrections: [
          {
            start: '2026-06-09T08:00',
            end: '2026-06-09T09:30',
            reason: 'forgot check-out',
            correctedAt: '2026-06-10T09:00',
          },
          {
            start: '2026-06-09T08:00',
            end: '2026-06-09T09:00',
            reason: 'typo',
            correctedAt: '2026-06-11T09:00',
          },
        ],
      });
      const timesheet = compute('2026-06-09', [corrected]);
      expect(lineOf(timesheet, 'visit')).toMatchObject({ source: 'corrected', minutes: 60 });
      expect(corrected.corrections).toHaveLength(2);
    });

    it('flags a check-in after planned start + tolerance, and after the latest start of the window', () => {
      const timesheet = compute('2026-06-09', [
        visit({
          id: 'late',
          start: '2026-06-09T08:00',
          end: '2026-06-09T09:00',
          checkIn: '2026-06-09T08:20',
          checkOut: '2026-06-09T09:20',
        }),
        visit({
          id: 'ok',
          start: '2026-06-09T10:00',
          end: '2026-06-09T11:00',
          checkIn: '2026-06-09T10:15',
          checkOut: '2026-06-09T11:15',
        }),
        visit({
          id: 'window',
          start: '2026-06-09T12:00',
          end: '2026-06-09T13:00',
          latestStart: '2026-06-09T12:05',
          checkIn: '2026-06-09T12:10',
          checkOut: '2026-06-09T13:10',
        }),
      ]);
      expect(flagsOf(timesheet, 'late')).toEqual([
        expect.objectContaining({ visitId: 'late', minutesLate: 20, reference: 'planned-start' }),
        expect.objectContaining({ visitId: 'window', minutesLate: 10, reference: 'latest-start' }),
      ]);
    });

    it('flags missed visits (status missed, or no check-in once due) and pays none of them', () => {
      const visits = [
        visit({ id: 'missed', start: '2026-06-09T08:00', end: '2026-06-09T09:00', status: 'missed' }),
        visit({ id: 'silent', start: '2026-06-09T10:00', end: '2026-06-09T11:00', status: 'scheduled' }),
        visit({ id: 'future', start: '2026-06-12T10:00', end: '2026-06-12T11:00', status: 'scheduled' }),
        visit({ id: 'cancelled', start: '2026-06-09T12:00', end: '2026-06-09T13:00', status: 'cancelled' }),
        visit({
          id: 'worked',
          start: '2026-06-09T14:00',
          end: '2026-06-09T15:00',
          status: 'scheduled',
          checkIn: '2026-06-09T14:00',
          checkOut: '2026-06-09T15:00',
        }),
      ];
      const midWeek = computeTimesheet(
        settings(),
        weekOf('2026-06-09'),
        { caregiver: caregiver(), visits },
        { asOf: at('2026-06-10T12:00') },
      );
      expect(flagsOf(midWeek, 'missed')).toEqual([
        expect.objectContaining({ visitId: 'missed', reason: 'status-missed' }),
        expect.objectContaining({ visitId: 'silent', reason: 'no-check-in' }),
      ]);
      expect(lineOf(midWeek, 'visit')).toMatchObject({ source: 'actual', minutes: 60, visitIds: ['worked'] });
      // Once the period is over (the default), the future visit without check-in is missed too.
      const afterwards = computeTimesheet(settings(), weekOf('2026-06-09'), {
        caregiver: caregiver(),
        visits,
      });
      expect(flagsOf(afterwards, 'missed').map((flag) => flag.visitId)).toEqual([
        'missed',
        'silent',
        'future',
      ]);
    });

    it('uses visits just outside the period only as the origin of travel into it', () => {
      const timesheet = compute('2026-06-15', [
        visit({
          id: 'sunday',
          start: '2026-06-14T23:00',
          end: '2026-06-14T23:50',
          shiftId: 'night',
          location: HOME,
        }),
        visit({
          id: 'monday',
          start: '2026-06-15T00:00',
          end: '2026-06-15T01:00',
          shiftId: 'night',
          location: TEN_MINUTES_AWAY,
        }),
      ]);
      expect(lineOf(timesheet, 'visit')).toMatchObject({ minutes: 60, visitIds: ['monday'] });
      expect(lineOf(timesheet, 'travel')).toMatchObject({ minutes: 10, visitIds: ['sunday', 'monday'] });
    });
  });
});
