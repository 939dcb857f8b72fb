import { Module } from '@nestjs/common';
import { AccessModule, NegotiationModule } from '@homecare/core';
import { RosterPlansController } from './roster-plans.controller';

@Module({
  imports: [NegotiationModule, AccessModule],
  controllers: [RosterPlansController],
})
export class NegotiationApiModule {}
