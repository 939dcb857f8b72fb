export * from './notifications.module';
export * from './notifications.service';
export * from './notification.view';
export { languageOf, LANGUAGES, type Language } from './notification-texts';
export type { NewNotification, Reader, VisitOfClient } from './notifications.repository';
