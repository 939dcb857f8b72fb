export { rosterInputHash, type RosterSolveOptions } from './roster-input';
export { producerConnection, RosterQueue, withTimeout } from './roster-queue';
export * from './outbox-relay';
export { LostJobRepair, type RepairOutcome } from './lost-job-repair';
export * from './rosters.module';
export * from './rosters.service';
export * from './roster-computation.service';
export { RosterRunsService } from './roster-runs.service';
export * from './roster.view';
