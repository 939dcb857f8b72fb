// API_PROCESSES: the built API as a cluster of processes on one port, run as its supervisor would.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from './support/test-env';
import { API_MAIN, ensureBuilt, startChild, waitFor, type ChildApp } from './support/processes';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** The live child processes of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The fields after the command's closing parenthesis: state, then the parent's pid.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(parent) === pid && state !== 'Z') children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children.sort((a, b) => a - b);
}

describe('the API as a cluster (API_PROCESSES)', () => {
  let api: ChildApp | undefined;
  let base: string;

  beforeAll(() => ensureBuilt());
  afterEach(async () => {
    await api?.stop('SIGKILL');
    api = undefined;
  });

  const healthy = () =>
    // A fresh connection each time, never a pooled one of the killed process; and never a hang.
    fetch(`${base}/health`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(3000) }).then(
      (response) => response.ok,
      () => false,
    );

  /** The processes that have said they serve. */
  const serving = (app: ChildApp) =>
    [...app.output().matchAll(/API process (\d+) serving/g)].map(([, pid]) => Number(pid));

  async function startCluster(
    processes: number,
    env: Record<string, string | undefined> = {},
  ): Promise<ChildApp> {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const started = startChild(API_MAIN, { PORT: String(port), API_PROCESSES: String(processes), ...env });
    await waitFor(
      'every process of the cluster to serve',
      async () => {
        if (started.child.exitCode !== null)
          throw new Error(`the API exited:\n${started.output().slice(-4000)}`);
        const children = childrenOf(started.child.pid!);
        const ready = serving(started);
        return (
          children.length === processes && children.every((pid) => ready.includes(pid)) && (await healthy())
        );
      },
      90_000,
    );
    return started;
  }

  it('serves one port from several processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    api = await startCluster(2);
    const primary = api.child.pid!;
    const [first, second] = childrenOf(primary);
    expect(second).toBeDefined();

    process.kill(first, 'SIGKILL');
    // The other process keeps answering while the primary starts a replacement (a connection the
    // primary handed to the killed one in that very instant is lost, as with any process that dies).
    await waitFor('the other process to answer', healthy, 5000);
    await waitFor('a replacement process', () => {
      const now = childrenOf(primary);
      if (api!.child.exitCode !== null) throw new Error(`the API exited:\n${api!.output()}`);
      return now.length === 2 && !now.includes(first) && now.includes(second);
    }).catch((error: Error) => {
      throw new Error(
        `${error.message}; children ${childrenOf(primary).join(',')} (were ${first},${second})\n${api!.output().slice(-3000)}`,
      );
    });
    await waitFor('the replacement to serve', healthy);
    expect(api.output()).toMatch(new RegExp(`API process ${first} ended \\(SIGKILL\\); starting another`));
    await waitFor('the replacement to say it serves', () =>
      childrenOf(primary).every((pid) => serving(api!).includes(pid)),
    );

    const children = childrenOf(primary);
    expect(await api.stop('SIGTERM')).toBe(0);
    for (const child of children) expect(() => process.kill(child, 0)).toThrow();
  }, 180_000);

  it('accepts a token signed by one process in every other, with no JWT_SECRET set', async () => {
    api = await startCluster(2, {
      JWT_SECRET: undefined,
      BOOTSTRAP_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    });
    expect(api.output()).toContain('JWT_SECRET is not set: using a random key for this cluster');
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.201' },
      body: JSON.stringify({ email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    // Each request on a connection of its own: the primary hands them to the processes in turn.
    const statuses: number[] = [];
    for (let index = 0; index < 8; index++) {
      const me = await fetch(`${base}/users/me`, {
        headers: { authorization: `Bearer ${accessToken}`, connection: 'close' },
      });
      statuses.push(me.status);
    }
    expect(statuses).toEqual(Array(8).fill(200));
  }, 180_000);

  it('refuses a bad API_PROCESSES before forking anything', async () => {
    api = startChild(API_MAIN, { PORT: String(await freePort()), API_PROCESSES: '0' });
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('API_PROCESSES');
  });
});
