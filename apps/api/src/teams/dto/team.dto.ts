import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  Allow,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../http/page-query.dto';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Buurtzorg Oost' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {
  /** Weeks before a period whose published and checked-in visits make its clients' history (default 8). */
  @ApiPropertyOptional({ minimum: 1, maximum: 26, example: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(26)
  continuityWindowWeeks?: number;

  /** Whether members may report a colleague absent on their behalf (default off; the colleague is told). */
  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  colleaguesMayReportAbsence?: boolean;
}

export class CreateTeamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: 'Team Watergraafsmeer' })
  @IsString()
  @Length(1, 200)
  name: string;

  /** IANA time zone of the team's local times. */
  @ApiProperty({ example: 'Europe/Amsterdam' })
  @IsString()
  @Length(1, 64)
  timezone: string;

  /** Travel speed for the team, km/h (default 15: cycling in town). */
  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(150)
  travelSpeedKmh?: number;

  /** Road distance over straight-line distance (default 1.3). */
  @ApiPropertyOptional({ example: 1.3 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(5)
  travelDetourFactor?: number;
}

export class UpdateTeamDto extends PartialType(
  PickType(CreateTeamDto, ['name', 'timezone', 'travelSpeedKmh', 'travelDetourFactor'] as const),
) {}

export class ListTeamsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

// Values are checked by the service (WorkingTimeRulesService), so that a refusal names the rule.
export class UpdateWorkingTimeRulesDto {
  /** Rest between the last end of one working day and the first start of the next date's; null: not checked. */
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 2880, example: 660 })
  @Allow()
  minRestMinutes?: number | null;

  /** At most this many dates in a row with visits; null: not limited. */
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 31, example: 6 })
  @Allow()
  maxConsecutiveDays?: number | null;
}

export class UpdateTeamWorkingTimeRulesDto extends UpdateWorkingTimeRulesDto {
  /** Rules that go back to following the organisation. */
  @ApiPropertyOptional({ type: [String], enum: ['minRestMinutes', 'maxConsecutiveDays'] })
  @Allow()
  inherit?: string[];
}

export class WorkingTimeRulesViewDto {
  @ApiProperty({ type: 'integer', nullable: true })
  minRestMinutes: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  maxConsecutiveDays: number | null;
}

export class OrganisationWorkingTimeViewDto extends WorkingTimeRulesViewDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
}

export class TeamWorkingTimeViewDto {
  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ type: WorkingTimeRulesViewDto })
  organisation: WorkingTimeRulesViewDto;

  /** This team's own values; a rule absent here follows the organisation. */
  @ApiProperty({ type: PartialType(WorkingTimeRulesViewDto) })
  overrides: Partial<WorkingTimeRulesViewDto>;

  /** What the roster engine and payroll use for this team. */
  @ApiProperty({ type: WorkingTimeRulesViewDto })
  effective: WorkingTimeRulesViewDto;
}
