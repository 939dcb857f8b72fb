import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { VisitPlansModule } from '@homecare/core/visit-plans';
import { VisitPlansController } from './visit-plans.controller';

@Module({
  imports: [VisitPlansModule, AccessModule],
  controllers: [VisitPlansController],
})
export class VisitPlansApiModule {}
