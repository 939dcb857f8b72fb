import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { NegotiationModule } from '../negotiation';
import { PayrollModule } from '../payroll';
import { CheckInsService } from './check-ins.service';

/** Actual hours: caregivers check in and out of their published visits; corrections keep the original. */
@Module({
  imports: [AccessModule, NegotiationModule, PayrollModule],
  providers: [CheckInsService],
  exports: [CheckInsService],
})
export class CheckInsModule {}
