import type { ForbiddenPair, SolveProgress, SolveResult } from '@homecare/roster-engine';
import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';

/** One solve for a solver thread. */
export interface SolveThreadInput {
  scenario: ScenarioDocument;
  timeLimitMs: number;
  seed: number;
  /** A plan's version to change as little as possible. */
  previousRoster?: RosterDocument;
  /** Objections: never give these caregivers these visits. */
  forbidden?: ForbiddenPair[];
}

/** processor -> thread: a solve (one at a time per thread), or cancel the solve under way. */
export type SolveThreadRequest = { type: 'solve'; input: SolveThreadInput } | { type: 'cancel' };

/** thread -> processor */
export type SolveThreadMessage =
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'result'; result: SolveResult }
  | { type: 'error'; name: string; message: string; invalid: boolean };
