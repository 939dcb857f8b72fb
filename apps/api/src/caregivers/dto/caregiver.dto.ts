import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../http/page-query.dto';

export const SKILL_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
const SKILL_MESSAGE =
  'each skill must be a short lowercase word such as personal-care, medication or nursing';

/** Optional, but when present never null: the column cannot be empty. */
const PresentNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

export class CreateCaregiverDto {
  @ApiProperty({ example: 'Fatima' })
  @IsString()
  @Length(1, 100)
  firstName: string;

  @ApiPropertyOptional({ example: 'El Amrani', default: '' })
  @PresentNotNull()
  @IsString()
  @Length(0, 100)
  lastName?: string;

  /** What the caregiver is trained for; visits ask for skills by the same words. */
  @ApiPropertyOptional({ example: ['personal-care', 'medication'], type: [String], maxItems: 20 })
  @PresentNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(SKILL_PATTERN, { each: true, message: SKILL_MESSAGE })
  skills?: string[];

  /** Contract: the most minutes a week (visits plus paid travel). */
  @ApiProperty({ example: 1920, minimum: 0, maximum: 4200 })
  @IsInt()
  @Min(0)
  @Max(4200)
  maxMinutesPerWeek: number;

  @ApiPropertyOptional({ example: 480, minimum: 0, maximum: 1440, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  maxMinutesPerDay?: number | null;

  /** Own travel speed in km/h, overriding the team's (an e-bike, a car). */
  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 150, nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(150)
  travelSpeedKmh?: number | null;

  @ApiPropertyOptional({ example: true, default: true })
  @PresentNotNull()
  @IsBoolean()
  active?: boolean;

  /** The caregiver's id in an imported scenario or another system; unique within the team. */
  @ApiPropertyOptional({ example: 'cg-07', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalRef?: string | null;
}

export class UpdateCaregiverDto {
  @ApiPropertyOptional({ example: 'Fatima' })
  @PresentNotNull()
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'El Amrani' })
  @PresentNotNull()
  @IsString()
  @Length(0, 100)
  lastName?: string;

  @ApiPropertyOptional({ example: ['personal-care', 'nursing'], type: [String], maxItems: 20 })
  @PresentNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(SKILL_PATTERN, { each: true, message: SKILL_MESSAGE })
  skills?: string[];

  @ApiPropertyOptional({ example: 1600, minimum: 0, maximum: 4200 })
  @PresentNotNull()
  @IsInt()
  @Min(0)
  @Max(4200)
  maxMinutesPerWeek?: number;

  @ApiPropertyOptional({ example: 480, minimum: 0, maximum: 1440, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  maxMinutesPerDay?: number | null;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 150, nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(150)
  travelSpeedKmh?: number | null;

  /** false takes the caregiver out of new rosters while keeping their history. */
  @ApiPropertyOptional({ example: false })
  @PresentNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'cg-07', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalRef?: string | null;
}

export class ListCaregiversQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'medication' })
  @IsOptional()
  @IsString()
  @Matches(SKILL_PATTERN, { message: 'skill must be a short lowercase word such as medication' })
  skill?: string;
}
