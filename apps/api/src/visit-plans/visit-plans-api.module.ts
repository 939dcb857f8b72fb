import { Module } from '@nestjs/common';
import { AccessModule, VisitPlansModule } from '@homecare/core';
import { VisitPlansController } from './visit-plans.controller';

@Module({
  imports: [VisitPlansModule, AccessModule],
  controllers: [VisitPlansController],
})
export class VisitPlansApiModule {}
