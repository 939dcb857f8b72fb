export * from './teams.module';
export * from './teams.service';
export * from './team.view';
