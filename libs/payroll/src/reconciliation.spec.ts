import fc from 'fast-check';
import { addDays, type LatLon } from '@homecare/scenario';
import { exportCsv, exportJson, type PayrollExportLine } from './export';
import { periodContaining } from './pay-period';
import { at, caregiver, collect, parseCsv, settings, visit } from './payroll.factory';
import { computeTimesheet } from './timesheet';
import type { CaregiverTimesheet, WorkedVisit } from './types';

// Independent of the library: the spec's travel model written out again.
const SPEED_KMH = 15;
const DETOUR = 1.3;
function haversineKm(a: LatLon, b: LatLon): number {
  const toRadians = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * toRadians) / 2) ** 2 +
    Math.cos(a.lat * toRadians) *
      Math.cos(b.lat * toRadians) *
      Math.sin(((b.lon - a.lon) * toRadians) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
const travelMinutes = (a: LatLon, b: LatLon): number =>
  a.lat === b.lat && a.lon === b.lon ? 0 : Math.ceil(((haversineKm(a, b) * DETOUR) / SPEED_KMH) * 60 - 1e-9);

const PLACES: LatLon[] = [
  { lat: 52.09, lon: 5.12 },
  { lat: 52.1, lon: 5.14 },
  { lat: 52.07, lon: 5.09 },
  { lat: 52.12, lon: 5.1 },
];

const period = periodContaining({ frequency: 'four-weekly', anchorDate: '2026-01-05' }, '2026-06-01');
const periodEnd = at(`${addDays(period.end, 1)}T00:00`);

/** A shift: a start (day of the period, minute of the day), then visits with gaps. */
const visitArbitrary = fc.record({
  place: fc.integer({ min: 0, max: PLACES.length - 1 }),
  gapBefore: fc.integer({ min: 0, max: 40 }),
  duration: fc.integer({ min: 5, max: 120 }),
  kind: fc.constantFrom('planned', 'actual', 'corrected'),
  drift: fc.integer({ min: -10, max: 10 }),
});
const shiftArbitrary = fc.record({
  day: fc.integer({ min: 0, max: 27 }),
  startMinute: fc.integer({ min: 0, max: 23 * 60 }),
  visits: fc.array(visitArbitrary, { minLength: 1, maxLength: 6 }),
});
const caregiverArbitrary = fc.array(shiftArbitrary, { minLength: 1, maxLength: 4 });

type CaregiverShifts = typeof caregiverArbitrary extends fc.Arbitrary<infer T> ? T : never;

interface Expected {
  visitMinutes: number;
  travelMinutes: number;
  metres: number;
}

function buildCaregiver(
  index: number,
  shifts: CaregiverShifts,
): { visits: WorkedVisit[]; expected: Expected } {
  const visits: WorkedVisit[] = [];
  const expected: Expected = { visitMinutes: 0, travelMinutes: 0, metres: 0 };
  shifts.forEach((shift, shiftIndex) => {
    const dayStart = at(`${addDays(period.start, shift.day)}T00:00`) + shift.startMinute;
    let cursor = dayStart;
    let previous: { end: number; place: LatLon } | undefined;
    shift.visits.forEach((spec, visitIndex) => {
      const plannedStart = cursor + spec.gapBefore;
      const plannedEnd = plannedStart + spec.duration;
      // The effective times never run into the previous visit: drift only moves within the gap.
      const start =
        spec.kind === 'planned'
          ? plannedStart
          : Math.max(previous?.end ?? plannedStart - 10, plannedStart + spec.drift);
      const end = start + spec.duration + (spec.kind === 'corrected' ? 7 : 0);
      const base = visit({
        id: `c${index}-s${shiftIndex}-v${visitIndex}`,
        start: '2026-06-01T00:00',
        end: '2026-06-01T00:01',
      });
      visits.push({
        ...base,
        shiftId: `c${index}-s${shiftIndex}`,
        location: PLACES[spec.place],
        plannedStart,
        plannedEnd,
        ...(spec.kind === 'actual' && { checkIn: start, checkOut: end }),
        ...(spec.kind === 'corrected' && {
          checkIn: start,
          checkOut: end - 7,
          corrections: [{ start, end, reason: 'longer', correctedAt: end + 60 }],
        }),
      });
      // A visit belongs to the period of its planned start; later ones are the next period's.
      const inPeriod = plannedStart < periodEnd;
      if (inPeriod) expected.visitMinutes += end - start;
      if (previous && inPeriod) {
        const gap = start - previous.end;
        expected.travelMinutes += Math.max(
          0,
          Math.min(travelMinutes(previous.place, PLACES[spec.place]), gap),
        );
        expected.metres += Math.round(haversineKm(previous.place, PLACES[spec.place]) * DETOUR * 1000);
      }
      previous = { end, place: PLACES[spec.place] };
      cursor = Math.max(plannedEnd, end);
    });
  });
  return { visits, expected };
}

async function* lazily(timesheets: CaregiverTimesheet[]): AsyncGenerator<CaregiverTimesheet> {
  for (const timesheet of timesheets) yield timesheet;
}

const sumOf = (lines: { minutes: number }[]): number =>
  lines.reduce((total, line) => total + line.minutes, 0);

describe('reconciliation (property)', () => {
  it('visit and travel lines equal the visits and capped travel they come from; CSV totals equal JSON totals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caregiverArbitrary, { minLength: 1, maxLength: 3 }), async (organisation) => {
        const timesheets: CaregiverTimesheet[] = [];
        const expectations: Expected[] = [];
        organisation.forEach((shifts, index) => {
          const { visits, expected } = buildCaregiver(index, shifts);
          // Shifts may overlap each other in time: the library must still count every visit once.
          timesheets.push(
            computeTimesheet(settings(), period, {
              caregiver: caregiver({ id: `c${index}`, name: `Caregiver ${index}` }),
              visits,
            }),
          );
          expectations.push(expected);
        });
        timesheets.forEach((timesheet, index) => {
          const lines = timesheet.lines;
          expect(sumOf(lines.filter((line) => line.hourType === 'visit'))).toBe(
            expectations[index].visitMinutes,
          );
          expect(sumOf(lines.filter((line) => line.hourType === 'travel'))).toBe(
            expectations[index].travelMinutes,
          );
          const kilometres = lines
            .filter((line) => line.hourType === 'travel')
            .reduce((total, line) => total + line.kilometres, 0);
          expect(Math.round(kilometres * 1000)).toBe(expectations[index].metres);
          // Premium minutes never exceed the worked minutes they come from.
          expect(sumOf(lines.filter((line) => line.hourType === 'premium'))).toBeLessThanOrEqual(
            timesheet.totals.workedMinutes,
          );
        });

        const json = JSON.parse(await collect(exportJson(lazily(timesheets)))) as PayrollExportLine[];
        const [header, ...rows] = parseCsv(await collect(exportCsv(lazily(timesheets))));
        const typeColumn = header.indexOf('hour_type');
        const minutesColumn = header.indexOf('minutes');
        const kilometresColumn = header.indexOf('kilometres');
        expect(rows).toHaveLength(json.length);
        for (const hourType of ['visit', 'travel', 'waiting', 'overtime', 'premium']) {
          const csvRows = rows.filter((row) => row[typeColumn] === hourType);
          const jsonLines = json.filter((line) => line.hourType === hourType);
          expect(csvRows.reduce((total, row) => total + Number(row[minutesColumn]), 0)).toBe(
            sumOf(jsonLines),
          );
          expect(
            Math.round(csvRows.reduce((total, row) => total + Number(row[kilometresColumn]), 0) * 1000),
          ).toBe(Math.round(jsonLines.reduce((total, line) => total + line.kilometres, 0) * 1000));
        }
        const expectedVisitMinutes = expectations.reduce(
          (total, expected) => total + expected.visitMinutes,
          0,
        );
        expect(sumOf(json.filter((line) => line.hourType === 'visit'))).toBe(expectedVisitMinutes);
      }),
      { numRuns: 150 },
    );
    // 150 generated pay periods through CSV and JSON: seconds on a busy 2-core machine, not a speed check.
  }, 60_000);
});
