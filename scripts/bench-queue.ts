// `npm run bench:queue`: N generated teams through API, outbox, queue and worker, with 1 and then 2
// worker processes: throughput, job latency (request to stored proposal) and queue overhead.
// Starts its own Postgres and Redis (scripts/services.mjs, name 'bench') and the built apps.
//   npm run bench:queue -- --teams 12 --time-limit-ms 2000
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { generateOrganisation } from '@homecare/scenario';
import { createDataSource } from '../libs/database/src';
import { buildIsStale } from './build-state.mjs';
import { ensureServices, freePort, stopServices } from './services.mjs';

const repoRoot = path.resolve(__dirname, '..');
const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const TEAMS = argument('teams', 12);
const TIME_LIMIT_MS = argument('time-limit-ms', 2000);
const SEQUENTIAL_JOBS = argument('sequential', 4);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface RosterBody {
  id: string;
  status: string;
  createdAt: string;
  startedAt: string;
  finishedAt: string;
  stats: { elapsedMs: number; loadMs?: number; threadMs?: number } | null;
  failureReason: string | null;
}

interface JobTiming {
  latencyMs: number;
  solveMs: number;
  /** picked up -> stored, minus the solve: the worker's own overhead */
  workerOverheadMs: number;
  createdAt: number;
  finishedAt: number;
  /** request recorded -> picked up by a worker */
  waitMs: number;
  /** loading the team's data in the worker */
  loadMs: number;
  /** the solve as the processor saw it (thread hand-over included) */
  threadMs: number;
}

function startApp(main: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [path.join(repoRoot, main)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stopApp(app: { child: ChildProcess }): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  await exited;
}

async function waitUntil(
  what: string,
  predicate: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await predicate())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const percentile = (values: number[], fraction: number): number => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
};

