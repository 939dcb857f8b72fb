import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PAY_PERIOD_FREQUENCIES } from '@homecare/core/payroll';
import type { PayPeriodFrequencySetting } from '@homecare/database';
import { PageQueryDto } from '../../http/page-query.dto';
import { HOUR_MINUTE_PATTERN, IsLocalDate } from '../../visits/dto/local-date.validator';

export class TimeOfDayDto {
  @ApiProperty({ example: '22:00' })
  @Matches(HOUR_MINUTE_PATTERN, { message: 'from must be a time HH:mm' })
  from: string;

  /** At or before `from`: the band wraps past midnight. */
  @ApiProperty({ example: '06:00' })
  @Matches(HOUR_MINUTE_PATTERN, { message: 'to must be a time HH:mm' })
  to: string;
}

export class PremiumBandDto {
  @ApiProperty({ example: 'night' })
  @IsString()
  @Length(1, 40)
  id: string;

  @ApiProperty({ example: 'Night' })
  @IsString()
  @Length(1, 100)
  label: string;

  /** Extra pay in percent of the base rate: 44 means +44 %. */
  @ApiProperty({ example: 44 })
  @IsNumber()
  @Min(0)
  @Max(500)
  percentage: number;

  @ApiPropertyOptional({ type: TimeOfDayDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeOfDayDto)
  timeOfDay?: TimeOfDayDto;

  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  @ApiPropertyOptional({ type: [Number], example: [6] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: (1 | 2 | 3 | 4 | 5 | 6 | 7)[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  publicHolidaysOnly?: boolean;
}

/** Overrides of the working-time rules (minutes, weeks); omitted ones keep their defaults. */
export class WorkingTimeDto {
  @ApiPropertyOptional({ example: 660 }) @IsOptional() @IsInt() @Min(1) @Max(10_080) minRestMinutes?: number;
  @ApiPropertyOptional({ example: 2880 }) @IsOptional() @IsInt() @Min(1) @Max(10_080) maxWeekMinutes?: number;
  @ApiPropertyOptional({ example: 2880 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_080)
  maxAverageWeekMinutes?: number;
  @ApiPropertyOptional({ example: 16 }) @IsOptional() @IsInt() @Min(1) @Max(52) referenceWeeks?: number;
  @ApiPropertyOptional({ example: 360 }) @IsOptional() @IsInt() @Min(1) @Max(1440) breakAfterMinutes?: number;
  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  continuityGapMinutes?: number;
  @ApiPropertyOptional({ example: 30 }) @IsOptional() @IsInt() @Min(1) @Max(1440) breakMinutes?: number;
}

export class PayrollSettingsDto {
  @ApiProperty({ enum: PAY_PERIOD_FREQUENCIES })
  @IsIn(PAY_PERIOD_FREQUENCIES as string[])
  frequency: PayPeriodFrequencySetting;

  /** The first day of any one period (monthly: day 1 to 28). */
  @ApiProperty({ example: '2026-01-05' })
  @IsLocalDate()
  anchorDate: string;

  /** Omitted: the default bands (evening, night, Saturday, Sunday, public holiday). */
  @ApiPropertyOptional({ type: [PremiumBandDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PremiumBandDto)
  premiumBands?: PremiumBandDto[];

  /** Built-in holiday calendar; default NL. */
  @ApiPropertyOptional({ example: 'NL' })
  @IsOptional()
  @IsString()
  @Length(2, 20)
  holidayRegion?: string;

  /** Also pay Goede Vrijdag and Bevrijdingsdag outside lustrum years as holidays. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  includeOptionalHolidays?: boolean;

  @ApiPropertyOptional({ type: WorkingTimeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkingTimeDto)
  workingTime?: WorkingTimeDto;

  /** A check-in later than the planned start plus this is flagged late; default 15. */
  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  lateToleranceMinutes?: number;
}

export class PayPeriodRangeDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  from: string;

  /** At most 400 days after from. */
  @ApiProperty({ example: '2026-12-31' })
  @IsLocalDate()
  to: string;
}

export class OrganisationQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;
}

export class TimesheetsQueryDto extends PageQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  /** One caregiver; a caregiver may only ask for their own. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caregiverId?: string;
}
