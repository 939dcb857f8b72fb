import { Module } from '@nestjs/common';
import { AvailabilityModule } from '@homecare/core';
import { AvailabilityController } from './availability.controller';

@Module({
  imports: [AvailabilityModule],
  controllers: [AvailabilityController],
})
export class AvailabilityApiModule {}
