#!/usr/bin/env node
// `npm test`: the whole suite, unit then integration/end-to-end, against a real Postgres and
// Redis (private ones started here, or DATABASE_URL / REDIS_URL when set), then the fault suite
// (`npm run test:faults`). Extra arguments go to jest, e.g. `npm test -- test/teams`, and leave
// the fault suite out.
//
// `CLOCK_NOW=2027-03-28T01:30:00Z npm test` runs everything as of that instant: the test runner,
// the API and the workers it starts share one clock that starts there and runs on (see
// libs/common/src/clock/clock.ts). `npm run test:dates` runs the date-sensitive suites at the
// instants that have bitten homecare rosters before.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// A fresh clone: install first, as `npm run demo` does.
if (!existsSync(join(repoRoot, 'node_modules', '.package-lock.json'))) {
  console.log('installing dependencies (npm ci)');
  execSync('npm ci --no-audit --no-fund', { cwd: repoRoot, stdio: 'inherit' });
}
// Every process started from here reads the same pair, so they agree on "now" to the millisecond.
if (process.env.CLOCK_NOW) {
  if (Number.isNaN(Date.parse(process.env.CLOCK_NOW))) {
    console.error(`CLOCK_NOW is not an instant: ${process.env.CLOCK_NOW}`);
    process.exit(2);
  }
  if (!process.env.CLOCK_NOW_ANCHOR_MS) process.env.CLOCK_NOW_ANCHOR_MS = String(Date.now());
  console.log(`the suite runs as of ${process.env.CLOCK_NOW}`);
}
const { ensureServices, stopServices } = await import('./services.mjs');
const { buildIsStale } = await import('./build-state.mjs');
const jest = join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const extra = process.argv.slice(2);
const startedHere = !process.env.DATABASE_URL || !process.env.REDIS_URL;
await ensureServices({ name: 'test' });

mkdirSync(join(repoRoot, '.artifacts'), { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
// The end-to-end files run TEST_E2E_WORKERS at a time (one per core unless set, at most 4): much of
// a file's time is spent waiting on the apps, workers and browsers it starts, and each worker has
// its own database and queue prefix (test/setup/global-setup.ts).
const e2eWorkers = Math.max(1, Number(process.env.TEST_E2E_WORKERS) || Math.min(4, availableParallelism()));
const runs = [
  { name: 'unit', args: ['--selectProjects', 'unit'] },
  { name: 'e2e', args: ['--selectProjects', 'e2e', `--maxWorkers=${e2eWorkers}`] },
];
for (const { name: project, args } of runs) {
  // The e2e tests run the built worker as child processes: build first when dist/ is missing or stale.
  if (project !== 'unit' && buildIsStale(repoRoot)) {
    console.log('building API and worker for the end-to-end tests');
    spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  // TEST_RUN_NAME keeps the reports of runs side by side apart (`npm run test:dates` runs several).
  const runName = process.env.TEST_RUN_NAME ? `-${process.env.TEST_RUN_NAME}` : '';
  const report = join(repoRoot, '.artifacts', `jest-${project}${runName}.json`);
  const result = spawnSync(
    process.execPath,
    [
      jest,
      ...args,
      '--json',
      '--outputFile',
      report,
      ...(extra.length ? ['--passWithNoTests', ...extra] : []),
    ],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests;
  }
  if (result.status !== 0) status = result.status ?? 1;
}
if (startedHere && !process.env.KEEP_SERVICES) await stopServices({ name: 'test' });

// Last and alone: the fault suite kills and restarts processes and servers (its own, named
// 'faults'). Each fault counts as one test, passed when it found no anomaly.
if (!extra.length) {
  const report = join(repoRoot, '.artifacts', 'faults.json');
  rmSync(report, { force: true });
  const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, join(repoRoot, 'scripts', 'faults.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (existsSync(report)) {
    for (const fault of JSON.parse(readFileSync(report, 'utf8')).faults) {
      if (fault.skipped) totals.skipped += 1;
      else if (fault.anomalies.length === 0) totals.passed += 1;
      else totals.failed += 1;
    }
  } else totals.failed += 1;
  if (result.status !== 0) status = result.status ?? 1;
}
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(status);
