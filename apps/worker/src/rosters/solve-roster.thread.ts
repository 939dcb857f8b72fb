// Entry of the solver thread: the pure engine, off the worker's event loop, so that BullMQ can
// renew job locks and detect stalled jobs during a long solve. Messages are plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { ScenarioInvalidError, solveRoster } from '@homecare/roster-engine';
import type { SolveThreadInput, SolveThreadMessage } from './solve-thread.protocol';

const port = parentPort;
if (!port) throw new Error('solve-roster.thread must run as a worker thread');
const post = (message: SolveThreadMessage): void => port.postMessage(message);

const { scenario, timeLimitMs, seed } = workerData as SolveThreadInput;
const controller = new AbortController();
port.on('message', (message: unknown) => {
  if (message === 'cancel') controller.abort();
});

solveRoster(scenario, {
  timeLimitMs,
  seed,
  signal: controller.signal,
  onProgress: (progress) => post({ type: 'progress', progress }),
})
  .then((result) => post({ type: 'result', result }))
  .catch((error: unknown) => {
    const invalid = error instanceof ScenarioInvalidError;
    post({
      type: 'error',
      name: invalid ? 'ScenarioInvalidError' : error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
      invalid,
    });
  })
  .finally(() => port.close());
