import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarFeed } from '@homecare/database';
import { AccessModule } from '../access';
import { VisitPlansModule } from '../visit-plans';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarFeedsService } from './calendar-feeds.service';

/** Secret iCalendar feeds of the published visits of a client or of a caregiver. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeed]), AccessModule, VisitPlansModule],
  providers: [CalendarFeedsService, CalendarFeedsRepository],
  exports: [CalendarFeedsService],
})
export class CalendarFeedsModule {}
