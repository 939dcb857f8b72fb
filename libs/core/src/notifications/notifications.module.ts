import { Module } from '@nestjs/common';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Each person's notification feed, written by the features whose changes concern them. */
@Module({
  providers: [
    NotificationsRepository,
    NotificationsService,
    NotificationPreferencesRepository,
    NotificationPreferencesService,
  ],
  exports: [NotificationsService, NotificationPreferencesService],
})
export class NotificationsModule {}
