import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { PlanningModule } from '@homecare/core/planning';
import { PlanningSettingsController } from './planning-settings.controller';

/** Rolling planning over HTTP: a team's settings (the schedule itself runs in the worker). */
@Module({
  imports: [PlanningModule, AccessModule],
  controllers: [PlanningSettingsController],
})
export class PlanningApiModule {}
