import { REPAIR_LIMIT } from './support/lost-job-env';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { redisConnectionFromUrl, ROSTER_QUEUE } from '@homecare/jobs';
import { createTestApp, type TestApp } from './support/test-app';
import { negotiatingTeam } from './support/negotiation';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import { importTeam, smallTeamScenario, waitForRoster, WEEK } from './support/rosters';

jest.setTimeout(120_000);

/**
 * Redis losing a job after the outbox handed it over (a restart without persistence, its last
 * writes gone): the lost-job repair sends it again under the same id, and a job that keeps
 * vanishing ends the computation as failed, releasing what waited for it.
 */
describe('rosters whose job Redis lost', () => {
  let api: TestApp;
  let queue: Queue;
  let worker: ChildApp | undefined;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    queue = new Queue(ROSTER_QUEUE, {
      connection: redisConnectionFromUrl(process.env.REDIS_URL!),
      prefix: process.env.QUEUE_PREFIX,
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await api?.close();
  });

  /** Waits until the job is in Redis (the relay or the repair sent it), then makes Redis lose it. */
  async function loseJob(jobId: string): Promise<void> {
    await waitFor(`job ${jobId} in Redis`, async () => (await queue.getJob(jobId)) !== undefined, 20_000, 50);
    await queue.remove(jobId);
  }

  const rosterOf = async (rosterId: string) => (await api.http.get(`/rosters/${rosterId}`).expect(200)).body;

  /** Loses the roster's job every time it is sent, until the roster is no longer pending. */
  async function keepLosing(rosterId: string): Promise<number> {
    let losses = 0;
    const { jobId } = await rosterOf(rosterId);
    for (;;) {
      let pending = true;
      await waitFor(
        `job ${jobId} in Redis, or roster ${rosterId} finished`,
        async () => {
          pending = ['queued', 'running'].includes((await rosterOf(rosterId)).status);
          return !pending || (await queue.getJob(jobId)) !== undefined;
        },
        20_000,
        50,
      );
      if (!pending) return losses;
      if (losses > REPAIR_LIMIT) throw new Error(`roster ${rosterId} still pending after ${losses} losses`);
      await queue.remove(jobId);
      losses += 1;
    }
  }

  it('fails a roster whose job keeps vanishing, clears its snapshot, and lets an identical request start anew', async () => {
    const { teamId } = await importTeam(api.http, smallTeamScenario(41));
    const request = { ...WEEK, timeLimitMs: 400, seed: 41 };
    const requested = await api.http.post(`/teams/${teamId}/rosters`).send(request).expect(202);
    const { rosterId } = requested.body;

    expect(await keepLosing(rosterId)).toBe(REPAIR_LIMIT + 1);
    const failed = await rosterOf(rosterId);
    expect(failed).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/lost by the queue/),
    });
    const [snapshot] = await api.app
      .get(DataSource)
      .query('SELECT input, repairs FROM roster WHERE id = $1', [rosterId]);
    expect(snapshot).toEqual({ input: null, repairs: REPAIR_LIMIT });

    // The failed roster is not joined: the same request is a new computation.
    const again = await api.http.post(`/teams/${teamId}/rosters`).send(request).expect(202);
    expect(again.body).toMatchObject({ created: true, status: 'queued' });
    expect(again.body.rosterId).not.toBe(rosterId);
  });

  it("releases a plan whose computation's job keeps vanishing: changes work again", async () => {
    const team = await negotiatingTeam(api, 42);
    const member = team.members[0];
    const created = await member.http
      .post(`/teams/${team.teamId}/roster-plans`)
      .send({ ...WEEK, timeLimitMs: 400 })
      .expect(202);
    const planId = created.body.id as string;
    const rosterId = created.body.computation.rosterId as string;
    // While the computation is pending, the plan refuses changes.
    const refused = await member.http
      .post(`/roster-plans/${planId}/recomputes`)
      .set('If-Match', created.body.etag)
      .expect(409);
    expect(refused.body.code).toBe('plan.computing');

    await keepLosing(rosterId);
    const plan = (await member.http.get(`/roster-plans/${planId}`).expect(200)).body;
    expect(plan.computation).toMatchObject({
      rosterId,
      status: 'failed',
      failureReason: expect.stringMatching(/lost by the queue/),
    });
    const recomputed = await member.http
      .post(`/roster-plans/${planId}/recomputes`)
      .set('If-Match', plan.etag)
      .expect(202);
    expect(recomputed.body.computation).toMatchObject({ status: 'queued' });
    expect(recomputed.body.computation.rosterId).not.toBe(rosterId);
  });

  it('sends a lost job again, and the roster completes once a worker runs', async () => {
    const { teamId } = await importTeam(api.http, smallTeamScenario(43));
    const request = { ...WEEK, timeLimitMs: 400, seed: 43 };
    const requested = await api.http.post(`/teams/${teamId}/rosters`).send(request).expect(202);
    const { rosterId, jobId } = requested.body;

    // No worker yet: Redis loses the job before anyone takes it, and the repair sends it again.
    await loseJob(jobId);
    await waitFor('the job sent again', async () => (await queue.getJob(jobId)) !== undefined, 20_000, 50);
    // An identical request joins the repaired computation rather than starting a second one.
    const joined = await api.http.post(`/teams/${teamId}/rosters`).send(request).expect(202);
    expect(joined.body).toMatchObject({ rosterId, created: false });

    worker = startWorker();
    await workerStarted(worker);
    const roster = await waitForRoster(api.http, rosterId);
    expect(roster).toMatchObject({ status: 'done', failureReason: null });
    expect(roster.assignments.length).toBeGreaterThan(0);
    const [row] = await api.app
      .get(DataSource)
      .query('SELECT input, repairs FROM roster WHERE id = $1', [rosterId]);
    expect(row).toEqual({ input: null, repairs: 1 });
  });
});
