// Payroll export through the database and HTTP: an organisation of 100 and 1,000 caregivers
// (teams of ten) seeded with SQL with the same shape as bench:payroll (a four-week period, ten
// visits a day on weekdays, published assignments, 80 % checked in, weekday availability), then
// the real API streams `GET /pay-periods/{key}/export.csv` (and `.json`) while the client reads it.
// The API is the built one (`npm run build` when stale), one process per size, its resident memory
// read from /proc while it streams.
//
//   npm run bench:payroll -- --db                 (after the library cases)
//   npx tsx scripts/bench-payroll-db.ts --sizes 100,1000 [--api-heap-mb 96]
//
// Uses the test services (scripts/services.mjs) and a scratch database that is dropped afterwards.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { createDataSource } from '../libs/database/src';
import { buildIsStale } from './build-state.mjs';
import { ensureServices, freePort } from './services.mjs';
import { machineTime } from '@homecare/common';

const ROOT = resolve(__dirname, '..');
const PERIOD = { key: '2026-04-27', start: '2026-04-27', end: '2026-05-24' };
const ADMIN = { email: 'bench-admin@homecare.test', password: 'bench-admin-password-long' };

interface CaseResult {
  caregivers: number;
  visits: number;
  checkIns: number;
  seedSeconds: number;
  format: 'csv' | 'json';
  seconds: number;
  firstByteMs: number;
  bytes: number;
  rows: number;
  apiRssBeforeMb: number;
  apiPeakRssMb: number;
}

/** One organisation of `size` caregivers with a published, mostly checked-in four weeks. */
async function seed(
  client: Client,
  size: number,
): Promise<{ organisationId: string; visits: number; checkIns: number }> {
  const [{ id: organisationId }] = (
    await client.query<{ id: string }>(
      `INSERT INTO organisation (name) VALUES ('bench payroll') RETURNING id`,
    )
  ).rows;
  const teams = Math.ceil(size / 10);
  await client.query(
    `INSERT INTO team (organisation_id, name, timezone)
     SELECT $1, 'bench team ' || g, 'Europe/Amsterdam' FROM generate_series(1, $2) g`,
    [organisationId, teams],
  );
  await client.query(
    `INSERT INTO caregiver (team_id, first_name, last_name, max_minutes_per_week, max_minutes_per_day)
     SELECT t.id, CASE WHEN g = 1 THEN '=Cg, "' || t.name || '"' ELSE 'Zeynep Çelik ' || g END, 'Bench', 1920, 540
       FROM team t CROSS JOIN generate_series(1, 10) g
      WHERE t.organisation_id = $1 AND (right(t.name, -11)::int - 1) * 10 + g <= $2`,
    [organisationId, size],
  );
  await client.query(
    `INSERT INTO client (team_id, name, latitude, longitude)
     SELECT t.id, 'Client ' || g, 52.05 + random() * 0.08, 5.05 + random() * 0.12
       FROM team t CROSS JOIN generate_series(1, 10) g WHERE t.organisation_id = $1`,
    [organisationId],
  );
  await client.query(
    `INSERT INTO availability_pattern (caregiver_id, weekday, start_time, end_time, valid_from)
     SELECT c.id, w, '07:00', '14:00', '2026-01-01'
       FROM caregiver c JOIN team t ON t.id = c.team_id CROSS JOIN generate_series(1, 5) w
      WHERE t.organisation_id = $1`,
    [organisationId],
  );
  await client.query(
    `INSERT INTO roster_plan (team_id, period_start, period_end, time_limit_ms)
     SELECT id, $2, $3, 1000 FROM team WHERE organisation_id = $1`,
    [organisationId, PERIOD.start, PERIOD.end],
  );
  // Ten visits a working day per caregiver, 38 minutes apart, at the team's clients in turn.
  const visits = await client.query(
    `WITH cg AS (
       SELECT c.id, c.team_id, row_number() OVER (PARTITION BY c.team_id ORDER BY c.id) - 1 AS n
         FROM caregiver c JOIN team t ON t.id = c.team_id WHERE t.organisation_id = $1),
     cl AS (
       SELECT c.id, c.team_id, row_number() OVER (PARTITION BY c.team_id ORDER BY c.id) - 1 AS n
         FROM client c JOIN team t ON t.id = c.team_id WHERE t.organisation_id = $1),
     slots AS (
       SELECT d::date AS day, k FROM generate_series($2::date, $3::date, interval '1 day') d
        CROSS JOIN generate_series(0, 9) k WHERE extract(isodow FROM d) <= 5)
     INSERT INTO visit (team_id, client_id, date, earliest_start, latest_end, duration_minutes, external_ref)
     SELECT cg.team_id, cl.id, s.day,
            (s.day + time '07:00' + s.k * interval '38 minutes') AT TIME ZONE 'Europe/Amsterdam',
            (s.day + time '07:00' + s.k * interval '38 minutes' + interval '40 minutes') AT TIME ZONE 'Europe/Amsterdam',
            25, cg.id || ':' || s.day || ':' || s.k
       FROM cg CROSS JOIN slots s JOIN cl ON cl.team_id = cg.team_id AND cl.n = (cg.n + s.k) % 10`,
    [organisationId, PERIOD.start, PERIOD.end],
  );
  await client.query(
    `INSERT INTO published_assignment (plan_id, version, team_id, client_id, visit_id, caregiver_id, starts_at, ends_at)
     SELECT p.id, 1, v.team_id, v.client_id, v.id, split_part(v.external_ref, ':', 1)::uuid,
            v.earliest_start, v.earliest_start + interval '25 minutes'
       FROM visit v JOIN roster_plan p ON p.team_id = v.team_id JOIN team t ON t.id = v.team_id
      WHERE t.organisation_id = $1`,
    [organisationId],
  );
  const checkIns = await client.query(
    `INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at, checked_out_at)
     SELECT pa.visit_id, pa.caregiver_id,
            pa.starts_at + floor(random() * 6 - 2)::int * interval '1 minute',
            pa.ends_at + floor(random() * 5)::int * interval '1 minute'
       FROM published_assignment pa JOIN team t ON t.id = pa.team_id
      WHERE t.organisation_id = $1 AND random() < 0.8`,
    [organisationId],
  );
  await client.query(
    `INSERT INTO organisation_payroll_settings (organisation_id, frequency, anchor_date, premium_bands)
     VALUES ($1, 'four-weekly', '2026-01-05', $2)`,
    [organisationId, JSON.stringify((await import('@homecare/payroll')).DEFAULT_PREMIUM_BANDS)],
  );
  await client.query('ANALYZE');
  return { organisationId, visits: visits.rowCount ?? 0, checkIns: checkIns.rowCount ?? 0 };
}

