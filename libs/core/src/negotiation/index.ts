export * from './negotiation.module';
export * from './plan-computations.service';
export { etagOf } from './plan-store';
export * from './plan-rules';
export * from './published-roster.service';
export * from './roster-plans.service';
export { fromScenario } from './plan-period.service';
export * from './roster-plan.view';
export * from './published-roster.view';
