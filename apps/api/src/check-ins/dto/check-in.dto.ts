import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CheckInField } from '@homecare/database';

const FIELDS: CheckInField[] = ['checkedInAt', 'checkedOutAt'];

export class LocationDto {
  @ApiProperty({ example: 52.37 })
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude: number;

  @ApiProperty({ example: 4.89 })
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude: number;
}

export class CheckInDto {
  /**
   * ISO 8601 instant; default now. At most 12 h from the planned time, never in the future. A
   * phone that was offline sends the time of the tap; the same time sent again (a retry) answers
   * the check-in already recorded instead of a conflict.
   */
  @ApiPropertyOptional({ example: '2026-11-23T08:02:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  /** Where the phone is, when the caregiver shares it. */
  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;
}

export class CorrectionDto {
  @ApiProperty({ enum: FIELDS })
  @IsIn(FIELDS)
  field: CheckInField;

  /** The corrected time, an ISO 8601 instant. */
  @ApiProperty({ example: '2026-11-23T08:00:00Z' })
  @IsISO8601({ strict: true })
  value: string;

  /** Why: kept with the correction and the original value. */
  @ApiProperty({ example: 'Forgot to check in on arrival' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
