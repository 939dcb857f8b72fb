import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VisitPlanQueryDto {
  /** First local date; today in the team's zone by default. */
  @ApiPropertyOptional({ example: '2026-11-23' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  /** Last local date; 13 days after `from` by default; at most 31 days in all. */
  @ApiPropertyOptional({ example: '2026-12-06' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}
