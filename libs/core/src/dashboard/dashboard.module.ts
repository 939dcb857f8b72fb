import { Module } from '@nestjs/common';
import { PayrollModule } from '../payroll';
import { PlanningModule } from '../planning';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/** The team's weeks at a glance: coverage, continuity against its target, hours, changes. */
@Module({
  imports: [PayrollModule, PlanningModule],
  providers: [DashboardRepository, DashboardService],
  exports: [DashboardService],
})
export class DashboardModule {}
