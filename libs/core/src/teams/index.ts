export * from './teams.module';
export * from './teams.service';
export * from './team.view';
export * from './working-time-rules';
export * from './working-time-rules.service';
