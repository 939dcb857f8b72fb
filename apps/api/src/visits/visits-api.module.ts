import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { VisitsModule } from '@homecare/core/visits';
import { TeamVisitsController, VisitsController } from './visits.controller';

@Module({
  imports: [VisitsModule, AccessModule],
  controllers: [TeamVisitsController, VisitsController],
})
export class VisitsApiModule {}
