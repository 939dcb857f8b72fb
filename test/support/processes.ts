// The built worker (and API) as child processes, for tests that kill, stop or restart them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const WORKER_MAIN = path.join(REPO_ROOT, 'dist/apps/worker/apps/worker/src/main.js');
export const API_MAIN = path.join(REPO_ROOT, 'dist/apps/api/apps/api/src/main.js');

/** `npm run build` when needed (scripts/test.mjs does it before the e2e project; this covers a bare jest run). */
export function ensureBuilt(): void {
  // scripts/build-state.mjs is ESM (scripts/test.mjs uses it too); jest's CommonJS world asks a child node.
  const check = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { buildIsStale } from './scripts/build-state.mjs'; process.exit(buildIsStale(process.cwd()) ? 1 : 0);",
    ],
    { cwd: REPO_ROOT },
  );
  if (check.status === 0) return;
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

export interface ChildApp {
  child: ChildProcess;
  /** everything the process wrote, for assertions and for failure messages */
  output: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Short locks so that a killed worker's job is taken over within seconds. */
export const FAST_WORKER_ENV = {
  WORKER_LOCK_DURATION_MS: '4000',
  WORKER_STALLED_INTERVAL_MS: '2000',
};

/** Starts a built app with the test environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX from global setup). */
/** An `undefined` in `env` leaves that variable out. */
export function startChild(main: string, env: Record<string, string | undefined> = {}): ChildApp {
  const child = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: process.env.CHILD_LOG_LEVEL ?? 'info', ...FAST_WORKER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function startWorker(env: Record<string, string> = {}): ChildApp {
  return startChild(WORKER_MAIN, env);
}

/** Resolves once `predicate` is true; fails with `what` after the timeout. */
export async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resolves when the worker has logged that it started (its consumers are running). */
export function workerStarted(worker: ChildApp, timeoutMs = 30_000): Promise<void> {
  return waitFor('the worker to start', () => worker.output().includes('worker started'), timeoutMs);
}
