import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { NegotiationModule } from '@homecare/core/negotiation';
import { PlanLifecycleController } from './plan-lifecycle.controller';
import { PlanMemberActionsController } from './plan-member-actions.controller';
import { RosterPlanReadsController } from './roster-plan-reads.controller';

/** The negotiation over HTTP: a controller each for the reads, the members' actions and the lifecycle. */
@Module({
  imports: [NegotiationModule, AccessModule],
  controllers: [PlanLifecycleController, RosterPlanReadsController, PlanMemberActionsController],
})
export class NegotiationApiModule {}
