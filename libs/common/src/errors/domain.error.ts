import type { ErrorCode } from './error-codes';

/**
 * Errors of the domain, with codes. Services throw these, never HTTP exceptions, so that the
 * worker's failures stay meaningful; one filter maps them to problem+json at the HTTP edge.
 * `kind` decides the HTTP status; `code` names the rule (see error-codes.ts).
 */
export type DomainErrorKind =
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

/** The code a refusal carries when its thrower names no rule of its own. */
const GENERIC_CODE: Record<DomainErrorKind, ErrorCode> = {
  'not-found': 'resource.not-found',
  conflict: 'resource.conflict',
  'invalid-input': 'request.invalid',
  'rule-violation': 'rule.violated',
  'precondition-failed': 'precondition.failed',
  unavailable: 'service.unavailable',
  unauthenticated: 'auth.unauthenticated',
  forbidden: 'auth.forbidden',
};

export interface DomainErrorDetails {
  /** The rule that refused; defaults to the generic code of the kind. */
  code?: ErrorCode;
  problems?: FieldProblem[];
  [key: string]: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Everything else the problem carries: field problems and extension members. */
  readonly details: { problems?: FieldProblem[]; [key: string]: unknown };

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    { code, ...details }: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code ?? GENERIC_CODE[kind];
    this.details = details;
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id?: string) {
    super('not-found', id ? `${resource} ${id} does not exist` : `${resource} does not exist`, { resource });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('conflict', message, details);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, problems: FieldProblem[] = [], code?: ErrorCode) {
    super('invalid-input', message, { problems, code });
  }
}

/** A change that would break a hard rule of the roster (422). */
export class RuleViolationError extends DomainError {
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('rule-violation', message, details);
  }
}

/** A dependency (Redis, Postgres) is down; the client may retry (503). */
export class ServiceUnavailableError extends DomainError {
  constructor(message: string, code?: ErrorCode) {
    super('unavailable', message, { code });
  }
}

/** No valid credentials: no token, a bad token, or a wrong email or password (401). */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first.', code?: ErrorCode) {
    super('unauthenticated', message, { code });
  }
}

/**
 * The caller may see this but not do this (403). Where the caller may not even see the object,
 * services answer NotFoundError instead, so that its existence is not revealed.
 */
export class ForbiddenError extends DomainError {
  constructor(message = 'You may not do this.', code?: ErrorCode) {
    super('forbidden', message, { code });
  }
}
