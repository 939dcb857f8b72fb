import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  ValidateIf,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import type { VisitPriorityValue, VisitStatus } from '@homecare/database';
import { VISIT_PRIORITIES } from '@homecare/scenario';
import { PageQueryDto } from '../../http/page-query.dto';
import { IsLocalDate } from './local-date.validator';

const STATUSES: VisitStatus[] = ['planned', 'cancelled'];

export class VisitPeriodDto {
  /** First local date, inclusive. */
  @ApiProperty({ example: '2026-11-23' })
  @IsLocalDate()
  from: string;

  /** Last local date, inclusive; at most 92 days after from. */
  @ApiProperty({ example: '2026-11-29' })
  @IsLocalDate()
  to: string;
}

export class GenerateVisitsDto extends VisitPeriodDto {}

export class ListVisitsQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026-11-23' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: '2026-11-29' })
  @IsLocalDate()
  to: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: VisitStatus;
}

export class CreateVisitDto {
  /** A client of this team. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  clientId: string;

  /** Local `YYYY-MM-DDTHH:mm` in the team's zone, or ISO 8601 with an offset. */
  @ApiProperty({ example: '2026-11-24T14:00' })
  @IsString()
  @Length(16, 40)
  earliestStart: string;

  @ApiProperty({ example: '2026-11-24T16:00' })
  @IsString()
  @Length(16, 40)
  latestEnd: string;

  @ApiProperty({ example: 30 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  requiredSkills?: string[];

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  caregiversNeeded?: number;

  /** Absent: normal. */
  @ApiPropertyOptional({ enum: VISIT_PRIORITIES })
  @IsOptional()
  @IsIn(VISIT_PRIORITIES)
  priority?: VisitPriorityValue;

  @ApiPropertyOptional({ example: 'v-0042' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalRef?: string;
}

export class UpdateVisitDto extends PartialType(
  PickType(CreateVisitDto, [
    'earliestStart',
    'latestEnd',
    'durationMinutes',
    'requiredSkills',
    'caregiversNeeded',
  ] as const),
) {
  /** `cancelled` cancels the visit; `planned` brings it back. */
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: VisitStatus;

  /** The visit's own priority; null: its care need's again. */
  @ApiPropertyOptional({ enum: VISIT_PRIORITIES, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsIn(VISIT_PRIORITIES)
  priority?: VisitPriorityValue | null;
}
