import { Module } from '@nestjs/common';
import { VisitsModule } from '@homecare/core';
import { TeamVisitsController, VisitsController } from './visits.controller';

@Module({
  imports: [VisitsModule],
  controllers: [TeamVisitsController, VisitsController],
})
export class VisitsApiModule {}
