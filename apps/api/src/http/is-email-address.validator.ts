import { isEmail, ValidateBy, type ValidationOptions } from 'class-validator';

const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * class-validator's @IsEmail(), except that text holding a lone UTF-16 surrogate is refused:
 * validator.js measures the address with encodeURI, which throws URIError on it (a 500).
 */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmail',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an email`,
      },
    },
    options,
  );
}
