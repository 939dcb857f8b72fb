export * from './entities';
export * from './data-source';
export * from './migrations';
export * from './snake-naming.strategy';
export * from './database-unavailable';
