import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../http/page-query.dto';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Buurtzorg Oost' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

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
