import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '@homecare/scenario';

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is refused). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => isLocalDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** Local wall-clock time of day `HH:mm` (00:00 to 23:59). */
export const HOUR_MINUTE_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
