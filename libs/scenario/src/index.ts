export * from './types';
export * from './time';
export * from './travel';
export * from './validate';
export * from './generator';
export * from './team-weeks';
export * from './roster-reasons';
export * from './roster-reason-texts';
