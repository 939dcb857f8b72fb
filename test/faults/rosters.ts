// Roster jobs under fault: request them, catch one mid-solve, and check afterwards that each
// finished exactly once (one roster row, one stored proposal, one completed job, one outbox row).
import { smallTeamScenario, WEEK } from '../support/rosters';
import { waitFor, type ChildApp } from '../support/processes';
import type { Fault } from './ledger';
import type { Stack } from './stack';

export interface RequestedRoster {
  teamId: string;
  rosterId: string;
  jobId: string;
  /** visits of the team in the period: each is assigned or unassigned once in the proposal */
  visits: number;
  /** a worker died (or stopped) holding it: it must have been started more than once */
  interrupted?: boolean;
}

interface RosterBody {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  attempts: number;
  bestKpis: unknown;
  failureReason: string | null;
}

export interface Team {
  teamId: string;
  visits: number;
}

/** Imports a generated team-week large enough that a solve runs for its whole time limit. */
export async function importTeam(stack: Stack, seed: number): Promise<Team> {
  const scenario = smallTeamScenario(seed, { caregivers: 5, clients: 12, days: 5 });
  const { teamId } = await stack.admin.expect<{ teamId: string }>('POST', '/teams/import', 201, {
    body: scenario,
  });
  return { teamId, visits: scenario.visits.length };
}

export async function requestRoster(
  stack: Stack,
  team: Team,
  options: { timeLimitMs: number; seed: number },
): Promise<RequestedRoster> {
  const { rosterId, jobId } = await stack.admin.expect<{ rosterId: string; jobId: string }>(
    'POST',
    `/teams/${team.teamId}/rosters`,
    202,
    { body: { ...WEEK, ...options } },
  );
  return { teamId: team.teamId, rosterId, jobId, visits: team.visits };
}

export async function readRoster(stack: Stack, rosterId: string): Promise<RosterBody | undefined> {
  const outcome = await stack.admin.get(`/rosters/${rosterId}`);
  return outcome.kind === 'answered' && outcome.status === 200 ? (outcome.body as RosterBody) : undefined;
}

/**
 * Waits until a worker is solving the roster (the engine has reported progress) and returns that
 * worker; undefined when the roster finished before it could be caught.
 */
export async function solvingWorker(stack: Stack, roster: RequestedRoster): Promise<ChildApp | undefined> {
  let holder: ChildApp | undefined;
  let finished = false;
  await waitFor(
    `roster ${roster.rosterId} to be solving`,
    async () => {
      const body = await readRoster(stack, roster.rosterId);
      if (body?.status === 'done' || body?.status === 'failed') return (finished = true);
      if (body?.status !== 'running' || !(body.progress > 0 || body.bestKpis)) return false;
      holder = await stack.holderOf(roster.jobId);
      return holder !== undefined;
    },
    60_000,
    50,
  );
  return finished ? undefined : holder;
}

