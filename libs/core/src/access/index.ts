export * from './access.module';
export * from './access.service';
export * from './access-log.service';
export * from './client-access-links.service';
export * from './client-erasure.service';
export * from './access.view';
export * from './access-log.sql';
