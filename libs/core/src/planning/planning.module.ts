import { Module } from '@nestjs/common';
import { NegotiationModule } from '../negotiation';
import { VisitsModule } from '../visits';
import { PlanningSettingsService } from './planning-settings.service';
import { PlanningRepository } from './planning.repository';
import { RollingPlanner } from './rolling-planner.service';

/** Rolling planning: the teams' settings (API) and the schedule that prepares their weeks (worker). */
@Module({
  imports: [NegotiationModule, VisitsModule],
  providers: [PlanningRepository, PlanningSettingsService, RollingPlanner],
  exports: [PlanningSettingsService, RollingPlanner],
})
export class PlanningModule {}
