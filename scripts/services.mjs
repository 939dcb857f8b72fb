#!/usr/bin/env node
// Private PostgreSQL and Redis for development, the demo and the tests, without Docker.
//
//   node scripts/services.mjs start [--name dev]   start (or reuse) and print the URLs
//   node scripts/services.mjs stop  [--name dev]   stop them cleanly
//   node scripts/services.mjs env   [--name dev]   print `export DATABASE_URL=... REDIS_URL=...`
//
// DATABASE_URL / REDIS_URL, when set, are used as they are and nothing is started for them.
// Otherwise each service runs from the local binaries on a free loopback port with its data under
// .data/<name>/ (git-ignored). Postgres refuses to run as root, so as root it runs as `postgres`.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const isRoot = process.getuid?.() === 0;
const log = (message) => process.stderr.write(`[services] ${message}\n`);

function run(command, args, options = {}) {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
}

/** Runs a command as the `postgres` user when we are root (Postgres will not run as root). */
function runAsPostgres(command, args, options = {}) {
  return isRoot
    ? run('runuser', ['-u', 'postgres', '--', command, ...args], options)
    : run(command, args, options);
}

function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    candidates.push(run('pg_config', ['--bindir']).trim());
  } catch {
    // pg_config is only there with the -dev package; fall through to the Debian layout.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')));
  if (!found) {
    throw new Error('PostgreSQL server binaries not found: install postgresql (15) or set DATABASE_URL');
  }
  return found;
}