/** Polls until every roster is done or failed, or the time is up; returns the last bodies seen. */
export async function waitUntilFinished(
  stack: Stack,
  rosters: RequestedRoster[],
  timeoutMs: number,
): Promise<Map<string, RosterBody | undefined>> {
  const seen = new Map<string, RosterBody | undefined>();
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    for (const roster of rosters) {
      const last = seen.get(roster.rosterId);
      if (last?.status === 'done' || last?.status === 'failed') continue;
      seen.set(roster.rosterId, await readRoster(stack, roster.rosterId));
    }
    const open = rosters.filter(
      (roster) => !['done', 'failed'].includes(seen.get(roster.rosterId)?.status ?? ''),
    );
    if (open.length === 0 || performance.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Every roster finished exactly once: done (not failed, not stuck), the only roster rows of its
 * team are the ones requested, its proposal lists every visit once, its job completed once and
 * went through the outbox once; an interrupted one was started again.
 */
export async function checkExactlyOnce(
  fault: Fault,
  stack: Stack,
  rosters: RequestedRoster[],
  timeoutMs = 120_000,
): Promise<void> {
  const finished = await waitUntilFinished(stack, rosters, timeoutMs);
  for (const roster of rosters) {
    const id = roster.rosterId;
    const body = finished.get(id);
    if (
      !fault.check(
        body?.status === 'done',
        () =>
          `roster ${id} is ${body?.status ?? 'unreadable'} after ${timeoutMs / 1000} s${body?.failureReason ? `: ${body.failureReason}` : ''}`,
      )
    )
      continue;
    const requestedForTeam = rosters
      .filter((other) => other.teamId === roster.teamId)
      .map((other) => other.rosterId);
    const { rows: teamRosters } = await stack.db.query<{ id: string }>(
      'SELECT id FROM roster WHERE team_id = $1',
      [roster.teamId],
    );
    fault.check(
      teamRosters.length === requestedForTeam.length &&
        teamRosters.every((row) => requestedForTeam.includes(row.id)),
      () =>
        `team ${roster.teamId} has ${teamRosters.length} roster rows for ${requestedForTeam.length} requests`,
    );
    const {
      rows: [stored],
    } = await stack.db.query<{ assignments: number; visits: number; unassigned: number }>(
      `SELECT count(a.id)::int AS assignments, count(DISTINCT a.visit_id)::int AS visits,
              coalesce(jsonb_array_length(r.unassigned), 0)::int AS unassigned
         FROM roster r LEFT JOIN roster_assignment a ON a.roster_id = r.id
        WHERE r.id = $1 GROUP BY r.id`,
      [id],
    );
    fault.check(
      stored.assignments === stored.visits && stored.assignments + stored.unassigned === roster.visits,
      () =>
        `roster ${id}: ${stored.assignments} assignment rows for ${stored.visits} visits, ${stored.unassigned} unassigned, ` +
        `${roster.visits} visits in the period`,
    );
    // The completed event may trail the stored proposal by a moment.
    await waitFor(
      `job ${roster.jobId} to complete`,
      () => (stack.completions.get(roster.jobId) ?? 0) > 0,
      15_000,
    ).catch(() => undefined);
    const job = await stack.queue.getJob(roster.jobId);
    const state = job ? await job.getState() : 'missing';
    fault.check(
      state === 'completed' && stack.completions.get(roster.jobId) === 1,
      () => `job ${roster.jobId} is ${state}, completed ${stack.completions.get(roster.jobId) ?? 0} times`,
    );
    const {
      rows: [outbox],
    } = await stack.db.query<{ rows: number; dispatched: number }>(
      'SELECT count(*)::int AS rows, count(dispatched_at)::int AS dispatched FROM outbox WHERE job_id = $1',
      [roster.jobId],
    );
    fault.check(
      outbox.rows === 1 && outbox.dispatched === 1,
      () => `job ${roster.jobId}: ${outbox.rows} outbox rows, ${outbox.dispatched} dispatched`,
    );
    if (roster.interrupted)
      fault.check(
        (body?.attempts ?? 0) >= 2,
        `roster ${id} was interrupted mid-solve but started only ${body?.attempts} time(s)`,
      );
  }
}

/** Nothing left behind: no job waiting or active, no roster pending, no outbox row undelivered. */
export async function checkNothingStuck(fault: Fault, stack: Stack): Promise<void> {
  const counts = await stack.queue.getJobCounts(
    'waiting',
    'active',
    'delayed',
    'prioritized',
    'waiting-children',
  );
  fault.check(
    Object.values(counts).every((count) => count === 0),
    () => `jobs left in the queue: ${JSON.stringify(counts)}`,
  );
  const {
    rows: [pending],
  } = await stack.db.query<{ rosters: number; outbox: number }>(
    `SELECT (SELECT count(*) FROM roster WHERE status IN ('queued', 'running'))::int AS rosters,
            (SELECT count(*) FROM outbox WHERE dispatched_at IS NULL AND available_at <= now())::int AS outbox`,
  );
  fault.check(
    pending.rosters === 0 && pending.outbox === 0,
    () => `${pending.rosters} rosters still pending, ${pending.outbox} outbox rows undelivered`,
  );
}
