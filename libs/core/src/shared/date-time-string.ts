import { ApiProperty } from '@nestjs/swagger';

/**
 * A view field that holds an ISO 8601 instant as a string (already formatted by the service).
 * The OpenAPI plugin sees only `string`; this adds `format: date-time` and leaves the rest (nullable,
 * required, description) to the plugin.
 */
export const DateTimeString = (): PropertyDecorator => ApiProperty({ type: String, format: 'date-time' });
