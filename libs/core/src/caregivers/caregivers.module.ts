import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Caregiver, Team, VisitPin } from '@homecare/database';
import { CaregiversService } from './caregivers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Caregiver, Team, VisitPin])],
  providers: [CaregiversService],
  exports: [CaregiversService],
})
export class CaregiversModule {}
