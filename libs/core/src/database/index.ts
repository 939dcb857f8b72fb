export * from './database.module';
export * from './prepared-query';
