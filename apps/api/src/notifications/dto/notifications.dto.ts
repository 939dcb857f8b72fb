import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class NotificationQueryDto {
  /** Only messages not read yet. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  /** Messages per page (1–100). */
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** The `nextBefore` of the previous page. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  before?: string;
}

export class MarkNotificationsReadDto {
  /** The messages to mark read; leave out to mark every message read. */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class MarkedReadView {
  /** How many messages were unread and are read now. */
  marked: number;
  unreadCount: number;
}

export class UnreadCountView {
  unreadCount: number;
}
