export {
  formatScenarioTime,
  toScenarioDocument,
  type ExportedAvailability,
  type ScenarioExportSource,
} from './scenario-export.mapper';
export {
  planScenarioImport,
  scenarioStorageProblems,
  SCENARIO_IMPORT_LIMITS,
  type ScenarioImportPlan,
} from './scenario-import.plan';
export * from './scenarios.module';
export * from './scenarios.service';
