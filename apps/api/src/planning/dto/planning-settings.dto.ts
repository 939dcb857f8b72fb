import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';

// Values are checked by the service (PlanningSettingsService), so that a refusal names the rule.
export class UpdatePlanningSettingsDto {
  /** The schedule prepares this team's weeks (off until the team switches it on). */
  @ApiPropertyOptional({ type: 'boolean', example: true })
  @Allow()
  rollingPlanningEnabled?: boolean;

  /** Which ISO week ahead is prepared: 1 is next week. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4, example: 1 })
  @Allow()
  weeksAhead?: number;

  /** ISO weekday (1 Monday .. 7 Sunday) the review opens on, from 00:00 in the team's zone. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 7, example: 3 })
  @Allow()
  reviewOpensWeekday?: number;

  /** ISO weekday of the review deadline, later in the week the review opens. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 7, example: 5 })
  @Allow()
  reviewDeadlineWeekday?: number;

  /** Local HH:mm of the review deadline. */
  @ApiPropertyOptional({ type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', example: '17:00' })
  @Allow()
  reviewDeadlineTime?: string;

  /** The team's continuity target: mean different caregivers per client in a week. */
  @ApiPropertyOptional({ type: 'number', minimum: 1, maximum: 20, example: 2 })
  @Allow()
  continuityTargetDistinctCaregivers?: number;
}

export class PlanningSettingsViewDto {
  @ApiProperty({ format: 'uuid' })
  teamId: string;

  /** IANA zone the weekdays and the deadline time are read in. */
  @ApiProperty({ example: 'Europe/Amsterdam' })
  timezone: string;

  @ApiProperty()
  rollingPlanningEnabled: boolean;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  weeksAhead: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7 })
  reviewOpensWeekday: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7 })
  reviewDeadlineWeekday: number;

  @ApiProperty({ example: '17:00' })
  reviewDeadlineTime: string;

  /** Mean different caregivers per client in a week the team aims at most for (default 2). */
  @ApiProperty({ type: 'number', minimum: 1, maximum: 20, example: 2 })
  continuityTargetDistinctCaregivers: number;
}