function findRedisServer() {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  if (!isRoot)
    throw new Error(
      'redis-server is not installed: `sudo apt-get install -y redis-server`, or set REDIS_URL',
    );
  log('redis-server is missing: installing it with apt-get (about 10 s)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt's chatter goes to stderr so that `services.mjs env` output stays clean for `eval`.
  const stdio = ['ignore', process.stderr, process.stderr];
  execFileSync('apt-get', ['update', '-qq'], { stdio, env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio, env });
  // The package may start a system-wide Redis on 6379; we never use it, so stop it to free memory.
  spawnSync('sh', ['-c', 'service redis-server stop >/dev/null 2>&1 || true']);
  return spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolveOpen) => {
    const socket = createConnection({ port, host });
    const done = (open) => {
      socket.destroy();
      resolveOpen(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The folder for one named set of services. As root, Postgres runs as `postgres`, which must be
 * able to reach its data folder; a checkout under /root is not reachable, so we fall back to
 * /var/tmp with a name derived from the checkout's path.
 */
function stateDir(name) {
  const inRepo = join(repoRoot, '.data', name);
  if (!isRoot) return inRepo;
  mkdirSync(inRepo, { recursive: true });
  const reachable = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', inRepo]).status === 0;
  if (reachable) return inRepo;
  const hash = createHash('sha1').update(repoRoot).digest('hex').slice(0, 10);
  return join('/var/tmp', `homecare-${hash}`, name);
}

function readState(dir) {
  const file = join(dir, 'services.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

function writeState(dir, state) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'services.json'), JSON.stringify(state, null, 2));
  chmodSync(join(dir, 'services.json'), 0o600);
}

/**
 * pg_ctl on one of our clusters, always with the same server options (port, socket, loopback only).
 * Waits in the background when asked to (`background`), so that a caller's other work goes on
 * while the server stops or starts.
 */
function pgCtl({ bin, dataDir, socketDir, port }, action, { background = false } = {}) {
  // Settings for a private, disposable instance: loopback only; fsync stays on (data must survive a crash).
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const args = [
    '-D',
    dataDir,
    '-o',
    options,
    '-l',
    join(dataDir, 'server.log'),
    '-m',
    'fast',
    '-w',
    '-t',
    '60',
    action,
  ];
  const command = join(bin, 'pg_ctl');
  if (!background) return runAsPostgres(command, args);
  const [file, fileArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return promisify(execFile)(file, fileArgs).then(() => undefined);
}

async function startPostgres(dir, state) {
  const bin = findPostgresBin();
  const dataDir = join(dir, 'postgres');
  const socketDir = join(dir, 'pg-socket');
  if (state.postgres?.port && (await portOpen(state.postgres.port))) {
    log(`postgres already running on port ${state.postgres.port}`);
    return state.postgres;
  }
  // Only the server's own user (and root) may reach its socket, where connections are trusted.
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  chmodSync(socketDir, 0o700);
  if (isRoot) run('chown', ['postgres:postgres', dir, socketDir]);
  let password = state.postgres?.password;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    password = randomBytes(12).toString('hex');
    const pwFile = join(dir, 'pg-password');
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (isRoot) run('chown', ['postgres:postgres', pwFile]);
    log(`initialising a new Postgres cluster in ${dataDir}`);
    runAsPostgres(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'homecare',
      `--pwfile=${pwFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    rmSync(pwFile);
  }
  const port = await freePort();
  pgCtl({ bin, dataDir, socketDir, port }, 'start');
  // Create the application database once.
  const psql = (...args) =>
    runAsPostgres(join(bin, 'psql'), [
      '-h',
      socketDir,
      '-p',
      String(port),
      '-U',
      'homecare',
      '-d',
      'postgres',
      ...args,
    ]);
  if (psql('-tAc', "SELECT 1 FROM pg_database WHERE datname = 'homecare'").trim() !== '1') {
    psql('-c', 'CREATE DATABASE homecare');
  }
  log(`postgres running on 127.0.0.1:${port} (data in ${dataDir})`);
  return { port, password, dataDir, socketDir, bin };
}

async function startRedis(dir, state) {
  if (state.redis?.port && (await portOpen(state.redis.port))) {
    log(`redis already running on port ${state.redis.port}`);
    return state.redis;
  }
  const server = findRedisServer();
  const redisDir = join(dir, 'redis');
  mkdirSync(redisDir, { recursive: true });
  const redis = { port: await freePort(), dir: redisDir, server };
  await runRedis(redis);
  log(`redis running on 127.0.0.1:${redis.port}`);
  return redis;
}

/** Starts one of our Redis servers and waits until it accepts connections. */
async function runRedis({ port, dir, server }) {
  // Queues need `noeviction` (an evicted job key is a lost job) and an append-only file so that a
  // restart of Redis keeps the queue.
  run(server, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--daemonize',
    'yes',
    '--pidfile',
    join(dir, 'redis.pid'),
    '--logfile',
    join(dir, 'redis.log'),
    '--maxmemory-policy',
    'noeviction',
    '--appendonly',
    'yes',
    '--save',
    '',
  ]);
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) await sleep(50);
  if (!(await portOpen(port))) throw new Error(`redis did not start; see ${join(dir, 'redis.log')}`);
}

/** SHUTDOWN NOSAVE (the append-only file is still flushed) and wait until the port is closed. */
async function shutdownRedis({ port }) {
  spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
  for (let i = 0; i < 100 && (await portOpen(port)); i++) await sleep(50);
}

/**
 * Starts (or reuses) the named services and returns their URLs. Environment variables win:
 * with DATABASE_URL and REDIS_URL set, nothing is started.
 */
export async function ensureServices({ name = 'dev', env = process.env } = {}) {
  const dir = stateDir(name);
  mkdirSync(dir, { recursive: true });
  const state = readState(dir);
  let databaseUrl = env.DATABASE_URL;
  let redisUrl = env.REDIS_URL;
  if (!databaseUrl) {
    state.postgres = await startPostgres(dir, state);
    const { port, password, socketDir = join(dir, 'pg-socket') } = state.postgres;
    // Through the server's Unix socket (the `host` parameter wins over the address, which stays
    // for whoever reads the port from the URL): it costs the API less CPU per statement than
    // loopback TCP, and every request makes a few.
    databaseUrl = `postgres://homecare:${password}@127.0.0.1:${port}/homecare?host=${encodeURIComponent(socketDir)}`;
  }
  if (!redisUrl) {
    state.redis = await startRedis(dir, state);
    redisUrl = `redis://127.0.0.1:${state.redis.port}`;
  }
  writeState(dir, state);
  return { databaseUrl, redisUrl, dir };
}

export async function stopServices({ name = 'dev', purge = false } = {}) {
  const dir = stateDir(name);
  const state = readState(dir);
  if (state.postgres && existsSync(join(state.postgres.dataDir, 'postmaster.pid'))) {
    try {
      runAsPostgres(join(state.postgres.bin, 'pg_ctl'), [
        '-D',
        state.postgres.dataDir,
        '-m',
        'fast',
        '-w',
        'stop',
      ]);
      log('postgres stopped');
    } catch (error) {
      log(`postgres stop: ${String(error.stderr ?? error.message).trim()}`);
    }
  }
  if (state.redis?.port && (await portOpen(state.redis.port))) {
    await shutdownRedis(state.redis);
    log('redis stopped');
  }
  delete state.redis;
  if (state.postgres) state.postgres = { password: state.postgres.password };
  if (purge) rmSync(dir, { recursive: true, force: true });
  else if (existsSync(dir)) writeState(dir, state);
}

/**
 * Stops and starts the named services in place (same port, same data), for the fault suite. Only
 * servers this script started are under control: a URL that points elsewhere (DATABASE_URL or
 * REDIS_URL given from outside) leaves that entry undefined, and nobody else's server is touched.
 */
export function serviceControl(name, { databaseUrl, redisUrl }) {
  const state = readState(stateDir(name));
  const portOf = (url) => Number(new URL(url).port);
  const redis = state.redis?.port === portOf(redisUrl) ? state.redis : undefined;
  const postgres = state.postgres?.port === portOf(databaseUrl) ? state.postgres : undefined;
  return {
    redis: redis && {
      stop: () => shutdownRedis(redis),
      start: () => runRedis(redis),
    },
    postgres: postgres && {
      stop: () => pgCtl(postgres, 'stop', { background: true }),
      start: () => pgCtl(postgres, 'start', { background: true }),
      restart: () => pgCtl(postgres, 'restart', { background: true }),
    },
  };
}

async function main() {
  const [command = 'start', ...rest] = process.argv.slice(2);
  const nameIndex = rest.indexOf('--name');
  const name = nameIndex >= 0 ? rest[nameIndex + 1] : 'dev';
  if (command === 'start' || command === 'env') {
    const { databaseUrl, redisUrl } = await ensureServices({ name });
    if (command === 'env') {
      process.stdout.write(`export DATABASE_URL='${databaseUrl}'\nexport REDIS_URL='${redisUrl}'\n`);
    } else {
      process.stdout.write(`DATABASE_URL=${databaseUrl}\nREDIS_URL=${redisUrl}\n`);
    }
  } else if (command === 'stop') {
    await stopServices({ name, purge: rest.includes('--purge') });
  } else {
    process.stderr.write('usage: services.mjs start|stop|env [--name NAME] [--purge]\n');
    process.exit(2);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    log(error.stderr ? String(error.stderr) : error.message);
    process.exit(1);
  });
}
