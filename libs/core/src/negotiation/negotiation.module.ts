import { Module } from '@nestjs/common';
import { RostersModule } from '../rosters/rosters.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { PlanComputationsService } from './plan-computations.service';
import { PlanPeriodService } from './plan-period.service';
import { PlanAvailabilityFlags } from './plan-availability-flags';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlansService } from './roster-plans.service';

/**
 * Team negotiation of rosters (API) and the storing of plan versions computed by the worker; the
 * published roster for the features that show it.
 */
@Module({
  imports: [RostersModule, ScenariosModule],
  providers: [
    RosterPlansService,
    RosterPlanReader,
    PlanAvailabilityFlags,
    PlanComputationsService,
    PlanPeriodService,
  ],
  exports: [RosterPlansService, RosterPlanReader, PlanAvailabilityFlags, PlanComputationsService],
})
export class NegotiationModule {}
