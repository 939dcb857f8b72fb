#!/usr/bin/env node
// `npm run test:dates`: the date-sensitive suites (negotiation, visit plans, erasure, payroll,
// calendar feeds, availability, and the web app's hours and availability) run as of instants that
// break date code: a Sunday evening, Monday 00:30 (still Sunday in UTC), both DST weekends of
// Europe/Amsterdam and America/New_York, 31 December 2026 (ISO week 53) and 29 February 2028.
// Each instant is a whole `npm test -- <suites>` run with CLOCK_NOW set (see scripts/test.mjs);
// `--only <name>[,<name>...]` runs some of them (CI runs all). Exits non-zero when any run fails.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const INSTANTS = [
  { name: 'sunday-evening', at: '2026-12-06T20:30:00+01:00' },
  { name: 'monday-00:30', at: '2026-12-07T00:30:00+01:00' },
  // 02:00 -> 03:00 on 28 March 2027 in Amsterdam: half an hour after the gap.
  { name: 'amsterdam-spring-forward', at: '2027-03-28T03:30:00+02:00' },
  // 03:00 -> 02:00 on 31 October 2027: the first of the two 02:30s.
  { name: 'amsterdam-fall-back', at: '2027-10-31T02:30:00+02:00' },
  // 02:00 -> 03:00 on 14 March 2027 in New York.
  { name: 'new-york-spring-forward', at: '2027-03-14T03:30:00-04:00' },
  // 02:00 -> 01:00 on 7 November 2027: the first of the two 01:30s.
  { name: 'new-york-fall-back', at: '2027-11-07T01:30:00-04:00' },
  // Thursday of ISO week 53 of 2026, an hour before the year ends in Amsterdam.
  { name: 'new-years-eve', at: '2026-12-31T23:00:00+01:00' },
  { name: 'leap-day', at: '2028-02-29T12:00:00+01:00' },
];

export const DATE_SENSITIVE_SUITES = [
  'test/negotiation.e2e-spec.ts',
  'test/visit-plans.e2e-spec.ts',
  'test/access-erasure.e2e-spec.ts',
  'test/payroll.e2e-spec.ts',
  'test/calendar-feeds.e2e-spec.ts',
  'test/availability.e2e-spec.ts',
  'test/web/hours.e2e-spec.ts',
  'test/web/availability.e2e-spec.ts',
  // The week ahead, prepared on a weekday of the team's zone, with the week before as history.
  'test/rolling-planning.e2e-spec.ts',
  'test/continuity-weeks.e2e-spec.ts',
];

const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1].split(',')
  : INSTANTS.map((instant) => instant.name);
const unknown = only.filter((name) => !INSTANTS.some((instant) => instant.name === name));
if (unknown.length > 0) {
  console.error(
    `no instant ${unknown.join(', ')}; known: ${INSTANTS.map((instant) => instant.name).join(', ')}`,
  );
  process.exit(2);
}
const instants = INSTANTS.filter((instant) => only.includes(instant.name));
const results = [];
for (const { name, at } of instants) {
  console.log(`\n=== as of ${at} (${name}) ===`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'test.mjs'), ...DATE_SENSITIVE_SUITES], {
    cwd: repoRoot,
    stdio: 'inherit',
    // One Postgres and Redis for all instants: each run's tests make their own teams.
    env: { ...process.env, CLOCK_NOW: at, CLOCK_NOW_ANCHOR_MS: '', KEEP_SERVICES: '1' },
  });
  results.push({ name, at, ok: run.status === 0, seconds: Math.round((performance.now() - started) / 1000) });
}
const { stopServices } = await import('./services.mjs');
if (!process.env.DATABASE_URL) await stopServices({ name: 'test' });
console.log('\ninstant                    result  seconds');
for (const result of results)
  console.log(`${result.name.padEnd(26)} ${result.ok ? 'pass' : 'FAIL'}    ${result.seconds}`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
