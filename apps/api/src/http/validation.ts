import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type FieldProblem } from '@homecare/common';

/** Flattens class-validator's tree into one problem per field, with a JSON path. */
export function fieldProblems(errors: ValidationError[], parent = '$'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : `${parent}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      const wording = message.startsWith('property ')
        ? message.replace(/^property \S+ /, 'unknown field: ')
        : message;
      problems.push({ path, message: wording });
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, path));
  }
  return problems;
}

/** Whitelisted, transformed, every error at once; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new InvalidInputError('The request has invalid fields.', fieldProblems(errors)),
  });
}
