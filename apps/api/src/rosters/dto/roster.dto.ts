import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRosterDto {
  /** First local date of the period, inclusive. */
  @ApiProperty({ example: '2026-11-23' })
  @Matches(LOCAL_DATE, { message: 'periodStart must be a date YYYY-MM-DD' })
  periodStart: string;

  /** Last local date of the period, inclusive (at most 92 days). */
  @ApiProperty({ example: '2026-11-29' })
  @Matches(LOCAL_DATE, { message: 'periodEnd must be a date YYYY-MM-DD' })
  periodEnd: string;

  /** The solver's time budget in milliseconds (default 5000). */
  @ApiPropertyOptional({ example: 5000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  timeLimitMs?: number;

  /** Seed of the solver's random choices (default 1). */
  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}

export class CreateRosterRunDto {
  /** First local date of the period, inclusive. */
  @ApiProperty({ example: '2026-11-23' })
  @Matches(LOCAL_DATE, { message: 'periodStart must be a date YYYY-MM-DD' })
  periodStart: string;

  /** Last local date of the period, inclusive (at most 92 days). */
  @ApiProperty({ example: '2026-11-29' })
  @Matches(LOCAL_DATE, { message: 'periodEnd must be a date YYYY-MM-DD' })
  periodEnd: string;

  /** The time budget of each team's solve in milliseconds (default 5000). */
  @ApiPropertyOptional({ example: 5000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  timeLimitMs?: number;
}
