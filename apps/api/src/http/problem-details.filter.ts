import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import {
  DomainError,
  type DomainErrorKind,
  type ErrorCode,
  type FieldProblem,
  PROBLEM_DETAILS_NL,
  PROBLEM_TITLES,
} from '@homecare/common';
import { type Language, languageOf } from '@homecare/core/shared';
import { isDatabaseUnavailable } from '@homecare/database';
import { loggableError, redactPath } from '../auth/log-redaction';

/**
 * RFC 9457 problem details; `code` names the rule that refused (error-codes.ts), `problems` lists
 * every field error at once.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  problems?: FieldProblem[];
  [extension: string]: unknown;
}

const STATUS_OF: Record<DomainErrorKind, number> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'invalid-input': HttpStatus.BAD_REQUEST,
  'rule-violation': HttpStatus.UNPROCESSABLE_ENTITY,
  'precondition-failed': HttpStatus.PRECONDITION_FAILED,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
};

const TITLES = PROBLEM_TITLES.en;

/** The generic code of a status that no domain error chose (framework and parser refusals). */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'request.invalid',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'resource.not-found',
  405: 'request.method-not-allowed',
  409: 'resource.conflict',
  412: 'precondition.failed',
  413: 'request.too-large',
  415: 'request.unsupported-media-type',
  422: 'rule.violated',
  428: 'request.precondition-required',
  429: 'request.too-many',
  503: 'service.unavailable',
};
const codeOfStatus = (status: number): ErrorCode =>
  CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'request.invalid');

const typeFor = (slug: string): string => `/problems/${slug}`;
const slugOf = (status: number): string =>
  (TITLES[status] ?? `status-${status}`).toLowerCase().replace(/\s+/g, '-');

/**
 * The problem in the requester's language (Accept-Language, Dutch first): `title` and `detail`
 * for people, `code` and `problems` unchanged for programs.
 */
export function inLanguageOf(problem: ProblemDetails, language: Language): ProblemDetails {
  if (language === 'en') return problem;
  return {
    ...problem,
    title: PROBLEM_TITLES.nl[problem.status] ?? PROBLEM_TITLES.nl[problem.status >= 500 ? 500 : 400],
    detail: PROBLEM_DETAILS_NL[problem.code] ?? PROBLEM_DETAILS_NL['request.invalid'],
  };
}

/** Errors that body-parser raises before any controller runs. */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * The one place where errors become HTTP answers. Anything a client can send gets a 4xx in this
 * shape; a 500 means a bug on our side and is logged with its stack, never shown to the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const problem = inLanguageOf(this.toProblem(exception), languageOf(request.headers['accept-language']));
    problem.instance = redactPath(request.originalUrl?.split('?')[0] ?? '');
    if (problem.status >= 500 && problem.status !== 503) {
      // Without the query parameters a database error carries: they hold personal data.
      this.logger.error({ err: loggableError(exception), url: problem.instance }, 'unhandled error');
    }
    if (response.headersSent) return;
    // RFC 6750: a 401 names the scheme the client should use.
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="homecare"');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_OF[exception.kind];
      const { problems, ...extensions } = exception.details;
      return {
        type: typeFor(exception.kind),
        title: TITLES[status],
        status,
        code: exception.code,
        detail: exception.message,
        ...(problems && problems.length > 0 ? { problems } : {}),
        ...extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message;
      return {
        type: typeFor(slugOf(status)),
        title: TITLES[status] ?? exception.name,
        status,
        code: codeOfStatus(status),
        detail,
      };
    }
    // Postgres (or another service) out of reach, e.g. restarting: a refusal to retry, not a bug.
    if (isDatabaseUnavailable(exception)) {
      const { message, code } = loggableError(exception);
      this.logger.warn({ err: { message, code } }, 'service unavailable');
      return {
        type: typeFor('unavailable'),
        title: TITLES[503],
        status: 503,
        code: 'service.unavailable',
        detail: 'A service this request needs is unavailable; try again shortly.',
      };
    }
    if (exception instanceof QueryFailedError) {
      return this.fromDatabase(
        exception as QueryFailedError & { code?: string; constraint?: string; detail?: string },
      );
    }
    const bodyError = exception as BodyParserError;
    if (
      bodyError &&
      typeof bodyError.status === 'number' &&
      bodyError.status >= 400 &&
      bodyError.status < 500
    ) {
      const detail =
        bodyError.type === 'entity.too.large'
          ? 'The request body is larger than this endpoint accepts.'
          : bodyError.type === 'entity.parse.failed'
            ? 'The request body is not valid JSON.'
            : (exception as Error).message;
      return {
        type: typeFor(slugOf(bodyError.status)),
        title: TITLES[bodyError.status] ?? 'Invalid request',
        status: bodyError.status,
        code: codeOfStatus(bodyError.status),
        detail,
      };
    }
    return {
      type: typeFor('internal-error'),
      title: TITLES[500],
      status: 500,
      code: 'internal',
      detail: 'Something went wrong on our side.',
    };
  }

  /** Constraint violations that slipped past validation still answer 4xx, never 500. */
  private fromDatabase(error: QueryFailedError & { code?: string; constraint?: string }): ProblemDetails {
    switch (error.code) {
      case '23505':
        return {
          type: typeFor('conflict'),
          title: TITLES[409],
          status: 409,
          code: 'resource.duplicate',
          detail: `Already exists (${error.constraint ?? 'unique key'}).`,
        };
      case '23503':
        return {
          type: typeFor('conflict'),
          title: TITLES[409],
          status: 409,
          code: 'resource.in-use',
          detail: `Refers to something that does not exist or is still in use (${error.constraint ?? 'foreign key'}).`,
        };
      case '23P01':
        return {
          type: typeFor('conflict'),
          title: TITLES[409],
          status: 409,
          code: 'resource.overlap',
          detail: `Overlaps with an existing entry (${error.constraint ?? 'exclusion'}).`,
        };
      // 23502: a null where the column takes none (an optional DTO field sent as null);
      // 22021, 22P05: a NUL character in text or JSON, which Postgres cannot store.
      case '23514':
      case '23502':
      case '22021':
      case '22P05':
      case '22P02':
      case '22007':
      case '22008':
      case '22003':
      case '22001':
        return {
          type: typeFor('invalid-request'),
          title: TITLES[400],
          status: 400,
          code: 'request.invalid',
          detail: `A value is out of range or malformed (${error.constraint ?? error.code}).`,
        };
      case '40001':
      case '40P01':
        return {
          type: typeFor('conflict'),
          title: TITLES[409],
          status: 409,
          code: 'resource.concurrent-change',
          detail: 'Someone else changed this at the same time; try again.',
        };
      default:
        this.logger.error({ err: loggableError(error) }, 'database error');
        return {
          type: typeFor('internal-error'),
          title: TITLES[500],
          status: 500,
          code: 'internal',
          detail: 'Something went wrong on our side.',
        };
    }
  }
}
