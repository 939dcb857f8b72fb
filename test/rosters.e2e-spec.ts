import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ROSTER_QUEUE } from '@homecare/jobs';
import { OutboxRelay } from '@homecare/core/rosters';
import { checkRoster } from '@homecare/roster-engine';
import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';
import {
  adminAuthorization,
  createTestApp,
  createTeam,
  expectProblem,
  type TestApp,
} from './support/test-app';
import { ensureBuilt, REPO_ROOT, startWorker, workerStarted, type ChildApp } from './support/processes';
import { importTeam, smallTeamScenario, waitForRoster, WEEK, type RosterBody } from './support/rosters';
import { dayOf } from './support/clock';

jest.setTimeout(90_000);

interface SseEvent {
  event: string;
  data: RosterBody;
}

const REFEREE = path.resolve(REPO_ROOT, '../shared/tools/roster-check.mjs');

/** Reads a server-sent event stream to its end (or until `stopAfter` events) as parsed events. */
function readEvents(server: http.Server, url: string, stopAfter = Infinity): Promise<SseEvent[]> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const request = http.get(
      {
        host: '127.0.0.1',
        port,
        path: url,
        headers: { accept: 'text/event-stream', authorization: adminAuthorization },
      },
      (response) => {
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (data !== undefined) events.push({ event, data: JSON.parse(data) });
            if (events.length >= stopAfter) {
              request.destroy();
              resolve(events);
            }
          }
        });
        response.on('end', () => resolve(events));
        response.on('error', reject);
      },
    );
    request.on('error', (error) => (events.length >= stopAfter ? undefined : reject(error)));
  });
}

