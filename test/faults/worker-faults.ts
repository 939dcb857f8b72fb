// Workers dying or stopping in the middle of a solve.
import type { Fault } from './ledger';
import {
  checkExactlyOnce,
  checkNothingStuck,
  importTeam,
  readRoster,
  requestRoster,
  solvingWorker,
  type RequestedRoster,
} from './rosters';
import type { Stack } from './stack';

/** Long enough to be caught mid-solve, short enough that ten of them fit in the time budget. */
const KILL_TIME_LIMIT_MS = 2500;

/**
 * SIGKILL the worker that is solving a roster, `times` times, each time another team's roster,
 * with two workers alive (a replacement is started for each one killed, as a supervisor would).
 * Nobody finishes the job for the dead worker: its lock lapses and another worker takes it over.
 */
export async function killWorkersMidSolve(
  stack: Stack,
  fault: Fault,
  times: number,
  seed: number,
): Promise<void> {
  await stack.ensureWorkers(2);
  const rosters: RequestedRoster[] = [];
  let missed = 0;
  while (fault.injected < times) {
    const team = await importTeam(stack, seed);
    const roster = await requestRoster(stack, team, { timeLimitMs: KILL_TIME_LIMIT_MS, seed });
    seed += 1;
    rosters.push(roster);
    const holder = await solvingWorker(stack, roster);
    if (!holder) {
      // Finished before it could be caught (a slow poll on a busy machine): it still gets checked.
      missed += 1;
      if (!fault.check(missed <= times, `could not catch a roster mid-solve ${missed} times`)) break;
      continue;
    }
    await holder.stop('SIGKILL');
    roster.interrupted = true;
    fault.injected += 1;
    stack.startWorker();
  }
  if (missed > 0)
    fault.note(`${missed} roster(s) finished before they could be caught mid-solve (checked all the same)`);
  await checkExactlyOnce(fault, stack, rosters);
  await checkNothingStuck(fault, stack);
}

/**
 * SIGTERM the worker that is solving a roster: it must stop before its shutdown deadline (not by
 * the deadline's exit 1), give the job back rather than leave it to stall, and another
 * worker finishes it.
 */
export async function stopWorkersMidSolve(
  stack: Stack,
  fault: Fault,
  times: number,
  seed: number,
): Promise<void> {
  await stack.ensureWorkers(2);
  const rosters: RequestedRoster[] = [];
  while (fault.injected < times) {
    const team = await importTeam(stack, seed);
    // Longer than the shutdown deadline: only aborting the solve lets the worker stop in time.
    const roster = await requestRoster(stack, team, { timeLimitMs: 8000, seed });
    seed += 1;
    rosters.push(roster);
    const holder = await solvingWorker(stack, roster);
    if (!fault.check(holder !== undefined, `roster ${roster.rosterId} was never seen solving`)) continue;
    const stopped = await stack.stopWithin(holder!, 'SIGTERM', 30_000);
    fault.injected += 1;
    roster.interrupted = true;
    // Nest ends a clean shutdown by re-raising the signal (no exit code); 1 is the deadline's exit.
    fault.check(
      stopped.exited && stopped.code === null,
      () =>
        `the worker ${stopped.exited ? `exited with code ${stopped.code}` : 'did not exit within 30 s'} on SIGTERM`,
    );
    const after = await readRoster(stack, roster.rosterId);
    fault.check(
      after?.status === 'queued' || (after?.status === 'running' && after.attempts >= 2),
      () =>
        `roster ${roster.rosterId} is ${after?.status} (attempt ${after?.attempts}) after its worker stopped`,
    );
    stack.startWorker();
  }
  await checkExactlyOnce(fault, stack, rosters);
  for (const roster of rosters) {
    const job = await stack.queue.getJob(roster.jobId);
    fault.check(
      job?.stalledCounter === 0,
      () =>
        `job ${roster.jobId} stalled ${job?.stalledCounter} times: the stopping worker did not give it back`,
    );
  }
  await checkNothingStuck(fault, stack);
}
