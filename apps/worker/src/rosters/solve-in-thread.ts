import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SolveProgress, SolveResult } from '@homecare/roster-engine';
import type { SolveThreadInput, SolveThreadMessage, SolveThreadRequest } from './solve-thread.protocol';

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
 * Solver threads kept between jobs: starting a thread and loading the engine costs a noticeable
 * share of a short solve. A thread that failed or would not stop is dropped, never reused.
 */
export class SolveThreadPool {
  private readonly idle: Worker[] = [];

  /** Starts threads ahead of the first job. */
  warm(count: number): void {
    while (this.idle.length < count) this.idle.push(this.start());
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((thread) => thread.terminate()));
  }

  /**
   * Runs solveRoster in a thread. Aborting the signal asks the engine to stop, and it answers
   * with the best roster so far (`stats.cancelled`).
   */
  solve(
    input: SolveThreadInput,
    options: { signal: AbortSignal; onProgress: (progress: SolveProgress) => void },
  ): Promise<SolveResult> {
    const thread = this.idle.pop() ?? this.start();
    const send = (request: SolveThreadRequest): void => thread.postMessage(request);
    return new Promise<SolveResult>((resolve, reject) => {
      let settled = false;
      let killTimer: NodeJS.Timeout | undefined;
      const settle = (reusable: boolean, action: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(killTimer);
        options.signal.removeEventListener('abort', cancel);
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
        if (reusable) this.idle.push(thread);
        else void thread.terminate();
        action();
      };
      const cancel = (): void => {
        send({ type: 'cancel' });
        killTimer = setTimeout(
          () => settle(false, () => reject(new Error('the solver thread did not stop after cancel'))),
          CANCEL_GRACE_MS,
        );
      };
      const onMessage = (message: SolveThreadMessage): void => {
        if (message.type === 'progress') options.onProgress(message.progress);
        else if (message.type === 'result') settle(true, () => resolve(message.result));
        else
          settle(false, () =>
            reject(message.invalid ? new SolveInputError(message.message) : new Error(message.message)),
          );
      };
      const onError = (error: Error): void => settle(false, () => reject(error));
      const onExit = (code: number): void =>
        settle(false, () => reject(new Error(`the solver thread exited (${code}) without a result`)));
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      send({ type: 'solve', input });
      if (options.signal.aborted) cancel();
      else options.signal.addEventListener('abort', cancel, { once: true });
    });
  }

  private start(): Worker {
    const { file, execArgv } = threadEntry();
    const thread = new Worker(file, { execArgv });
    // An idle thread that dies is simply not reused.
    thread.once('exit', () => {
      const index = this.idle.indexOf(thread);
      if (index >= 0) this.idle.splice(index, 1);
    });
    thread.on('error', () => undefined);
    return thread;
  }
}
