export * from './my-day.module';
export * from './my-day.service';
export * from './my-day.view';
