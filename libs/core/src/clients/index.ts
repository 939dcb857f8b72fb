export * from './clients.module';
export * from './clients.service';
