import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SolveProgress, SolveResult } from '@homecare/roster-engine';
import type { SolveThreadInput, SolveThreadMessage } from './solve-thread.protocol';

// After a cancel the engine stops within its yield interval; a thread that does not is terminated.
const CANCEL_GRACE_MS = 3000;

/** The engine refused the scenario: retrying cannot help. */
export class SolveInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolveInputError';
  }
}

/** Built code runs the compiled entry; tests and `tsx` run the TypeScript one through tsx. */
function threadEntry(): { file: string; execArgv: string[] } {
  const compiled = join(__dirname, 'solve-roster.thread.js');
  if (existsSync(compiled)) return { file: compiled, execArgv: [] };
  return { file: join(__dirname, 'solve-roster.thread.ts'), execArgv: ['--import', 'tsx'] };
}

/**
 * Runs solveRoster in a worker thread. Aborting the signal asks the engine to stop, and it answers
 * with the best roster so far (`stats.cancelled`).
 */
export function solveInThread(
  input: SolveThreadInput,
  options: { signal: AbortSignal; onProgress: (progress: SolveProgress) => void },
): Promise<SolveResult> {
  const { file, execArgv } = threadEntry();
  return new Promise<SolveResult>((resolve, reject) => {
    const thread = new Worker(file, { workerData: input, execArgv });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      options.signal.removeEventListener('abort', cancel);
      action();
    };
    const cancel = (): void => {
      thread.postMessage('cancel');
      killTimer = setTimeout(() => {
        void thread.terminate();
        settle(() => reject(new Error('the solver thread did not stop after cancel')));
      }, CANCEL_GRACE_MS);
    };
    if (options.signal.aborted) cancel();
    else options.signal.addEventListener('abort', cancel, { once: true });

    thread.on('message', (message: SolveThreadMessage) => {
      if (message.type === 'progress') options.onProgress(message.progress);
      else if (message.type === 'result') settle(() => resolve(message.result));
      else
        settle(() =>
          reject(message.invalid ? new SolveInputError(message.message) : new Error(message.message)),
        );
    });
    thread.on('error', (error) => settle(() => reject(error)));
    thread.on('exit', (code) =>
      settle(() => reject(new Error(`the solver thread exited (${code}) without a result`))),
    );
  });
}
