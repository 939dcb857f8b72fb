// SIGTERM to the API while reads and writes keep coming, and a supervisor that starts it again.
import { WEEK } from '../support/rosters';
import { describe, succeeded } from './http';
import type { Fault } from './ledger';
import { importTeam } from './rosters';
import { HEALTHY_WITHIN_MS, type Stack } from './stack';
import {
  CaregiverCreations,
  PatternReplacements,
  tally,
  TeamImports,
  timed,
  WriteLoad,
  type Written,
  type WriteStream,
} from './writes';

/** Longer than the API's own drain deadline: a process still running then is hung. */
const EXIT_WITHIN_MS = 30_000;

/**
 * Reads, caregiver creations, team imports and pattern replacements stream in over keep-alive
 * connections; a large import is in flight when the API gets SIGTERM. The API must finish what it
 * is doing (no 5xx, no answer cut off, the in-flight import answered 201) and exit by itself,
 * cleanly; a supervisor then starts it again and it is healthy. Afterwards every acknowledged
 * write is in the database, and every unanswered one is there whole or not at all.
 */
export async function stopApiUnderLoad(
  stack: Stack,
  fault: Fault,
  times: number,
  seed: number,
): Promise<void> {
  await stack.ensureWorkers(2);
  const team = await importTeam(stack, seed);
  const { items } = await stack.admin.expect<{ items: { id: string }[] }>(
    'GET',
    `/teams/${team.teamId}/caregivers`,
    200,
  );
  const caregivers = new CaregiverCreations(team.teamId);
  const imports = new TeamImports(seed * 1000);
  const patterns = new PatternReplacements(items[0].id);
  const reads: Written[] = [];
  const readPaths = [
    `/teams/${team.teamId}/caregivers`,
    `/teams/${team.teamId}/scenario?from=${WEEK.periodStart}&to=${WEEK.periodEnd}`,
    `/caregivers/${items[1].id}/availability?from=${WEEK.periodStart}&to=${WEEK.periodEnd}`,
  ];
  let readCount = 0;
  const read = async (): Promise<void> => {
    const path = readPaths[readCount++ % readPaths.length];
    reads.push(await timed(`GET ${path}`, () => stack.admin.get(path)));
  };
  const streams: WriteStream[] = [
    { name: 'reads 1', writes: reads, send: read },
    { name: 'reads 2', writes: reads, send: read },
    { name: 'caregivers 1', writes: caregivers.writes, send: () => caregivers.send(stack.admin) },
    { name: 'caregivers 2', writes: caregivers.writes, send: () => caregivers.send(stack.admin) },
    { name: 'imports', writes: imports.writes, send: () => imports.send(stack.admin) },
    { name: 'patterns', writes: patterns.writes, send: () => patterns.send(stack.admin) },
  ];
  const inFlight: TeamImports[] = [];
  const stops: string[] = [];
  const signals: number[] = [];
  const load = new WriteLoad(streams);
  load.start();
  try {
    while (fault.injected < times) {
      if (
        !fault.check(await load.acknowledgedSince(performance.now(), 3, 30_000), 'the load did not get going')
      )
        break;
      // A large import that the API has surely started on when the signal comes.
      const large = new TeamImports(seed * 1000 + 500 + fault.injected);
      inFlight.push(large);
      const { reading, written: largeWritten } = large.sendInFlight(stack.admin, {
        caregivers: 12,
        clients: 60,
        days: 7,
      });
      await reading;
      const signalledAt = performance.now();
      signals.push(signalledAt);
      const stopped = await stack.stopWithin(stack.api, 'SIGTERM', EXIT_WITHIN_MS);
      fault.injected += 1;
      stops.push(`${performance.now() - signalledAt} ms`);
      // Nest ends a clean shutdown by re-raising the signal: no exit code.
      fault.check(stopped.exited && stopped.code === null, () =>
        stopped.exited
          ? `the API exited with code ${stopped.code} on SIGTERM`
          : `the API was still running ${EXIT_WITHIN_MS / 1000} s after SIGTERM`,
      );
      const largeWrite = await largeWritten;
      fault.check(
        succeeded(largeWrite.outcome),
        () => `the import in flight at SIGTERM got ${describe(largeWrite.outcome)}`,
      );
      // The supervisor: start it again, as a process manager or a restart policy would.
      const failed = await stack.startApi().then(
        () => undefined,
        (error: Error) => error.message,
      );
      fault.check(
        failed === undefined,
        () => `the API was not healthy again within ${HEALTHY_WITHIN_MS / 1000} s of its restart: ${failed}`,
      );
    }
    fault.check(
      await load.acknowledgedSince(performance.now(), 1, 30_000),
      'the load was not served again after the restart',
    );
  } finally {
    await load.stop();
  }
  fault.note(`stopped in ${stops.join(', ')} after SIGTERM`);
  const everything = [...reads, ...caregivers.writes, ...imports.writes, ...patterns.writes];
  const answeredInFlight = everything.filter(
    (write) =>
      write.outcome.kind === 'answered' &&
      signals.some((signalledAt) => write.sentAt < signalledAt && write.answeredAt > signalledAt),
  ).length;
  fault.note(
    `${answeredInFlight} requests of the load were in flight at a signal and answered, besides the large imports`,
  );
  for (const stream of streams.filter(
    (stream, index) => streams.findIndex((other) => other.writes === stream.writes) === index,
  ))
    fault.note(`${stream.name.replace(/ \d$/, '')}: ${tally(stream.writes)}`);
  // In-flight requests finish: whatever reached the API before it closed is answered, never cut.
  for (const write of everything) {
    const { outcome } = write;
    fault.check(
      outcome.kind !== 'cut' &&
        outcome.kind !== 'timeout' &&
        !(outcome.kind === 'answered' && outcome.status >= 500),
      () => `${write.what}: ${describe(outcome)}`,
    );
  }
  for (const write of reads)
    fault.check(
      write.outcome.kind !== 'answered' || write.outcome.status === 200,
      () => `${write.what}: ${describe(write.outcome)}`,
    );
  // A graceful stop answers every request it started: a connection closed without an answer
  // carried a request the API never read, so that write must not have happened.
  await caregivers.verify(fault, stack, 'not-done');
  await imports.verify(fault, stack, 'not-done');
  await patterns.verify(fault, stack, 'not-done');
  for (const large of inFlight) await large.verify(fault, stack, 'not-done');
}
