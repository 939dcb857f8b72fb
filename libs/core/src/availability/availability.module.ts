import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AvailabilityException,
  AvailabilityPattern,
  AvailabilityWindow,
  Caregiver,
  Team,
} from '@homecare/database';
import { CaregiversModule } from '../caregivers/caregivers.module';
import { AvailabilityService } from './availability.service';
import { WishesService } from './wishes.service';

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
  providers: [AvailabilityService, WishesService],
  exports: [AvailabilityService, WishesService],
})
export class AvailabilityModule {}
