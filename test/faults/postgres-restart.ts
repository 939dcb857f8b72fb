// Postgres restarting, and then down for a few seconds, while writes of every shape stream in.
import type { Fault } from './ledger';
import { negotiatingPlan } from './plans';
import { checkExactlyOnce, checkNothingStuck, importTeam, requestRoster, solvingWorker } from './rosters';
import { HEALTHY_WITHIN_MS, sleep, type Stack } from './stack';
import { PatternReplacements, PinToggles, tally, TeamImports, WriteLoad, type WriteStream } from './writes';

const OUTAGE_MS = 3000;

/**
 * While team imports, weekly-pattern replacements (whose team has a plan to flag) and members'
 * pins stream in, and a roster is being solved: Postgres restarts (fast shutdown: every
 * connection cut), then stops for a few seconds and starts again. Every write is judged against
 * the database afterwards; the API must be healthy again by itself and accept writes, and the
 * roster finishes exactly once.
 */
export async function restartPostgresDuringWrites(stack: Stack, fault: Fault, seed: number): Promise<void> {
  const postgres = stack.control.postgres;
  if (!postgres) {
    fault.skipped = 'DATABASE_URL points at a Postgres this suite did not start';
    return;
  }
  await stack.ensureWorkers(2);
  const plan = await negotiatingPlan(stack, seed);
  const imports = [new TeamImports(seed * 1000), new TeamImports(seed * 1000 + 500)];
  const patterns = plan.caregiverIds.slice(0, 3).map((caregiverId) => new PatternReplacements(caregiverId));
  const pins = plan.members.map(
    (member) => new PinToggles(member.client, member.caregiverId, plan.planId, member.visitId),
  );
  const streams: WriteStream[] = [
    ...imports.map((writer, index) => ({
      name: `imports ${index + 1}`,
      writes: writer.writes,
      send: () => writer.send(stack.admin),
    })),
    ...patterns.map((writer) => ({
      name: `patterns of ${writer.caregiverId}`,
      writes: writer.writes,
      send: () => writer.send(stack.admin),
    })),
    ...pins.map((writer) => ({
      name: `pins by ${writer.caregiverId}`,
      writes: writer.writes,
      send: () => writer.send(),
    })),
  ];
  const roster = await requestRoster(stack, await importTeam(stack, seed + 1), { timeLimitMs: 4000, seed });
  const api = stack.api;
  const workers = [...stack.workers];
  const load = new WriteLoad(streams);
  load.start();
  try {
    fault.check(await load.acknowledgedSince(0, 1, 30_000), 'the writes did not get going before the fault');
    await solvingWorker(stack, roster);
    await postgres.restart();
    fault.injected += 1;
    await sleep(1500);
    await postgres.stop();
    fault.injected += 1;
    try {
      await sleep(OUTAGE_MS);
    } finally {
      await postgres.start();
    }
    const back = performance.now();
    fault.check(
      await stack.recovered(),
      `/health did not answer 200 within ${HEALTHY_WITHIN_MS / 1000} s of Postgres coming back`,
    );
    fault.check(
      [api, ...workers].every((app) => app.child.exitCode === null && app.child.signalCode === null),
      'the API or a worker did not survive the outage',
    );
    fault.check(
      await load.acknowledgedSince(back, 2, 30_000),
      'some writes were not acknowledged again within 30 s of Postgres coming back',
    );
  } finally {
    await load.stop();
  }
  for (const stream of streams) fault.note(`${stream.name}: ${tally(stream.writes)}`);
  for (const writer of imports) await writer.verify(fault, stack);
  for (const writer of patterns) await writer.verify(fault, stack);
  await PinToggles.verify(fault, stack, plan.planId, pins);
  await checkExactlyOnce(fault, stack, [roster]);
  await checkNothingStuck(fault, stack);
}
