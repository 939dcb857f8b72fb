// Redis losing jobs the outbox had already handed over (a restart without persistence, a crash
// that loses its last writes): the lost-job repair must send each again, and each finishes once.
import { waitFor } from '../support/processes';
import type { Fault } from './ledger';
import {
  checkNothingStuck,
  importTeam,
  requestRoster,
  waitUntilFinished,
  type RequestedRoster,
} from './rosters';
import type { Stack } from './stack';

const BATCH = 4;

/**
 * With no worker running, a batch of rosters is requested; once their jobs are in Redis they are
 * deleted from it. Workers then start: every roster must end done, its job completed exactly once,
 * through exactly one repair (two outbox rows: the request's and the repair's), with one proposal
 * and its snapshot cleared.
 */
export async function loseQueuedJobs(stack: Stack, fault: Fault, seed: number): Promise<void> {
  await Promise.all([...stack.workers].map((worker) => stack.stopWithin(worker, 'SIGTERM', 15_000)));
  stack.workers.clear();
  const batch: RequestedRoster[] = [];
  for (let index = 0; index < BATCH; index++) {
    const team = await importTeam(stack, seed + index);
    batch.push(await requestRoster(stack, team, { timeLimitMs: 800, seed: seed + index }));
  }
  for (const roster of batch) {
    await waitFor(
      `job ${roster.jobId} in Redis`,
      async () => (await stack.queue.getJob(roster.jobId)) !== undefined,
    );
    await stack.queue.remove(roster.jobId);
    fault.injected += 1;
  }
  await stack.ensureWorkers(2);
  const finished = await waitUntilFinished(stack, batch, 120_000);
  for (const roster of batch) {
    const body = finished.get(roster.rosterId);
    if (
      !fault.check(
        body?.status === 'done',
        () => `roster ${roster.rosterId} is ${body?.status ?? 'unreadable'}`,
      )
    )
      continue;
    await waitFor(
      `job ${roster.jobId} to complete`,
      () => (stack.completions.get(roster.jobId) ?? 0) > 0,
      15_000,
    ).catch(() => undefined);
    fault.check(
      stack.completions.get(roster.jobId) === 1,
      () => `job ${roster.jobId} completed ${stack.completions.get(roster.jobId) ?? 0} times`,
    );
    const {
      rows: [row],
    } = await stack.db.query<{
      repairs: number;
      snapshot: boolean;
      outbox: number;
      assignments: number;
      visits: number;
    }>(
      `SELECT r.repairs, r.input IS NOT NULL AS snapshot,
              (SELECT count(*) FROM outbox o WHERE o.job_id = r.job_id)::int AS outbox,
              (SELECT count(*) FROM roster_assignment a WHERE a.roster_id = r.id)::int AS assignments,
              (SELECT count(DISTINCT a.visit_id) FROM roster_assignment a WHERE a.roster_id = r.id)::int AS visits
         FROM roster r WHERE r.id = $1`,
      [roster.rosterId],
    );
    fault.check(
      row.repairs === 1 && row.outbox === 2,
      () => `roster ${roster.rosterId}: ${row.repairs} repairs, ${row.outbox} outbox rows (1 and 2 expected)`,
    );
    fault.check(!row.snapshot, `roster ${roster.rosterId} kept its scenario snapshot`);
    fault.check(
      row.assignments === row.visits,
      () => `roster ${roster.rosterId}: ${row.assignments} assignment rows for ${row.visits} visits`,
    );
  }
  await checkNothingStuck(fault, stack);
}
