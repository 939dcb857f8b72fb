export * from './config.module';
export * from './database/database.module';
export * from './redis/redis.module';
