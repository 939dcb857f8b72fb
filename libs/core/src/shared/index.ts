export * from './page';
export * from './page-of';
export * from './date-time-string';
export * from './stored-kpis';
export * from './open-check-ins.repository';
export * from './queue-outbox.repository';
export * from './queue-outbox-relay';
