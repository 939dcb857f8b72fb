import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { AvailabilityModule } from '@homecare/core/availability';
import { NegotiationModule } from '@homecare/core/negotiation';
import { AvailabilityController } from './availability.controller';

@Module({
  imports: [AvailabilityModule, AccessModule, NegotiationModule],
  controllers: [AvailabilityController],
})
export class AvailabilityApiModule {}
