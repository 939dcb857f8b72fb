import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EXCEPTION_KINDS, type ExceptionKind } from '@homecare/core/availability';
import { PageQueryDto } from '../../http/page-query.dto';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_DESCRIPTION = "Local time YYYY-MM-DDTHH:mm in the team's time zone, or ISO 8601 with an offset.";

export class TimeSpanDto {
  @ApiProperty({ example: '2026-03-29T07:00', description: TIME_DESCRIPTION })
  @IsString()
  @Length(16, 40)
  start: string;

  @ApiProperty({ example: '2026-03-29T13:00', description: TIME_DESCRIPTION })
  @IsString()
  @Length(16, 40)
  end: string;
}

export class CreateExceptionDto extends TimeSpanDto {
  @ApiProperty({ enum: EXCEPTION_KINDS, example: 'appointment' })
  @IsIn(EXCEPTION_KINDS)
  kind: ExceptionKind;

  @ApiPropertyOptional({ example: 'Dentist', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string | null;
}

export class PatternWindowDto {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  @ApiProperty({ example: 1, minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '07:00', description: 'Local HH:mm.' })
  @IsString()
  @Matches(TIME_PATTERN, { message: 'start must be a local time HH:mm' })
  start: string;

  @ApiProperty({
    example: '13:00',
    description: 'Local HH:mm; at or before start means it ends the next day.',
  })
  @IsString()
  @Matches(TIME_PATTERN, { message: 'end must be a local time HH:mm' })
  end: string;
}

export class ReplacePatternDto {
  @ApiProperty({ example: '2026-03-23', description: 'First local date the pattern applies to.' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    nullable: true,
    description: 'Last local date, inclusive; none means open-ended.',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string | null;

  @ApiProperty({
    type: [PatternWindowDto],
    example: [
      { weekday: 1, start: '07:00', end: '13:00' },
      { weekday: 5, start: '22:00', end: '07:00' },
    ],
  })
  @IsArray()
  @ArrayMaxSize(50)
  // ValidateNested lets an array element that is itself an array through ([[]] was stored).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PatternWindowDto)
  windows: PatternWindowDto[];
}

export class DateRangeQueryDto {
  @ApiProperty({ example: '2026-03-23' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-03-29' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}

export class PagedDateRangeQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026-03-23' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-03-29' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}

export class OptionalDateRangeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-03-23' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsString()
  @Matches(DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-29' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsString()
  @Matches(DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export class WishDto extends TimeSpanDto {
  /** `avoid`: rather not work then; `prefer`: rather work then. Soft: a roster may break it. */
  @ApiProperty({ enum: ['avoid', 'prefer'], example: 'avoid' })
  @IsString()
  kind: 'avoid' | 'prefer';
}

export class ReplaceWishesDto {
  @ApiProperty({ type: [WishDto], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => WishDto)
  wishes: WishDto[];
}
