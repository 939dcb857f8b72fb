import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { VisitPriorityValue } from '@homecare/database';
import { VISIT_PRIORITIES } from '@homecare/scenario';
import { HOUR_MINUTE_PATTERN, IsLocalDate } from '../../visits/dto/local-date.validator';

export class CreateCareNeedDto {
  /** What the visit is for, in the team's words. */
  @ApiPropertyOptional({ example: 'morning care' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  @ApiProperty({ type: [Number], example: [1, 3, 5] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'weekdays must not repeat' })
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  /** Local time `HH:mm` the visit may start. */
  @ApiProperty({ example: '07:30' })
  @IsString()
  @Matches(HOUR_MINUTE_PATTERN, { message: 'windowStart must be a local time HH:mm' })
  windowStart: string;

  /** Local time `HH:mm` the visit must be done, later on the same day (windows across midnight are not supported). */
  @ApiProperty({ example: '09:30' })
  @IsString()
  @Matches(HOUR_MINUTE_PATTERN, { message: 'windowEnd must be a local time HH:mm' })
  windowEnd: string;

  @ApiProperty({ example: 45 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ type: [String], example: ['personal-care'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  requiredSkills?: string[];

  /** 2 or more for a double-up visit such as a hoist transfer. */
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  caregiversNeeded?: number;

  /** `critical` (insulin, hoist: never left out while a roster could cover it), `normal` (default) or `optional`. */
  @ApiPropertyOptional({ enum: VISIT_PRIORITIES, example: 'normal' })
  @IsOptional()
  @IsIn(VISIT_PRIORITIES)
  priority?: VisitPriorityValue;

  @ApiProperty({ example: '2026-11-23' })
  @IsLocalDate()
  startsOn: string;

  /** Last date with a visit, inclusive; null for no end. */
  @ApiPropertyOptional({ example: '2027-03-31', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsLocalDate()
  endsOn?: string | null;
}

export class UpdateCareNeedDto extends PartialType(CreateCareNeedDto) {}
