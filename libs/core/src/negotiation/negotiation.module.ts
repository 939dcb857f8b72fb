import { Module } from '@nestjs/common';
import { RostersModule } from '../rosters/rosters.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { PlanComputationsService } from './plan-computations.service';
import { PlanPeriodService } from './plan-period.service';
import { PublishedRosterService } from './published-roster.service';
import { RosterPlansService } from './roster-plans.service';

/**
 * Team negotiation of rosters (API) and the storing of plan versions computed by the worker; the
 * published roster for the features that show it.
 */
@Module({
  imports: [RostersModule, ScenariosModule],
  providers: [RosterPlansService, PlanComputationsService, PlanPeriodService, PublishedRosterService],
  exports: [RosterPlansService, PlanComputationsService, PublishedRosterService],
})
export class NegotiationModule {}
