import type { SolveProgress, SolveResult } from '@homecare/roster-engine';
import type { ScenarioDocument } from '@homecare/scenario';

/** workerData of a solver thread. */
export interface SolveThreadInput {
  scenario: ScenarioDocument;
  timeLimitMs: number;
  seed: number;
}

/** thread -> processor; the processor sends the string 'cancel' the other way. */
export type SolveThreadMessage =
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'result'; result: SolveResult }
  | { type: 'error'; name: string; message: string; invalid: boolean };