async function main(): Promise<void> {
  const startedServices = !process.env.DATABASE_URL || !process.env.REDIS_URL;
  const { databaseUrl, redisUrl } = await ensureServices({ name: 'bench' });
  if (buildIsStale(repoRoot)) spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  const runId = randomBytes(4).toString('hex');
  const database = `homecare_bench_${runId}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  const dataSource = createDataSource(url.toString());
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const port = await freePort();
  const env = {
    DATABASE_URL: url.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench-${runId}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PORT: String(port),
    // An administrator to sign in as (the API creates it at start), and a signing key for its tokens.
    BOOTSTRAP_ADMIN_EMAIL: 'bench@example.org',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
  const base = `http://127.0.0.1:${port}`;
  const api = startApp('dist/apps/api/apps/api/src/main.js', env);
  const workers: { child: ChildProcess; output: () => string }[] = [];
  try {
    await waitUntil('the API', () =>
      fetch(`${base}/health`).then(
        (response) => response.ok,
        () => false,
      ),
    );
    let authorization = '';
    const request = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };

    const signIn = await request<{ accessToken: string }>('POST', '/auth/login', {
      email: env.BOOTSTRAP_ADMIN_EMAIL,
      password: env.BOOTSTRAP_ADMIN_PASSWORD,
    });
    authorization = `Bearer ${signIn.accessToken}`;

    const scenarios = generateOrganisation({ teams: TEAMS, seed: 42, caregivers: 10, clients: 40, days: 7 });
    const period = { periodStart: scenarios[0].period.start, periodEnd: scenarios[0].period.end };
    const teamIds: string[] = [];
    let organisationId: string | undefined;
    for (const scenario of scenarios) {
      const imported = await request<{ teamId: string; organisationId: string }>(
        'POST',
        `/teams/import${organisationId ? `?organisationId=${organisationId}` : ''}`,
        scenario,
      );
      organisationId = imported.organisationId;
      teamIds.push(imported.teamId);
    }
    console.log(
      `${TEAMS} teams imported (10 caregivers, 40 clients, ${scenarios[0].visits.length} visits each); solve time limit ${TIME_LIMIT_MS} ms`,
    );

    const startWorkers = async (count: number): Promise<void> => {
      for (let index = 0; index < count; index++)
        workers.push(
          startApp('dist/apps/worker/apps/worker/src/main.js', {
            ...env,
            LOG_LEVEL: 'info',
            WORKER_CONCURRENCY: '1',
          }),
        );
      await waitUntil('the workers', () =>
        workers.every((worker) => worker.output().includes('worker started')),
      );
    };
    const stopWorkers = async (): Promise<void> => {
      await Promise.all(workers.splice(0).map(stopApp));
    };
    const finish = async (rosterIds: string[]): Promise<JobTiming[]> => {
      const rosters = new Map<string, RosterBody>();
      await waitUntil(
        'the rosters',
        async () => {
          for (const id of rosterIds) {
            if (rosters.has(id)) continue;
            const roster = await request<RosterBody>('GET', `/rosters/${id}`);
            if (roster.status === 'failed') throw new Error(`roster ${id} failed: ${roster.failureReason}`);
            if (roster.status === 'done') rosters.set(id, roster);
          }
          return rosters.size === rosterIds.length;
        },
        600_000,
      );
      return [...rosters.values()].map((roster) => {
        const createdAt = Date.parse(roster.createdAt);
        const finishedAt = Date.parse(roster.finishedAt);
        const solveMs = roster.stats?.elapsedMs ?? 0;
        return {
          latencyMs: finishedAt - createdAt,
          solveMs,
          workerOverheadMs: finishedAt - Date.parse(roster.startedAt) - solveMs,
          createdAt,
          finishedAt,
          waitMs: Date.parse(roster.startedAt) - createdAt,
          loadMs: roster.stats?.loadMs ?? 0,
          threadMs: roster.stats?.threadMs ?? 0,
        };
      });
    };

    let seed = 1;
    const burst = async (workerCount: number) => {
      await startWorkers(workerCount);
      seed += 1;
      const ids = await Promise.all(
        teamIds.map((teamId) =>
          request<{ rosterId: string }>('POST', `/teams/${teamId}/rosters`, {
            ...period,
            timeLimitMs: TIME_LIMIT_MS,
            seed,
          }).then((result) => result.rosterId),
        ),
      );
      const timings = await finish(ids);
      await stopWorkers();
      const spanMs =
        Math.max(...timings.map((timing) => timing.finishedAt)) -
        Math.min(...timings.map((timing) => timing.createdAt));
      return { workerCount, timings, teamsPerMinute: (TEAMS / spanMs) * 60_000, spanMs };
    };

    // Queue overhead on an idle worker: one job at a time, request to stored proposal minus the solve.
    await startWorkers(1);
    const sequential: JobTiming[] = [];
    for (let index = 0; index < SEQUENTIAL_JOBS; index++) {
      seed += 1;
      const { rosterId } = await request<{ rosterId: string }>(
        'POST',
        `/teams/${teamIds[index % TEAMS]}/rosters`,
        { ...period, timeLimitMs: TIME_LIMIT_MS, seed },
      );
      sequential.push(...(await finish([rosterId])));
    }
    await stopWorkers();

    const one = await burst(1);
    const two = await burst(2);
    const row = (label: string, values: (string | number)[]): string =>
      `${label.padEnd(34)}${values.map((value) => String(value).padStart(14)).join('')}`;
    const round = (value: number, digits = 0): string => value.toFixed(digits);
    console.log('');
    console.log(row('', ['1 worker', '2 workers']));
    console.log(
      row('throughput (teams/minute)', [round(one.teamsPerMinute, 1), round(two.teamsPerMinute, 1)]),
    );
    console.log(row('wall time (s)', [round(one.spanMs / 1000, 1), round(two.spanMs / 1000, 1)]));
    for (const [label, fraction] of [
      ['latency p50 (ms, POST to done)', 0.5],
      ['latency p95 (ms, POST to done)', 0.95],
    ] as const)
      console.log(
        row(
          label,
          [one, two].map((result) =>
            round(
              percentile(
                result.timings.map((timing) => timing.latencyMs),
                fraction,
              ),
            ),
          ),
        ),
      );
    console.log(
      row(
        'solve p50 (ms, inside the engine)',
        [one, two].map((result) =>
          round(
            percentile(
              result.timings.map((timing) => timing.solveMs),
              0.5,
            ),
          ),
        ),
      ),
    );
    console.log(
      row(
        'worker overhead p50 (ms)',
        [one, two].map((result) =>
          round(
            percentile(
              result.timings.map((timing) => timing.workerOverheadMs),
              0.5,
            ),
          ),
        ),
      ),
    );
    const ratio = two.teamsPerMinute / one.teamsPerMinute;
    console.log('');
    console.log(
      `scaling: 2 workers = ${ratio.toFixed(2)}x the throughput of 1 (target >= 1.7x) ${ratio >= 1.7 ? 'OK' : 'BELOW TARGET'}`,
    );
    const overheads = sequential.map((timing) => (timing.latencyMs - timing.solveMs) / timing.solveMs);
    const overheadMs = sequential.map((timing) => timing.latencyMs - timing.solveMs);
    const meanOverhead = overheads.reduce((sum, value) => sum + value, 0) / overheads.length;
    console.log(
      `queue overhead (idle worker, ${SEQUENTIAL_JOBS} jobs one at a time): p50 ${round(percentile(overheadMs, 0.5))} ms, ` +
        `mean ${(meanOverhead * 100).toFixed(1)}% of the solve time (target < 5%) ${meanOverhead < 0.05 ? 'OK' : 'ABOVE TARGET'}`,
    );
    const p50 = (pick: (timing: JobTiming) => number): string => round(percentile(sequential.map(pick), 0.5));
    console.log(
      `  of which (p50 ms): request to pick-up ${p50((timing) => timing.waitMs)}, loading the team ${p50((timing) => timing.loadMs)}, ` +
        `thread hand-over ${p50((timing) => timing.threadMs - timing.solveMs)}, storing ${p50((timing) => timing.latencyMs - timing.waitMs - timing.loadMs - timing.threadMs)}`,
    );
  } finally {
    await Promise.all(workers.splice(0).map(stopApp));
    await stopApp(api);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    // The services stay up for the next run: `npm run services -- stop --name bench` stops them.
    if (startedServices && process.env.STOP_SERVICES) await stopServices({ name: 'bench' });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
