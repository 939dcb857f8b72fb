import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateRosterDto } from '../../rosters/dto/roster.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
} from 'class-validator';

/** A plan's period and the solver's budget and seed for all of its computations. */
export class CreateRosterPlanDto extends CreateRosterDto {}

export class OpenReviewDto {
  /** After this instant, silence counts as consent (open objections still block agreement). */
  @ApiPropertyOptional({ example: '2026-11-20T18:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  reviewDeadline?: string;
}

export class ObjectionDto {
  @ApiProperty()
  @IsUUID()
  visitId: string;

  @ApiProperty({ example: "I can't do the Tuesday 07:30 visit" })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class VisitRefDto {
  @ApiProperty()
  @IsUUID()
  visitId: string;
}

export class PinDto extends VisitRefDto {
  /** Give the visit to these caregivers while pinning it (checked against the hard rules). */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsUUID('all', { each: true })
  caregiverIds?: string[];
}

export class EditAssignmentDto {
  /** Empty: the visit becomes unassigned. */
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(4)
  @IsUUID('all', { each: true })
  caregiverIds: string[];

  /** Local `YYYY-MM-DDTHH:mm` in the team's zone, or ISO 8601 with an offset. */
  @ApiPropertyOptional({ example: '2026-11-24T07:30' })
  @IsOptional()
  @IsString()
  @Length(16, 40)
  start?: string;
}

export class OfferDto extends VisitRefDto {
  /** The colleague it is offered to; without it, anyone of the team may take it. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  toCaregiverId?: string;

  /** A swap: the colleague's visit that comes back in exchange. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  exchangeVisitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string;
}

export class AmendmentDto {
  @ApiProperty()
  @IsUUID()
  caregiverId: string;

  /** Local `YYYY-MM-DDTHH:mm` in the team's zone, or ISO 8601 with an offset. */
  @ApiProperty({ example: '2026-11-24T00:00' })
  @IsString()
  @Length(16, 40)
  from: string;

  @ApiProperty({ example: '2026-11-26T00:00' })
  @IsString()
  @Length(16, 40)
  to: string;

  @ApiProperty({ example: 'sick' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class DiffQueryDto {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}
