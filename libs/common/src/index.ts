export * from './clock/clock';
export * from './config/app.config';
export * from './errors/domain.error';
export * from './errors/error-codes';
export * from './errors/problem-texts';
