// The published roster's entry point: the module, its read service and the views it answers with.
export * from './published-roster.module';
export * from './published-roster.service';
export * from './published-roster.view';
export * from './published-period';
