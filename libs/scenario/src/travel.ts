import type { LatLon } from './types';

export const DEFAULT_SPEED_KMH = 15;
export const DEFAULT_DETOUR_FACTOR = 1.3;
const EARTH_RADIUS_KM = 6371;

export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Travel time in whole minutes, as the spec defines it:
 * ceil(haversineKm * detourFactor / speedKmh * 60), 0 between visits at the same client.
 * The small epsilon matches the referee, so that an exact integer never rounds up by float noise.
 */
export function travelMinutesBetween(
  from: LatLon,
  to: LatLon,
  speedKmh: number = DEFAULT_SPEED_KMH,
  detourFactor: number = DEFAULT_DETOUR_FACTOR,
): number {
  if (from.lat === to.lat && from.lon === to.lon) return 0;
  return Math.max(0, Math.ceil(((haversineKm(from, to) * detourFactor) / speedKmh) * 60 - 1e-9));
}

/** Kilometres driven or cycled between two places under the same model (for mileage). */
export function travelKmBetween(
  from: LatLon,
  to: LatLon,
  detourFactor: number = DEFAULT_DETOUR_FACTOR,
): number {
  return haversineKm(from, to) * detourFactor;
}
