import { Module } from '@nestjs/common';
import { AccessModule, VisitsModule } from '@homecare/core';
import { TeamVisitsController, VisitsController } from './visits.controller';

@Module({
  imports: [VisitsModule, AccessModule],
  controllers: [TeamVisitsController, VisitsController],
})
export class VisitsApiModule {}
