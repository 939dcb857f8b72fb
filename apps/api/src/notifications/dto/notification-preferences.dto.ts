import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { NOTIFICATION_KINDS } from '@homecare/database';

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursDto {
  @ApiPropertyOptional({ example: '22:00', description: 'Local time HH:MM' })
  @Matches(LOCAL_TIME, { message: 'start must be a local time HH:MM' })
  start: string;

  @ApiPropertyOptional({ example: '07:00', description: 'Local time HH:MM; before start spans midnight' })
  @Matches(LOCAL_TIME, { message: 'end must be a local time HH:MM' })
  end: string;
}

/** Only what is given changes. */
export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional({ enum: ['nl', 'en'] })
  @IsOptional()
  @IsIn(['nl', 'en'])
  language?: 'nl' | 'en';

  @ApiPropertyOptional({
    description: `Email on (true) or off (false) per kind: ${NOTIFICATION_KINDS.join(', ')}`,
    type: 'object',
    additionalProperties: { type: 'boolean' },
    example: { 'visit.moved': false },
  })
  @IsOptional()
  @IsObject()
  email?: Record<string, boolean>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  dailyDigest?: boolean;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null: no quiet hours' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
}
