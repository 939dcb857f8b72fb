export * from './payroll.module';
export * from './payroll-settings.service';
export * from './timesheets.service';
export * from './pay-periods.service';
export * from './payroll.view';
