/**
 * Errors of the domain, with codes. Services throw these, never HTTP exceptions, so that the
 * worker's failures stay meaningful; one filter maps them to problem+json at the HTTP edge.
 */
export type DomainErrorCode =
  | 'not-found'
  | 'conflict'
  | 'invalid-input'
  | 'rule-violation'
  | 'precondition-failed'
  | 'unavailable'
  | 'unauthenticated'
  | 'forbidden';

export interface FieldProblem {
  /** JSON path of the offending value, e.g. `$.visits[3].clientId` or `body.weekdays`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { problems?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id?: string) {
    super('not-found', id ? `${resource} ${id} does not exist` : `${resource} does not exist`, { resource });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super('invalid-input', message, { problems });
  }
}

/** A change that would break a hard rule of the roster (422). */
export class RuleViolationError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('rule-violation', message, details);
  }
}

/** A dependency (Redis, Postgres) is down; the client may retry (503). */
export class ServiceUnavailableError extends DomainError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

/** No valid credentials: no token, a bad token, or a wrong email or password (401). */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first.') {
    super('unauthenticated', message);
  }
}

/**
 * The caller may see this but not do this (403). Where the caller may not even see the object,
 * services answer NotFoundError instead, so that its existence is not revealed.
 */
export class ForbiddenError extends DomainError {
  constructor(message = 'You may not do this.') {
    super('forbidden', message);
  }
}
