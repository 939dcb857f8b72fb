import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ImportScenarioQueryDto {
  /** Add the team to this organisation; without it, a new organisation named after the scenario is created. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class ExportScenarioQueryDto {
  /** First local date of the period, inclusive. */
  @ApiProperty({ example: '2026-11-23' })
  @Matches(LOCAL_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  /** Last local date of the period, inclusive; at most 92 days after `from`. */
  @ApiProperty({ example: '2026-11-29' })
  @Matches(LOCAL_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}
