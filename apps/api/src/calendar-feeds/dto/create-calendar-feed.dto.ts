import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The longest name of a calendar link: a few words, as a person tells their links apart. */
export const CALENDAR_FEED_NAME_MAX = 60;

export class CreateCalendarFeedDto {
  /** What the link is for, in the owner's words ("Anna's phone", "kitchen tablet"). */
  @ApiPropertyOptional({ example: "Anna's phone", maxLength: CALENDAR_FEED_NAME_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(CALENDAR_FEED_NAME_MAX, { message: `name must be at most ${CALENDAR_FEED_NAME_MAX} characters` })
  name?: string;
}
