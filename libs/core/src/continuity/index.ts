export * from './continuity-history';
export * from './continuity-figures';
