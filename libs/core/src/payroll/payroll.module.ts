import { Module } from '@nestjs/common';
import { AvailabilityModule } from '../availability';
import { NotificationsModule } from '../notifications';
import { WebhooksModule } from '../webhooks';
import { PublishedRosterModule } from '../published-roster';
import { PayPeriodNoticesRepository } from './pay-period-notices.repository';
import { PayPeriodNotices } from './pay-period-notices.service';
import { PayPeriodsRepository } from './pay-periods.repository';
import { PayPeriodsService } from './pay-periods.service';
import { PayrollSettingsRepository } from './payroll-settings.repository';
import { PayrollSettingsService } from './payroll-settings.service';
import { TimesheetsRepository } from './timesheets.repository';
import { TimesheetsService } from './timesheets.service';

/** Hours and payroll: settings, timesheets from the published roster and check-ins, periods, locking. */
@Module({
  imports: [AvailabilityModule, PublishedRosterModule, NotificationsModule, WebhooksModule],
  providers: [
    PayrollSettingsService,
    PayrollSettingsRepository,
    TimesheetsService,
    TimesheetsRepository,
    PayPeriodsService,
    PayPeriodsRepository,
    PayPeriodNotices,
    PayPeriodNoticesRepository,
  ],
  exports: [PayrollSettingsService, TimesheetsService, PayPeriodsService, PayPeriodNotices],
})
export class PayrollModule {}
