#!/usr/bin/env node
// `npm run test:dates`: the date-sensitive suites (negotiation, visit plans, erasure, payroll,
// calendar feeds, availability, and the web app's hours and availability) run as of instants that
// break date code: a Sunday evening, Monday 00:30 (still Sunday in UTC), both DST weekends of
// Europe/Amsterdam and America/New_York, 31 December 2026 (ISO week 53) and 29 February 2028.
// Each instant is a whole `npm test -- <suites>` run with CLOCK_NOW set (see scripts/test.mjs), several
// at once (TEST_DATES_CONCURRENCY, one per core unless set);
// `--only <name>[,<name>...]` runs some of them (CI runs all). Exits non-zero when any run fails.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
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

// The instants run side by side, TEST_DATES_CONCURRENCY at a time: much of a run is
// waiting on the API, the workers and the browser, and each instant is its own process tree with its
// own clock, its own database (made by the e2e global setup) and its own queue prefix in one shared
// Postgres and Redis. Each run's output is kept and printed whole when it ends, so that the logs of
// two instants never interleave.
// One instant per core unless set (at most 4), each running its files one after another.
const concurrency = Math.max(
  1,
  Number(process.env.TEST_DATES_CONCURRENCY) || Math.min(4, availableParallelism()),
);
const { ensureServices, stopServices } = await import('./services.mjs');
const { buildIsStale } = await import('./build-state.mjs');
const startedHere = !process.env.DATABASE_URL || !process.env.REDIS_URL;
// Started (and built) once here, before the runs: concurrent runs would otherwise race to start the
// same servers and to rebuild dist/.
const { databaseUrl, redisUrl } = await ensureServices({ name: 'test' });
if (buildIsStale(repoRoot)) {
  console.log('building API and worker for the end-to-end tests');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function runInstant({ name, at }) {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'test.mjs'), ...DATE_SENSITIVE_SUITES], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CLOCK_NOW: at,
        CLOCK_NOW_ANCHOR_MS: '',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        TEST_E2E_WORKERS: process.env.TEST_E2E_WORKERS ?? '1',
        TEST_RUN_NAME: `dates-${name.replace(/[^a-z0-9-]/gi, '-')}`,
      },
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = Math.round((performance.now() - started) / 1000);
      process.stdout.write(
        `\n=== as of ${at} (${name}): ${code === 0 ? 'pass' : 'FAIL'} in ${seconds} s ===\n`,
      );
      process.stdout.write(Buffer.concat(output));
      done({ name, at, ok: code === 0 && !signal, seconds });
    });
  });
}

const started = performance.now();
const results = [];
const queue = [...instants];
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    while (queue.length > 0) results.push(await runInstant(queue.shift()));
  }),
);
if (startedHere && !process.env.KEEP_SERVICES) await stopServices({ name: 'test' });
results.sort(
  (a, b) => instants.findIndex((i) => i.name === a.name) - instants.findIndex((i) => i.name === b.name),
);
console.log(`\ninstant                    result  seconds   (${concurrency} at a time)`);
for (const result of results)
  console.log(`${result.name.padEnd(26)} ${result.ok ? 'pass' : 'FAIL'}    ${result.seconds}`);
console.log(`all instants: ${Math.round((performance.now() - started) / 1000)} s`);
process.exit(results.length === instants.length && results.every((result) => result.ok) ? 0 : 1);
