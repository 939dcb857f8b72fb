export * from './teams.module';
export * from './teams.service';
