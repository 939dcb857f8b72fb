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
import { AvailabilityRepository } from './availability.repository';
import { AvailabilityService } from './availability.service';
import { WishesRepository } from './wishes.repository';
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
  providers: [AvailabilityService, AvailabilityRepository, WishesService, WishesRepository],
  exports: [AvailabilityService, WishesService],
})
export class AvailabilityModule {}
