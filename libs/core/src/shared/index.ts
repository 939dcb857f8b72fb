export * from './page';
export * from './page-of';
export * from './date-time-string';
export * from './stored-kpis';
export * from './language';
export * from './roster-explanations';
export * from './roster-reason.view';
