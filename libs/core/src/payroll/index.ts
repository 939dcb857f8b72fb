export * from './payroll.module';
export * from './payroll-settings.service';
export * from './timesheets.service';
export * from './pay-periods.service';
export { PayPeriodNotices, READY_LOOKBACK_DAYS } from './pay-period-notices.service';
export * from './payroll.view';
