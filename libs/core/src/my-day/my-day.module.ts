import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { NotificationsModule } from '../notifications';
import { MyDayRepository } from './my-day.repository';
import { MyDayService } from './my-day.service';

/** A caregiver's day on their phone: today's visits in order, and "I'm running late". */
@Module({
  imports: [AccessModule, NotificationsModule],
  providers: [MyDayRepository, MyDayService],
  exports: [MyDayService],
})
export class MyDayModule {}
