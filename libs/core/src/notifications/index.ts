export * from './notifications.module';
export * from './notifications.service';
export * from './notification.view';
export { languageOf, LANGUAGES, renderNotification, type Language } from './notification-texts';
export type { NewNotification, Reader, VisitOfClient } from './notifications.repository';
export * from './notification-preferences.service';
export * from './notification-preferences.view';
export { DEFAULT_ZONE } from './email-timing';
