import { Module } from '@nestjs/common';
import { AccessModule, AvailabilityModule, NegotiationModule } from '@homecare/core';
import { AvailabilityController } from './availability.controller';

@Module({
  imports: [AvailabilityModule, AccessModule, NegotiationModule],
  controllers: [AvailabilityController],
})
export class AvailabilityApiModule {}
