export * from './continuity-history';
