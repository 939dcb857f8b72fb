// The test run's own Redis and Postgres (started by scripts/services.mjs with name 'test'), for
// fault tests that stop and restart them. Servers given from outside (REDIS_URL / DATABASE_URL
// before the run) are never touched: the helpers report that they are not ours.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './processes';

interface ServicesState {
  postgres?: { port: number; dataDir: string; socketDir: string; bin: string };
  redis?: { port: number; dir: string; server: string };
}

const isRoot = process.getuid?.() === 0;

/** Where scripts/services.mjs keeps the state of the 'test' services (the same rule as its stateDir). */
function stateFile(): string | undefined {
  const inRepo = path.join(REPO_ROOT, '.data', 'test', 'services.json');
  const hash = createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 10);
  const fallback = path.join('/var/tmp', `homecare-${hash}`, 'test', 'services.json');
  return [inRepo, fallback].find((file) => existsSync(file));
}

function readState(): ServicesState {
  const file = stateFile();
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as ServicesState) : {};
}

const portOf = (url: string | undefined): number => Number(url ? new URL(url).port : NaN);

/** The test Redis, when this checkout's services script started it (and REDIS_URL points at it). */
export function ownRedis(): ServicesState['redis'] | undefined {
  const redis = readState().redis;
  return redis && redis.port === portOf(process.env.REDIS_URL) ? redis : undefined;
}

/** The test Postgres, when this checkout's services script started it. */
export function ownPostgres(): ServicesState['postgres'] | undefined {
  const postgres = readState().postgres;
  return postgres && postgres.port === portOf(process.env.DATABASE_URL) ? postgres : undefined;
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function stopRedis(): Promise<void> {
  const redis = ownRedis();
  if (!redis) throw new Error('not our Redis');
  spawnSync('redis-cli', ['-p', String(redis.port), 'shutdown', 'nosave']);
  for (let index = 0; index < 100 && (await portOpen(redis.port)); index++) await sleep(50);
}

/** Starts Redis again on the same port and directory, with the options scripts/services.mjs uses. */
export async function startRedis(): Promise<void> {
  const redis = ownRedis();
  if (!redis) throw new Error('not our Redis');
  execFileSync(redis.server, [
    '--port',
    String(redis.port),
    '--bind',
    '127.0.0.1',
    '--dir',
    redis.dir,
    '--daemonize',
    'yes',
    '--pidfile',
    path.join(redis.dir, 'redis.pid'),
    '--logfile',
    path.join(redis.dir, 'redis.log'),
    '--maxmemory-policy',
    'noeviction',
    '--appendonly',
    'yes',
    '--save',
    '',
  ]);
  for (let index = 0; index < 100 && !(await portOpen(redis.port)); index++) await sleep(50);
  if (!(await portOpen(redis.port))) throw new Error('redis did not start again');
}

function pgCtl(action: 'start' | 'stop' | 'restart'): void {
  const postgres = ownPostgres();
  if (!postgres) throw new Error('not our Postgres');
  const options = `-p ${postgres.port} -k ${postgres.socketDir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const args = [
    '-D',
    postgres.dataDir,
    '-o',
    options,
    '-l',
    path.join(postgres.dataDir, 'server.log'),
    '-m',
    'fast',
    '-w',
    '-t',
    '60',
    action,
  ];
  const command = path.join(postgres.bin, 'pg_ctl');
  if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
  else execFileSync(command, args, { stdio: 'ignore' });
}

/** pg_ctl restart -m fast on the test cluster, on the same port and options scripts/services.mjs uses. */
export function restartPostgres(): void {
  pgCtl('restart');
}

/** pg_ctl stop -m fast: every connection is cut; startPostgres brings it back on the same port. */
export function stopPostgres(): void {
  pgCtl('stop');
}

export function startPostgres(): void {
  pgCtl('start');
}