function startApi(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/** Resident memory of a process in MB (VmRSS, or VmHWM: its peak since start). */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

async function runSize(
  size: number,
  databaseUrl: string,
  redisUrl: string,
  apiHeapMb?: number,
): Promise<CaseResult[]> {
  const database = `homecare_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  let api: ChildProcess | undefined;
  try {
    const dataSource = createDataSource(url.toString());
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    const seedStarted = performance.now();
    const seeded = await seed(client, size);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    await client.end();

    const port = await freePort();
    api = startApi({
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `bench-${database}`,
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      // --api-heap-mb: a small old space shows whether the export really runs in bounded memory.
      ...(apiHeapMb ? { NODE_OPTIONS: `--max-old-space-size=${apiHeapMb}` } : {}),
    });
    const base = `http://127.0.0.1:${port}`;
    const deadline = performance.now() + 60_000;
    while (
      !(await fetch(`${base}/health`).then(
        (response) => response.ok,
        () => false,
      ))
    ) {
      if (performance.now() > deadline) throw new Error('the API did not start');
      await new Promise((done) => setTimeout(done, 200));
    }
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const pid = api.pid!;
    const results: CaseResult[] = [];
    for (const format of ['csv', 'json'] as const) {
      const before = memoryOf(pid, 'VmRSS');
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid, 'VmRSS'))), 10);
      const started = performance.now();
      const response = await fetch(
        `${base}/pay-periods/${PERIOD.key}/export.${format}?organisationId=${seeded.organisationId}`,
        { headers: { authorization: `Bearer ${accessToken}` } },
      );
      if (response.status !== 200)
        throw new Error(`export.${format}: ${response.status} ${await response.text()}`);
      let firstByteMs = 0;
      let bytes = 0;
      let newlines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.byteLength;
        for (const byte of chunk) if (byte === 10) newlines += 1;
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      results.push({
        caregivers: size,
        visits: seeded.visits,
        checkIns: seeded.checkIns,
        seedSeconds,
        format,
        seconds,
        firstByteMs,
        bytes,
        // CSV: records after the header; JSON: one line per export line, plus the brackets.
        rows: format === 'csv' ? newlines - 1 : newlines - 2,
        apiRssBeforeMb: before,
        apiPeakRssMb: Math.max(peak, memoryOf(pid, 'VmRSS')),
      });
    }
    return results;
  } finally {
    if (api && api.exitCode === null) {
      const exited = new Promise((done) => api!.once('exit', done));
      api.kill('SIGTERM');
      await exited;
    }
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '100,1000' }, 'api-heap-mb': { type: 'string' } },
    allowPositionals: true,
    strict: false,
  });
  const { databaseUrl, redisUrl } = await ensureServices({ name: 'test' });
  if (buildIsStale(ROOT)) spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const results: CaseResult[] = [];
  for (const size of String(values.sizes).split(',').map(Number)) {
    process.stderr.write(`${size} caregivers through Postgres and HTTP ...\n`);
    const heap = values['api-heap-mb'];
    results.push(...(await runSize(size, databaseUrl, redisUrl, heap ? Number(heap) : undefined)));
  }
  const format = (value: number, digits = 1): string => value.toFixed(digits);
  const table = [
    `Payroll export through Postgres and the HTTP API (built, NODE_ENV=production), period ${PERIOD.start} to ${PERIOD.end} (four weeks), Node ${process.version}`,
    '',
    '| caregivers | visits | check-ins | seed (s) | export | time (s) | first byte (ms) | lines | bytes | API RSS before (MB) | API peak RSS (MB) |',
    '|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.caregivers} | ${result.visits} | ${result.checkIns} | ${format(result.seedSeconds)} | ${result.format} | ` +
        `${format(result.seconds, 2)} | ${format(result.firstByteMs, 0)} | ${result.rows} | ${result.bytes} | ` +
        `${format(result.apiRssBeforeMb)} | ${format(result.apiPeakRssMb)} |`,
    ),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench-results', `payroll-db-${machineTime.now().toISOString().replace(/[:.]/g, '-')}.md`),
    `${table}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
