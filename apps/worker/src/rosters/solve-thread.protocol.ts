import type { SolveProgress, SolveResult } from '@homecare/roster-engine';
import type { ScenarioDocument } from '@homecare/scenario';

/** One solve for a solver thread. */
export interface SolveThreadInput {
  scenario: ScenarioDocument;
  timeLimitMs: number;
  seed: number;
}

/** processor -> thread: a solve (one at a time per thread), or cancel the solve under way. */
export type SolveThreadRequest = { type: 'solve'; input: SolveThreadInput } | { type: 'cancel' };

/** thread -> processor */
export type SolveThreadMessage =
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'result'; result: SolveResult }
  | { type: 'error'; name: string; message: string; invalid: boolean };
