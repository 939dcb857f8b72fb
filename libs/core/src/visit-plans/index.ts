export * from './change-notes';
export * from './visit-plans.module';
export * from './visit-plans.service';
export * from './visit-status';
export * from './visit-plan.view';
