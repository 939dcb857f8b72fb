import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class MyDayQueryDto {
  /** A local date `YYYY-MM-DD` in the team's zone; default today. */
  @ApiPropertyOptional({ example: '2026-12-07' })
  @IsOptional()
  @IsString()
  date?: string;
}

export class RunningLateDto {
  /** About how many minutes later than planned. */
  @ApiProperty({ example: 15, minimum: 5, maximum: 240 })
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(240)
  minutes: number;
}
