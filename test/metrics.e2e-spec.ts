// Prometheus metrics: the API's /metrics (requests per route template, queue depth) and the
// worker's metrics port (job durations, solve quality), with METRICS_TOKEN guarding both.
import { createServer } from 'node:net';
import { createTestApp, type TestApp } from './support/test-app';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import { importTeam, smallTeamScenario, waitForRoster, WEEK } from './support/rosters';

jest.setTimeout(120_000);

const TOKEN = 'a-metrics-token-of-some-length';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('metrics', () => {
  let api: TestApp;
  let worker: ChildApp;
  let workerPort: number;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    workerPort = await freePort();
    worker = startWorker({ WORKER_METRICS_PORT: String(workerPort), METRICS_TOKEN: TOKEN });
    await workerStarted(worker);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it('counts requests by route template, never by path, and reports queue depth', async () => {
    const { teamId } = await importTeam(api.http, smallTeamScenario(7));
    await api.http.get(`/teams/${teamId}`).expect(200);
    await api.http.get(`/teams/${teamId}`).expect(200);
    await api.anonymous.get('/teams/whatever').expect(401);

    const response = await api.anonymous.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = response.text;
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: '/teams/:teamId',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: '/teams/:teamId',
        status: '401',
      }),
    ).toBeGreaterThanOrEqual(1);
    // No series is labelled with an id.
    expect(text).not.toContain(teamId);
    expect(sample(text, 'queue_jobs', { queue: 'rosters', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'queue_jobs', { queue: 'email', state: 'failed' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // The scrape itself is not in the OpenAPI document: it is no route of the product's API.
    const docs = await api.anonymous.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });

  it("times the worker's jobs and records the quality of each solve on its metrics port", async () => {
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${workerPort}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const figures = (text: string) => ({
      jobs: sample(text, 'job_duration_seconds_count', { queue: 'rosters', outcome: 'completed' }) ?? 0,
      solves: sample(text, 'roster_solve_coverage_ratio_count') ?? 0,
      coverage: sample(text, 'roster_solve_coverage_ratio_sum') ?? 0,
      caregiversPerClient: sample(text, 'roster_solve_caregivers_per_client_sum') ?? 0,
    });
    const before = figures(await scrape());

    const { teamId } = await importTeam(api.http, smallTeamScenario(8));
    const started = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 500 })
      .expect(202);
    const roster = await waitForRoster(api.http, started.body.rosterId);
    expect(roster.status).toBe('done');

    let text = '';
    await waitFor('the solve in the worker metrics', async () => {
      text = await scrape();
      return figures(text).jobs > before.jobs;
    });
    const after = figures(text);
    expect(after.solves - before.solves).toBe(1);
    expect(after.coverage - before.coverage).toBeCloseTo(roster.kpis.coverage, 5);
    expect(after.caregiversPerClient - before.caregiversPerClient).toBeCloseTo(
      roster.kpis.meanDistinctCaregiversPerClient,
      5,
    );
    expect(text).not.toContain(teamId);
    expect((await fetch(`http://127.0.0.1:${workerPort}/elsewhere`)).status).toBe(404);
  });

  it("asks for the metrics token on the worker's port, which was started with one", async () => {
    expect((await fetch(`http://127.0.0.1:${workerPort}/metrics`)).status).toBe(401);
    const wrong = await fetch(`http://127.0.0.1:${workerPort}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
  });
});
