import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PublishedRosterQueryDto {
  @ApiProperty({ example: '2026-11-23' })
  @Matches(LOCAL_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-11-29' })
  @Matches(LOCAL_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to: string;

  /** Also list what changed after this instant (for "what changed since you last looked"). */
  @ApiPropertyOptional({ example: '2026-11-20T08:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}
