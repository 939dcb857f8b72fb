import { Module } from '@nestjs/common';
import { PublishedRosterModule } from '../published-roster';
import { VisitPlanProposalsRepository } from './visit-plan-proposals.repository';
import { VisitPlansRepository } from './visit-plans.repository';
import { VisitPlansService } from './visit-plans.service';

/** The published visit plan of a client, as the client and their family see it. */
@Module({
  imports: [PublishedRosterModule],
  providers: [VisitPlansService, VisitPlansRepository, VisitPlanProposalsRepository],
  exports: [VisitPlansService],
})
export class VisitPlansModule {}
