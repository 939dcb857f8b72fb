import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@homecare/database';

// The address and the event types are checked by the service, so that a refusal carries its rule
// (`webhook.url-invalid`, `webhook.unknown-event-type`), not only `request.invalid`.

export class CreateWebhookSubscriptionDto {
  @ApiProperty({
    example: 'https://ecd.example.org/hooks/homecare',
    description: 'https (http only to localhost outside production)',
  })
  @IsString()
  @MaxLength(4000)
  url: string;

  @ApiProperty({ type: [String], enum: WEBHOOK_EVENT_TYPES, example: ['client.visits-changed'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  eventTypes: string[];
}

/** Only what is given changes. */
export class UpdateWebhookSubscriptionDto {
  @ApiPropertyOptional({ example: 'https://ecd.example.org/hooks/homecare' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: WEBHOOK_EVENT_TYPES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  eventTypes?: string[];

  /** false: nothing more is sent, also not what was still waiting. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookDeliveryQueryDto {
  /** Deliveries per page (1–100). */
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
