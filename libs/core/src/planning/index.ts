export * from './planning.module';
export * from './planning-settings';
export * from './planning-settings.service';
export { RollingPlanner, type PreparedWeek, type RollingTick } from './rolling-planner.service';
