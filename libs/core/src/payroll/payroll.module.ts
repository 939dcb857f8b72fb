import { Module } from '@nestjs/common';
import { AvailabilityModule } from '../availability';
import { PublishedRosterModule } from '../published-roster';
import { PayPeriodsService } from './pay-periods.service';
import { PayrollSettingsService } from './payroll-settings.service';
import { TimesheetsService } from './timesheets.service';

/** Hours and payroll: settings, timesheets from the published roster and check-ins, periods, locking. */
@Module({
  imports: [AvailabilityModule, PublishedRosterModule],
  providers: [PayrollSettingsService, TimesheetsService, PayPeriodsService],
  exports: [PayrollSettingsService, TimesheetsService, PayPeriodsService],
})
export class PayrollModule {}
