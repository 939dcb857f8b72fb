import { Module } from '@nestjs/common';
import { NotificationsModule } from '@homecare/core/notifications';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, NotificationPreferencesController],
})
export class NotificationsApiModule {}
