import { createHash } from 'node:crypto';
import type { ScenarioDocument } from '@homecare/scenario';

export interface RosterSolveOptions {
  timeLimitMs: number;
  seed: number;
}

/**
 * The deduplication key of a computation: the team, its exported scenario (which is built in a
 * fixed order, so the same data gives the same text) and the solver options.
 */
export function rosterInputHash(
  teamId: string,
  scenario: ScenarioDocument,
  options: RosterSolveOptions,
): string {
  return createHash('sha256')
    .update(JSON.stringify({ teamId, scenario, timeLimitMs: options.timeLimitMs, seed: options.seed }))
    .digest('hex');
}
