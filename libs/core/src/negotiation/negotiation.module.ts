import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { WebhooksModule } from '../webhooks';
import { RostersModule } from '../rosters/rosters.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { PlanAgreement } from './plan-agreement';
import { PlanAvailabilityFlags } from './plan-availability-flags';
import { PlanCandidatesService } from './plan-candidates.service';
import { PlanComputationsService } from './plan-computations.service';
import { PlanLifecycle } from './plan-lifecycle';
import { PlanMemberActions } from './plan-member-actions';
import { PlanOffers } from './plan-offers';
import { PlanNotifications } from './plan-notifications';
import { PlanPeriodRepository } from './plan-period.repository';
import { PlanPeriodService } from './plan-period.service';
import { PlanWrites } from './plan-writes';
import { RosterPlanReadsRepository } from './roster-plan-reads.repository';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository } from './roster-plan.repository';

/**
 * Team negotiation of rosters (API) and the storing of plan versions computed by the worker. One
 * class per responsibility: the reader, the revision-checked write path, members' actions, the
 * lifecycle, settling agreement, availability flags; their statements in the repository. The
 * published roster it produces is read through its own module (published-roster).
 */
@Module({
  imports: [RostersModule, ScenariosModule, NotificationsModule, WebhooksModule],
  providers: [
    RosterPlanRepository,
    RosterPlanReadsRepository,
    RosterPlanReader,
    PlanWrites,
    PlanMemberActions,
    PlanOffers,
    PlanCandidatesService,
    PlanLifecycle,
    PlanAgreement,
    PlanAvailabilityFlags,
    PlanComputationsService,
    PlanPeriodService,
    PlanPeriodRepository,
    PlanNotifications,
  ],
  exports: [
    PlanNotifications,
    RosterPlanReader,
    PlanMemberActions,
    PlanOffers,
    PlanCandidatesService,
    PlanLifecycle,
    PlanAgreement,
    PlanAvailabilityFlags,
    PlanComputationsService,
  ],
})
export class NegotiationModule {}
