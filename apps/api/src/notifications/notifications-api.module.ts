import { Module } from '@nestjs/common';
import { NotificationsModule } from '@homecare/core/notifications';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController],
})
export class NotificationsApiModule {}
