import { Module } from '@nestjs/common';
import { MyDayModule } from '@homecare/core/my-day';
import { MyDayController } from './my-day.controller';

@Module({
  imports: [MyDayModule],
  controllers: [MyDayController],
})
export class MyDayApiModule {}
