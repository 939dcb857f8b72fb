import { Module } from '@nestjs/common';
import { CalendarFeedsModule } from '@homecare/core/calendar-feeds';
import { CalendarFeedsController } from './calendar-feeds.controller';

@Module({
  imports: [CalendarFeedsModule],
  controllers: [CalendarFeedsController],
})
export class CalendarFeedsApiModule {}