describe('rosters through the queue', () => {
  let api: TestApp;
  let worker: ChildApp;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    await api.app.listen(0, '127.0.0.1');
    worker = startWorker();
    await workerStarted(worker);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it('answers 202 with the roster and job ids, and the worker stores a proposal with explanations', async () => {
    const scenario = smallTeamScenario(5);
    const { teamId } = await importTeam(api.http, scenario);
    const response = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 800 })
      .expect(202);
    expect(response.body).toMatchObject({
      rosterId: expect.any(String),
      jobId: expect.stringMatching(/^roster-[0-9a-f]{64}$/),
      created: true,
    });
    expect(response.headers.location).toBe(`/rosters/${response.body.rosterId}`);

    const roster = await waitForRoster(api.http, response.body.rosterId);
    expect(roster).toMatchObject({
      status: 'done',
      progress: 1,
      teamId,
      periodStart: WEEK.periodStart,
      failureReason: null,
    });
    expect(roster.kpis).toMatchObject({ coverage: expect.any(Number), travelMinutes: expect.any(Number) });
    expect(roster.stats).toMatchObject({
      iterations: expect.any(Number),
      elapsedMs: expect.any(Number),
      cancelled: false,
    });
    expect(roster.assignments.length + roster.unassigned.length).toBe(scenario.visits.length);
    const assignment = roster.assignments[0];
    expect(assignment).toMatchObject({
      visitId: expect.any(String),
      caregiverIds: [expect.any(String)],
      start: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/),
      startLocal: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/),
      explanation: expect.arrayContaining([expect.any(String)]),
    });
    for (const visit of roster.unassigned) expect(visit.reason).toEqual(expect.any(String));

    // The input snapshot (names, addresses) is kept only until the proposal is stored.
    const [stored] = await api.app
      .get(DataSource)
      .query('SELECT input FROM roster WHERE id = $1', [roster.id]);
    expect(stored.input).toBeNull();

    const list = await api.http.get(`/teams/${teamId}/rosters`).query({ limit: 10 }).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: roster.id, status: 'done' }] });
    expect(list.body.items[0]).not.toHaveProperty('assignments');
  });

  it('returns the pending job for an identical request, even for identical requests at once', async () => {
    const { teamId } = await importTeam(api.http, smallTeamScenario(6));
    const body = { ...WEEK, timeLimitMs: 1500, seed: 3 };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.http.post(`/teams/${teamId}/rosters`).send(body)),
    );
    for (const response of responses) expect(response.status).toBe(202);
    const ids = new Set(responses.map((response) => response.body.rosterId));
    const jobIds = new Set(responses.map((response) => response.body.jobId));
    expect(ids.size).toBe(1);
    expect(jobIds.size).toBe(1);
    expect(responses.filter((response) => response.body.created)).toHaveLength(1);

    // Other options are another computation.
    const other = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...body, seed: 4 })
      .expect(202);
    expect(other.body.rosterId).not.toBe(responses[0].body.rosterId);
    expect(other.body.jobId).not.toBe(responses[0].body.jobId);

    await waitForRoster(api.http, responses[0].body.rosterId);
    // Once done, the same request computes again (a new roster; the finished job id is reused).
    const again = await api.http.post(`/teams/${teamId}/rosters`).send(body).expect(202);
    expect(again.body).toMatchObject({ created: true, jobId: responses[0].body.jobId });
    expect(again.body.rosterId).not.toBe(responses[0].body.rosterId);
    const second = await waitForRoster(api.http, again.body.rosterId);
    expect(second.status).toBe('done');
    await waitForRoster(api.http, other.body.rosterId);
  });

  it('exports the roster with the ids of the scenario export, and the referee finds it valid', async () => {
    const { teamId } = await importTeam(
      api.http,
      smallTeamScenario(7, { caregivers: 5, clients: 12, days: 7 }),
    );
    const created = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 1000 })
      .expect(202);
    await waitForRoster(api.http, created.body.rosterId);
    const scenario = await api.http
      .get(`/teams/${teamId}/scenario`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    const roster = await api.http.get(`/rosters/${created.body.rosterId}/export`).expect(200);
    expect(roster.body.format).toBe('homecare-roster/v1');
    const visitIds = new Set(scenario.body.visits.map((visit: { id: string }) => visit.id));
    for (const assignment of roster.body.assignments) expect(visitIds.has(assignment.visitId)).toBe(true);

    // The project's own checker always; the independent referee too when ../shared is beside the clone.
    const own = checkRoster(scenario.body as ScenarioDocument, roster.body as RosterDocument);
    expect(own.violations).toEqual([]);
    if (!existsSync(REFEREE)) {
      console.info(`no ${REFEREE}: the export was checked with the project's own checker only`);
      return;
    }
    const directory = mkdtempSync(path.join(os.tmpdir(), 'roster-export-'));
    writeFileSync(path.join(directory, 'scenario.json'), JSON.stringify(scenario.body));
    writeFileSync(path.join(directory, 'roster.json'), JSON.stringify(roster.body));
    const referee = spawnSync(
      process.execPath,
      [REFEREE, path.join(directory, 'scenario.json'), path.join(directory, 'roster.json')],
      { encoding: 'utf8' },
    );
    expect(referee.stdout.trim().split('\n').pop()).toBe('VALID');
    expect(referee.status).toBe(0);
  });

  it('streams progress as server-sent events and ends the stream when the roster is done', async () => {
    const { teamId } = await importTeam(api.http, smallTeamScenario(8));
    const created = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 2500 })
      .expect(202);
    const events = await readEvents(api.app.getHttpServer(), `/rosters/${created.body.rosterId}/events`);
    const last = events[events.length - 1];
    expect(last).toMatchObject({
      event: 'done',
      data: { status: 'done', progress: 1, kpis: { coverage: expect.any(Number) } },
    });
    expect(
      events.some(
        (event) =>
          event.event === 'progress' &&
          event.data.status === 'running' &&
          event.data.progress > 0 &&
          event.data.kpis,
      ),
    ).toBe(true);
  });

  it('stops streaming when the client goes away', async () => {
    const { teamId } = await importTeam(api.http, smallTeamScenario(9));
    const created = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 2000 })
      .expect(202);
    const dataSource = api.app.get(DataSource);
    const queries = jest.spyOn(dataSource, 'createQueryBuilder');
    const events = await readEvents(api.app.getHttpServer(), `/rosters/${created.body.rosterId}/events`, 1);
    expect(events).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterDisconnect = queries.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // No more polling for the stream that closed (other tests' reads do not run meanwhile).
    expect(queries.mock.calls.length).toBe(afterDisconnect);
    queries.mockRestore();
    await waitForRoster(api.http, created.body.rosterId);
  });

  it('fails at once with the reason when the period has no visits', async () => {
    const { teamId } = await createTeam(api.http);
    const created = await api.http.post(`/teams/${teamId}/rosters`).send(WEEK).expect(202);
    const roster = await waitForRoster(api.http, created.body.rosterId);
    expect(roster).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining('no visits are planned'),
      attempts: 1,
    });
    const events = await readEvents(api.app.getHttpServer(), `/rosters/${created.body.rosterId}/events`);
    expect(events).toEqual([
      {
        event: 'failed',
        data: expect.objectContaining({ status: 'failed', failureReason: expect.any(String) }),
      },
    ]);
    expectProblem(await api.http.get(`/rosters/${created.body.rosterId}/export`), 409);
  });

  it('refuses bad requests and unknown ids with problem details', async () => {
    const { teamId } = await createTeam(api.http);
    const invalid = expectProblem(
      await api.http
        .post(`/teams/${teamId}/rosters`)
        .send({ periodStart: dayOf(WEEK, 7), periodEnd: dayOf(WEEK, 0), extra: 1 }),
      400,
    );
    expect(invalid.problems?.map((problem) => problem.path)).toEqual(expect.arrayContaining(['$.extra']));
    expectProblem(
      await api.http
        .post(`/teams/${teamId}/rosters`)
        .send({ periodStart: dayOf(WEEK, 7), periodEnd: dayOf(WEEK, 0) }),
      400,
    );
    expectProblem(await api.http.post(`/teams/${teamId}/rosters`).send({ ...WEEK, timeLimitMs: -1 }), 400);
    expectProblem(await api.http.post('/teams/00000000-0000-4000-8000-000000000000/rosters').send(WEEK), 404);
    expectProblem(await api.http.get('/rosters/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await api.http.get('/rosters/00000000-0000-4000-8000-000000000000/events'), 404);
    expectProblem(await api.http.get('/teams/00000000-0000-4000-8000-000000000000/rosters'), 404);
  });

  it('computes every team of an organisation as one flow and reports each team', async () => {
    const first = await importTeam(api.http, smallTeamScenario(11));
    const second = await importTeam(api.http, smallTeamScenario(12), first.organisationId);
    const empty = await api.http
      .post('/teams')
      .send({ organisationId: first.organisationId, name: 'zz empty team', timezone: 'Europe/Amsterdam' })
      .expect(201);
    const response = await api.http
      .post(`/organisations/${first.organisationId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 700 })
      .expect(202);
    expect(response.headers.location).toBe(
      `/organisations/${first.organisationId}/roster-runs/${response.body.id}`,
    );
    expect(response.body).toMatchObject({ status: 'queued', teams: expect.any(Array) });
    expect(response.body.teams).toHaveLength(3);

    let run: RosterBody;
    const deadline = performance.now() + 60_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 300));
      run = (
        await api.http
          .get(`/organisations/${first.organisationId}/roster-runs/${response.body.id}`)
          .expect(200)
      ).body;
    } while (!run.finishedAt && performance.now() < deadline);
    expect(run.finishedAt).toEqual(expect.any(String));
    expect(run.counts).toEqual({ queued: 0, running: 0, done: 2, failed: 1 });
    expect(run.status).toBe('failed');
    const byTeam = new Map(run.teams.map((team: { teamId: string }) => [team.teamId, team]));
    for (const teamId of [first.teamId, second.teamId]) {
      const team = byTeam.get(teamId) as RosterBody;
      expect(team).toMatchObject({
        status: 'done',
        rosterId: expect.any(String),
        kpis: { coverage: expect.any(Number) },
      });
      const roster = await api.http.get(`/rosters/${team.rosterId}`).expect(200);
      expect(roster.body).toMatchObject({ status: 'done', runId: run.id, teamId });
    }
    expect(byTeam.get(empty.body.id)).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining('no visits'),
    });
    expectProblem(
      await api.http.get(
        `/organisations/${second.organisationId}/roster-runs/00000000-0000-4000-8000-000000000000`,
      ),
      404,
    );
  });

  it('keeps the queue dashboard closed without operator credentials', async () => {
    expectProblem(await api.http.get('/admin/queues'), 404);
  });

  it('relays every outbox row of the roster queue', async () => {
    await api.app.get(OutboxRelay).drain();
    // Email rows are the worker's email relay's (other suites sharing the database write them).
    const [{ pending }] = await api.app.get(DataSource).query(
      `SELECT count(*)::int AS pending FROM outbox
          WHERE dispatched_at IS NULL AND queue_name = $1 AND available_at <= now()`,
      [ROSTER_QUEUE],
    );
    expect(pending).toBe(0);
  });
});
