export * from './config.module';
export * from './database/database.module';
export * from './redis/redis.module';
export * from './shared/page';
export * from './teams';
export * from './availability';
export * from './caregivers';
