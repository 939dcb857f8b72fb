import fc from 'fast-check';
import { haversineKm, travelKmBetween, travelMinutesBetween } from './travel';

/** The referee's formula, copied from ../shared/tools/roster-check.mjs so the two cannot drift apart. */
function refereeTravelMinutes(
  from: { lat: number; lon: number },
  to: { lat: number; lon: number },
  speed: number,
  detour: number,
): number {
  const radius = 6371;
  const rad = Math.PI / 180;
  const dLat = (to.lat - from.lat) * rad;
  const dLon = (to.lon - from.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * rad) * Math.cos(to.lat * rad) * Math.sin(dLon / 2) ** 2;
  const km = 2 * radius * Math.asin(Math.min(1, Math.sqrt(h)));
  return Math.ceil(((km * detour) / speed) * 60 - 1e-9);
}

describe('travel', () => {
  it('matches the referee for any two places in a district', () => {
    const place = fc.record({
      lat: fc.double({ min: 52.2, max: 52.5, noNaN: true }),
      lon: fc.double({ min: 4.7, max: 5.1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        place,
        place,
        fc.double({ min: 3, max: 60, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (from, to, speed, detour) => {
          // `+ 0` because the referee's ceil of a tiny negative is -0, which is the same number of minutes.
          expect(travelMinutesBetween(from, to, speed, detour)).toBe(
            refereeTravelMinutes(from, to, speed, detour) + 0,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('uses the spec defaults of 15 km/h and a detour factor of 1.3', () => {
    const from = { lat: 52.36, lon: 4.9 };
    const to = { lat: 52.37, lon: 4.92 };
    expect(travelMinutesBetween(from, to)).toBe(refereeTravelMinutes(from, to, 15, 1.3));
  });

  it('is zero at the same place and symmetric', () => {
    const from = { lat: 52.36, lon: 4.9 };
    const to = { lat: 52.351, lon: 4.913 };
    expect(travelMinutesBetween(from, from)).toBe(0);
    expect(travelMinutesBetween(from, to)).toBe(travelMinutesBetween(to, from));
  });

  it('measures a known distance (Amsterdam Centraal to Rotterdam Centraal, about 57 km)', () => {
    const amsterdam = { lat: 52.3791, lon: 4.9003 };
    const rotterdam = { lat: 51.9244, lon: 4.4695 };
    expect(haversineKm(amsterdam, rotterdam)).toBeGreaterThan(56);
    expect(haversineKm(amsterdam, rotterdam)).toBeLessThan(59);
    expect(travelKmBetween(amsterdam, rotterdam)).toBeCloseTo(haversineKm(amsterdam, rotterdam) * 1.3, 9);
  });
});
