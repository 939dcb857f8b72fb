export * from './care-needs.module';
export * from './care-needs.service';
export * from './care-need.view';
