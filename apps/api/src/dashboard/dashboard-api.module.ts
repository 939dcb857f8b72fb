import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { DashboardModule } from '@homecare/core/dashboard';
import { TeamDashboardController } from './dashboard.controller';

@Module({
  imports: [DashboardModule, AccessModule],
  controllers: [TeamDashboardController],
})
export class DashboardApiModule {}
