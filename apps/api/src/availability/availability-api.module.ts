import { Module } from '@nestjs/common';
import { AccessModule, AvailabilityModule } from '@homecare/core';
import { AvailabilityController } from './availability.controller';

@Module({
  imports: [AvailabilityModule, AccessModule],
  controllers: [AvailabilityController],
})
export class AvailabilityApiModule {}
