// Entry of a solver thread: the pure engine, off the worker's event loop, so that BullMQ can renew
// job locks and detect stalled jobs during a long solve. The thread stays up between solves (no
// start-up cost per job) and runs one solve at a time; messages are plain data.
import { parentPort } from 'node:worker_threads';
import { ScenarioInvalidError, solveRoster } from '@homecare/roster-engine';
import type { SolveThreadMessage, SolveThreadRequest } from './solve-thread.protocol';

const port = parentPort;
if (!port) throw new Error('solve-roster.thread must run as a worker thread');
const post = (message: SolveThreadMessage): void => port.postMessage(message);
let controller: AbortController | undefined;

port.on('message', (request: SolveThreadRequest) => {
  if (request.type === 'cancel') {
    controller?.abort();
    return;
  }
  const current = new AbortController();
  controller = current;
  const { scenario, timeLimitMs, seed, previousRoster, forbidden } = request.input;
  solveRoster(scenario, {
    timeLimitMs,
    seed,
    previousRoster,
    forbidden,
    signal: current.signal,
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
    .finally(() => {
      if (controller === current) controller = undefined;
    });
});
