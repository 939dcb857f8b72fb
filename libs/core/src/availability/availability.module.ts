import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AvailabilityException,
  AvailabilityPattern,
  AvailabilityWindow,
  Caregiver,
  Team,
} from '@homecare/database';
import { CaregiversModule } from '../caregivers';
import { AvailabilityService } from './availability.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AvailabilityWindow,
      AvailabilityPattern,
      AvailabilityException,
      Caregiver,
      Team,
    ]),
    CaregiversModule,
  ],
  providers: [AvailabilityService],
  exports: [AvailabilityService],
})
export class AvailabilityModule {}
