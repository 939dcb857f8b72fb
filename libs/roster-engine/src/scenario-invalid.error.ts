import type { ScenarioProblem } from '@homecare/scenario';

/** Thrown when a scenario (or an option that refers to it) is malformed; lists every problem by JSON path. */
export class ScenarioInvalidError extends Error {
  readonly problems: ScenarioProblem[];

  constructor(problems: ScenarioProblem[]) {
    const shown = problems
      .slice(0, 10)
      .map((problem) => `${problem.path}: ${problem.message}`)
      .join('; ');
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : '';
    super(`the scenario is not valid: ${shown}${more}`);
    this.name = 'ScenarioInvalidError';
    this.problems = problems;
  }
}
