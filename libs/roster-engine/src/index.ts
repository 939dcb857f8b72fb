export { DEFAULT_WEIGHTS } from './roster-engine.types';
export type {
  ForbiddenPair,
  ObjectiveWeights,
  RosterCheckResult,
  RosterViolation,
  SolveOptions,
  SolveProgress,
  SolveResult,
  SolveStats,
} from './roster-engine.types';
export { solveRoster } from './roster-solver';
export { checkRoster } from './roster-checker';
export { ScenarioInvalidError } from './scenario-invalid.error';
export { assertScenarioDocument } from './scenario-input.validator';
