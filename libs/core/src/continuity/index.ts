export * from './continuity-history';
export * from './continuity-figures';
export * from './continuity.module';
export * from './continuity.service';
export * from './continuity.view';
export * from './who-came';
