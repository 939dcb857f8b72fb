// What the API shows of payroll. Classes in a `.view.ts` file: the swagger CLI plugin documents
// them from their types.
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { PayPeriodFrequencySetting } from '@homecare/database';
import {
  AverageOverLimitFlag,
  CaregiverTimesheet,
  InvalidTimesFlag,
  LateFlag,
  MissedFlag,
  MissingCheckOutFlag,
  NoBreakFlag,
  OverlapFlag,
  PremiumBand,
  RestTooShortFlag,
  TooManyDaysInARowFlag,
  WeekOverLimitFlag,
  type IsoWeekday,
  type PayPeriodFrequency,
  type TimesheetFlag,
  type WorkingTimeRules,
} from '@homecare/payroll';
import { DateTimeString } from '../shared';
import { PageOf } from '../shared';

// The plugin cannot read a number-literal union or a tuple: these two fields say their schema.
export class PremiumBandView extends PremiumBand {
  @ApiPropertyOptional({
    type: [Number],
    enum: [1, 2, 3, 4, 5, 6, 7],
    description: '1 = Monday ... 7 = Sunday.',
  })
  override weekdays?: readonly IsoWeekday[];
}

export class OverlapFlagView extends OverlapFlag {
  @ApiProperty({ type: [String], minItems: 2, maxItems: 2 })
  override visitIds: [string, string];
}

export class PayrollSettingsView {
  organisationId: string;
  frequency: PayPeriodFrequencySetting;
  anchorDate: string;
  premiumBands: PremiumBandView[];
  holidayRegion: string;
  includeOptionalHolidays: boolean;
  /** The rules in force: the defaults with the organisation's overrides. */
  workingTime: WorkingTimeRules;
  lateToleranceMinutes: number;
  /** False while the organisation runs on the defaults. */
  configured: boolean;
  @DateTimeString()
  updatedAt: string | null;
}

export type PayPeriodStateName = 'open' | 'approved' | 'locked';

export class PayPeriodView {
  /** The key in URLs: the first local date of the period. */
  key: string;
  id: string;
  frequency: PayPeriodFrequency;
  start: string;
  end: string;
  state: PayPeriodStateName;
  @DateTimeString()
  approvedAt: string | null;
  approvedBy: string | null;
  @DateTimeString()
  lockedAt: string | null;
  lockedBy: string | null;
}

const FLAG_CLASSES = [
  RestTooShortFlag,
  TooManyDaysInARowFlag,
  WeekOverLimitFlag,
  AverageOverLimitFlag,
  NoBreakFlag,
  LateFlag,
  MissedFlag,
  MissingCheckOutFlag,
  OverlapFlagView,
  InvalidTimesFlag,
];

// The plugin reads a one-value literal (`kind: 'late'`) as any string: each flag says its kind,
// so that the schema's flags are a union discriminated by `kind`, as the types are.
function documentKind<T extends TimesheetFlag>(flag: { prototype: T }, kind: T['kind']): void {
  ApiProperty({ enum: [kind] })(flag.prototype, 'kind');
}
documentKind(RestTooShortFlag, 'rest-too-short');
documentKind(TooManyDaysInARowFlag, 'too-many-days-in-a-row');
documentKind(WeekOverLimitFlag, 'week-over-limit');
documentKind(AverageOverLimitFlag, 'average-over-limit');
documentKind(NoBreakFlag, 'no-break');
documentKind(LateFlag, 'late');
documentKind(MissedFlag, 'missed');
documentKind(MissingCheckOutFlag, 'missing-check-out');
documentKind(OverlapFlagView, 'overlap');
documentKind(InvalidTimesFlag, 'invalid-times');

/** A caregiver's timesheet. Its flags are a union the plugin cannot express: one of the flag classes. */
@ApiExtraModels(...FLAG_CLASSES)
export class TimesheetView extends CaregiverTimesheet {
  @ApiProperty({
    type: 'array',
    items: { oneOf: FLAG_CLASSES.map((flag) => ({ $ref: getSchemaPath(flag) })) },
  })
  override flags: TimesheetFlag[];
}

export class PayPeriodList {
  items: PayPeriodView[];
}

export class TimesheetsPage extends PageOf(TimesheetView) {
  period: PayPeriodView;
  /** `locked`: the stored timesheets, never recomputed; `computed`: as the data stand now. */
  source: 'locked' | 'computed';
}
