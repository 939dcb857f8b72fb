import { addDays, formatLocalDateTime, parseLocalDateTime } from '@homecare/scenario';

/** The zone of a person's wall clock when they are in no team (coordinators, most families). */
export const DEFAULT_ZONE = 'Europe/Amsterdam';

/** When the daily digest goes out, local time (after the quiet hours when they cover it). */
export const DIGEST_TIME = '07:00';

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The instant (ms) of a local wall-clock time; a time the clocks skip is taken an hour later. */
function instantOf(date: string, time: string, zone: string): number {
  try {
    return parseLocalDateTime(`${date}T${time}`, zone) * 60_000;
  } catch {
    const hourLater = `${String(Number(time.slice(0, 2)) + 1).padStart(2, '0')}${time.slice(2, 5)}`;
    return parseLocalDateTime(`${date}T${hourLater}`, zone) * 60_000;
  }
}

/**
 * When the quiet hours around `nowMs` end, or undefined when it is not quiet. `start`..`end` are
 * local HH:MM in `zone`; an end before the start spans midnight (22:00..07:00).
 */
export function quietUntil(
  nowMs: number,
  zone: string,
  quiet: { start: string; end: string } | null,
): number | undefined {
  if (!quiet) return undefined;
  const local = formatLocalDateTime(Math.floor(nowMs / 60_000), zone);
  const today = local.slice(0, 10);
  const now = minutesOf(local.slice(11, 16));
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const spansMidnight = end < start;
  const quietNow = spansMidnight ? now >= start || now < end : now >= start && now < end;
  if (!quietNow) return undefined;
  const endDate = spansMidnight && now >= start ? addDays(today, 1) : today;
  return instantOf(endDate, quiet.end.slice(0, 5), zone);
}

/**
 * When the digest of something that happened at `nowMs` goes out: the next DIGEST_TIME in the
 * person's zone, later if that falls in their quiet hours. `day` names that digest (one per day).
 */
export function nextDigest(
  nowMs: number,
  zone: string,
  quiet: { start: string; end: string } | null,
): { atMs: number; day: string } {
  const today = formatLocalDateTime(Math.floor(nowMs / 60_000), zone).slice(0, 10);
  let atMs = instantOf(today, DIGEST_TIME, zone);
  if (atMs <= nowMs) atMs = instantOf(addDays(today, 1), DIGEST_TIME, zone);
  const day = formatLocalDateTime(Math.floor(atMs / 60_000), zone).slice(0, 10);
  return { atMs: quietUntil(atMs, zone, quiet) ?? atMs, day };
}
