// `npm run test:faults`: faults injected into the running system (built API and workers as child
// processes, private Postgres and Redis from scripts/services.mjs under the name 'faults'), each
// followed by checks that nothing was lost, duplicated or half-written and that everything
// recovered by itself. Prints a table of faults and anomalies, writes it to .artifacts/faults.json
// (and every process's output to .artifacts/faults-logs/), and exits 1 on any anomaly.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stopApiUnderLoad } from '../test/faults/api-sigterm';
import { Ledger, type Fault } from '../test/faults/ledger';
import { loseQueuedJobs } from '../test/faults/lost-jobs';
import { restartPostgresDuringWrites } from '../test/faults/postgres-restart';
import { restartRedisDuringBatch } from '../test/faults/redis-restart';
import { LOG_DIRECTORY, Stack } from '../test/faults/stack';
import { killWorkersMidSolve, stopWorkersMidSolve } from '../test/faults/worker-faults';
import { REPO_ROOT } from '../test/support/processes';

const FAULTS: { name: string; run: (stack: Stack, fault: Fault) => Promise<void> }[] = [
  { name: 'worker SIGKILL mid-solve', run: (stack, fault) => killWorkersMidSolve(stack, fault, 10, 100) },
  { name: 'worker SIGTERM mid-solve', run: (stack, fault) => stopWorkersMidSolve(stack, fault, 2, 200) },
  {
    name: 'Redis restart during a batch of 8 jobs',
    run: (stack, fault) => restartRedisDuringBatch(stack, fault, 300),
  },
  {
    name: 'Postgres restart during writes',
    run: (stack, fault) => restartPostgresDuringWrites(stack, fault, 400),
  },
  {
    name: 'lost jobs: 4 queued jobs deleted from Redis',
    run: (stack, fault) => loseQueuedJobs(stack, fault, 600),
  },
  { name: 'API SIGTERM under load', run: (stack, fault) => stopApiUnderLoad(stack, fault, 2, 500) },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2).join(' ').toLowerCase();
  const ledger = new Ledger();
  const stack = await Stack.start();
  try {
    for (const { name, run } of FAULTS) {
      if (only && !name.toLowerCase().includes(only)) continue;
      const fault = ledger.open(name);
      stack.fault = fault;
      console.log(`fault: ${name}`);
      try {
        await run(stack, fault);
      } catch (error) {
        // A step that could not even be carried out (a deadline in the set-up) is an anomaly too.
        fault.check(false, `aborted: ${(error as Error).message}`);
        await stack.restoreServices();
      }
      fault.finish();
      console.log(
        `  ${fault.injected} injected, ${fault.checks} checks, ${fault.anomalies.length} anomalies (${fault.seconds} s)`,
      );
    }
  } finally {
    stack.fault = undefined;
    rmSync(LOG_DIRECTORY, { recursive: true, force: true });
    stack.writeLogs(LOG_DIRECTORY);
    await stack.close();
  }
  console.log(`\n${ledger.table()}\n`);
  const artifacts = path.join(REPO_ROOT, '.artifacts');
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(path.join(artifacts, 'faults.json'), `${JSON.stringify(ledger, null, 2)}\n`);
  console.log(`written: .artifacts/faults.json, process logs in .artifacts/faults-logs/`);
  return ledger.anomalies === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
