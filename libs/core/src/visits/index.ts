export * from './visit-generation';
export * from './visits.module';
export * from './visits.service';
export * from './visit.view';
