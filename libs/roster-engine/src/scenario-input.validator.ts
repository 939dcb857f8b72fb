import { validateScenario, type ScenarioDocument } from '@homecare/scenario';
import { ScenarioInvalidError } from './scenario-invalid.error';

/** Throws ScenarioInvalidError listing every problem (by JSON path) unless the document is a valid scenario. */
export function assertScenarioDocument(document: unknown): asserts document is ScenarioDocument {
  const validation = validateScenario(document);
  if (!validation.ok) throw new ScenarioInvalidError(validation.problems);
}
