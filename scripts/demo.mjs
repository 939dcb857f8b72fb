#!/usr/bin/env node
// `npm run demo`: from a fresh clone to a running product with a realistic demo team.
// Installs dependencies when missing, starts (or reuses) Postgres and Redis, builds, migrates,
// starts the API and the worker, creates the demo team through the API with the project's own
// generator (once), with demo accounts for every role and a roster plan published and one in
// review, and prints where to look and whom to sign in as. `--once` stops everything after the summary.
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const once = process.argv.includes('--once');
const say = (message) => console.log(`[demo] ${message}`);

if (!existsSync(join(repoRoot, 'node_modules', '.package-lock.json'))) {
  say('installing dependencies (npm ci)');
  execSync('npm ci --no-audit --no-fund', { cwd: repoRoot, stdio: 'inherit' });
}

const { ensureServices, freePort, portOpen } = await import('./services.mjs');
const { databaseUrl, redisUrl } = await ensureServices({ name: 'dev' });

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
const apiEntry = join(repoRoot, 'dist/apps/api/apps/api/src/main.js');
const workerEntry = join(repoRoot, 'dist/apps/worker/apps/worker/src/main.js');
const webEntry = join(repoRoot, 'dist/web/index.html');
const sourcesChanged = () =>
  Math.max(newestMtime(join(repoRoot, 'apps')), newestMtime(join(repoRoot, 'libs'))) >
  statSync(apiEntry).mtimeMs;
if (![apiEntry, workerEntry, webEntry].every(existsSync) || sourcesChanged()) {
  say('building API, worker and web app');
  execSync('npm run -s build', { cwd: repoRoot, stdio: 'inherit' });
}

// The demo's first administrator (created by the API when the database has no user yet); a
// local try-out only: set both variables for anything else.
const adminEmail = process.env.BOOTSTRAP_ADMIN_EMAIL ?? 'admin@demo.invalid';
const adminPassword = process.env.BOOTSTRAP_ADMIN_PASSWORD ?? 'demo-admin-password';
// A password set by the person running the demo is theirs: it is not printed.
const shownAdminPassword =
  adminPassword === 'demo-admin-password' ? adminPassword : '(BOOTSTRAP_ADMIN_PASSWORD)';
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  BOOTSTRAP_ADMIN_EMAIL: adminEmail,
  BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
  // The seed signs in a dozen demo accounts from this one address within a minute; the default
  // limit (10 a minute per address) would refuse the eleventh.
  LOGIN_RATE_LIMIT: process.env.LOGIN_RATE_LIMIT ?? '100',
  // The administrator's line below points at the queue dashboard, which is off unless enabled.
  OPS_DASHBOARD_ENABLED: process.env.OPS_DASHBOARD_ENABLED ?? 'true',
};
execSync(`node ${join(repoRoot, 'scripts/migrate.mjs')}`, { cwd: repoRoot, stdio: 'inherit', env });

const wanted = Number(process.env.PORT ?? 3000);
const port = (await portOpen(wanted)) ? await freePort() : wanted;
// The worker's Prometheus metrics, on a free port, so that the link printed below answers.
const workerMetricsPort = Number(process.env.WORKER_METRICS_PORT ?? 0) || (await freePort());
const children = [
  spawn(process.execPath, [apiEntry], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port) },
    stdio: 'inherit',
  }),
  spawn(process.execPath, [workerEntry], {
    cwd: repoRoot,
    env: { ...env, WORKER_METRICS_PORT: String(workerMetricsPort) },
    stdio: 'inherit',
  }),
];
let stopping = false;
const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  say('API and worker stopped; `npm run services -- stop` stops Postgres and Redis');
  setTimeout(() => process.exit(code), 1500).unref();
};
for (const child of children)
  child.on('exit', (code) => !stopping && (say(`a process exited (${code})`), stop(1)));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const baseUrl = `http://127.0.0.1:${port}`;
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(`${baseUrl}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 250));
}

// The seed writes the demo accounts here, to be printed last, next to the web app's address.
const accountsDir = mkdtempSync(join(tmpdir(), 'homecare-demo-'));
const accountsFile = join(accountsDir, 'accounts.json');
let accounts = [];
try {
  execSync(`npx tsx ${join(repoRoot, 'scripts/seed-demo.ts')} ${baseUrl} ${accountsFile}`, {
    cwd: repoRoot,
    stdio: 'inherit',
    env,
  });
  accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
} catch {
  say('creating the demo team failed (see above)');
  stop(1);
} finally {
  rmSync(accountsDir, { recursive: true, force: true });
}
say(`API          ${baseUrl}`);
say(`OpenAPI UI   ${baseUrl}/docs   (JSON: ${baseUrl}/docs-json)`);
say(`Health       ${baseUrl}/health`);
say(`Metrics      ${baseUrl}/metrics   (worker: http://127.0.0.1:${workerMetricsPort}/metrics)`);
say(
  `Sign in      POST ${baseUrl}/auth/login  {"email": "${adminEmail}", "password": "${shownAdminPassword}"}`,
);
say(`Postgres     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
say(`Redis        ${redisUrl}`);
// Last, where a person goes next: the web app, and whom to sign in as.
say(`Web app      ${baseUrl}/app/${accounts.length > 0 ? '   sign in as:' : ''}`);
if (accounts.length > 0) {
  const rows = [
    {
      role: 'administrator',
      email: adminEmail,
      password: shownAdminPassword,
      tryThis:
        env.OPS_DASHBOARD_ENABLED === 'true'
          ? `every team and account; the queues at ${baseUrl}/admin/queues`
          : 'every team and account',
    },
    ...accounts,
  ];
  const width = (key) => Math.max(...rows.map((row) => row[key].length));
  for (const row of rows)
    say(
      `  ${row.role.padEnd(width('role'))}  ${row.email.padEnd(width('email'))}  ${row.password.padEnd(width('password'))}  ${row.tryThis}`,
    );
}
if (once) stop(0);
else say('running; Ctrl-C to stop');
