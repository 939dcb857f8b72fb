export * from './care-needs.module';
export * from './care-needs.service';
