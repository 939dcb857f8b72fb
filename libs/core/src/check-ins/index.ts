export * from './check-ins.module';
export * from './check-ins.service';
export * from './check-in.view';
