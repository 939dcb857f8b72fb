import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { PublishedRosterModule } from '../published-roster';
import { PayrollModule } from '../payroll';
import { CheckInsRepository } from './check-ins.repository';
import { CheckInsService } from './check-ins.service';

/** Actual hours: caregivers check in and out of their published visits; corrections keep the original. */
@Module({
  imports: [AccessModule, PublishedRosterModule, PayrollModule],
  providers: [CheckInsService, CheckInsRepository],
  exports: [CheckInsService],
})
export class CheckInsModule {}
