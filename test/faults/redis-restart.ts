// Redis going away in the middle of a batch of roster jobs, and coming back.
import { clockFromSettings } from '@homecare/common';
import { waitFor } from '../support/processes';
import { WEEK } from '../support/rosters';
import { describe } from './http';
import type { Fault } from './ledger';
import { negotiatingPlan } from './plans';
import {
  checkExactlyOnce,
  checkNothingStuck,
  importTeam,
  requestRoster,
  solvingWorker,
  type RequestedRoster,
} from './rosters';
import { HEALTHY_WITHIN_MS, sleep, type Stack } from './stack';

const BATCH = 8;
const OUTAGE_MS = 3000;

/**
 * A batch of rosters is queued and being solved by two workers when Redis shuts down for a few
 * seconds. Meanwhile the API refuses new rosters with 503 and keeps serving stored ones; once
 * Redis is back, every roster of the batch finishes exactly once, the API is healthy by itself,
 * no worker has died, and a new roster goes through.
 */
export async function restartRedisDuringBatch(stack: Stack, fault: Fault, seed: number): Promise<void> {
  const redis = stack.control.redis;
  if (!redis) {
    fault.skipped = 'REDIS_URL points at a Redis this suite did not start';
    return;
  }
  await stack.ensureWorkers(2);
  const plan = await negotiatingPlan(stack, seed + 50);
  const teams = [];
  for (let index = 0; index <= BATCH; index++) teams.push(await importTeam(stack, seed + index));
  const later = teams.pop()!;
  const { rows } = await stack.db.query<{ id: string }>(
    `SELECT id FROM roster WHERE status = 'done' LIMIT 1`,
  );
  const storedRosterId = rows[0]?.id;

  const batch: RequestedRoster[] = [];
  for (const [index, team] of teams.entries())
    batch.push(await requestRoster(stack, team, { timeLimitMs: 1500, seed: seed + index }));
  await solvingWorker(stack, batch[0]);
  const workers = [...stack.workers];
  const { rows: states } = await stack.db.query<{ status: string; rosters: number }>(
    'SELECT status, count(*)::int AS rosters FROM roster WHERE id = ANY($1) GROUP BY status ORDER BY status',
    [batch.map((roster) => roster.rosterId)],
  );
  await redis.stop();
  fault.injected += 1;
  try {
    const health = await stack.admin.get('/health');
    fault.check(
      health.kind === 'answered' && health.status === 503,
      () => `/health answered ${describe(health)} while Redis was down`,
    );
    const refused = await stack.admin.post(`/teams/${later.teamId}/rosters`, WEEK);
    fault.check(
      refused.kind === 'answered' &&
        refused.status === 503 &&
        refused.contentType.startsWith('application/problem+json'),
      () => `a roster request while Redis was down got ${describe(refused)}, not a 503 problem`,
    );
    if (storedRosterId) {
      const stored = await stack.admin.get(`/rosters/${storedRosterId}/export`);
      fault.check(
        stored.kind === 'answered' && stored.status === 200,
        () => `a stored roster could not be read while Redis was down: ${describe(stored)}`,
      );
    }
    // A review whose deadline passes while Redis is away: its close-review job is recorded now
    // (the outbox) and must go out, and run once, when Redis is back.
    const member = plan.members[0].client;
    const read = await member.get(`/roster-plans/${plan.planId}`);
    const review = await member.post(
      `/roster-plans/${plan.planId}/review`,
      { reviewDeadline: new Date(clockFromSettings(process.env).nowMs() + 500).toISOString() },
      { headers: { 'if-match': read.kind === 'answered' ? (read.etag ?? '') : '' } },
    );
    fault.check(
      review.kind === 'answered' && review.status === 200,
      () => `opening a review with a deadline while Redis was down got ${describe(review)}`,
    );
    await sleep(OUTAGE_MS);
  } finally {
    await redis.start();
  }
  fault.note(
    `the batch when Redis stopped: ${states.map((state) => `${state.rosters} ${state.status}`).join(', ')}`,
  );

  fault.check(
    await stack.recovered(),
    `/health did not answer 200 within ${HEALTHY_WITHIN_MS / 1000} s of Redis coming back`,
  );
  await checkExactlyOnce(fault, stack, batch);
  await checkReviewClosed(fault, stack, plan.planId);
  fault.check(
    workers.every((worker) => worker.child.exitCode === null && worker.child.signalCode === null),
    'a worker died while Redis was away',
  );
  const after = await requestRoster(stack, later, { timeLimitMs: 500, seed });
  await checkExactlyOnce(fault, stack, [after], 60_000);
  await checkNothingStuck(fault, stack);
}

/** The close-review job recorded while Redis was away went out once and settled the plan. */
async function checkReviewClosed(fault: Fault, stack: Stack, planId: string): Promise<void> {
  const { rows } = await stack.db.query<{ job_id: string }>(
    `SELECT job_id FROM outbox WHERE job_name = 'close-review' AND payload->>'planId' = $1`,
    [planId],
  );
  if (!fault.check(rows.length === 1, `${rows.length} close-review jobs recorded for plan ${planId}, not 1`))
    return;
  const [{ job_id: jobId }] = rows;
  await waitFor(`job ${jobId} to complete`, () => (stack.completions.get(jobId) ?? 0) > 0, 60_000).catch(
    () => undefined,
  );
  const { rows: outbox } = await stack.db.query<{ dispatched: boolean; attempts: number }>(
    'SELECT dispatched_at IS NOT NULL AS dispatched, attempts FROM outbox WHERE job_id = $1',
    [jobId],
  );
  fault.check(
    outbox[0].dispatched && stack.completions.get(jobId) === 1,
    () =>
      `close-review job ${jobId}: dispatched ${outbox[0].dispatched}, completed ${stack.completions.get(jobId) ?? 0} times`,
  );
  fault.note(`the close-review job went out after ${outbox[0].attempts} dispatch attempt(s)`);
  // Read straight from the table: a GET of the plan would settle it by itself.
  const { rows: plans } = await stack.db.query<{ status: string }>(
    'SELECT status FROM roster_plan WHERE id = $1',
    [planId],
  );
  fault.check(
    plans[0].status === 'agreed',
    `plan ${planId} is ${plans[0].status} after its review deadline, not agreed`,
  );
}
