// Every refusal the API makes is RFC 9457 problem+json with a rule-level `code`; the web app says
// what the code means in the person's language and keys its behaviour on the code, never on the
// text (the API is the one place with business rules). Network failures get the same shape.
import { hasMessage, t } from '../i18n';
import type { components } from './schema';

/** Every rule-level code the API can answer, from its OpenAPI document. */
export type ProblemCode = components['schemas']['Problem']['code'];

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  /** The rule that refused (the API's error-codes.ts); the app keys on this, not on `detail`. */
  code?: ProblemCode;
  detail?: string;
  problems?: FieldProblem[];
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

/** The problem an error stands for: the API's own, or one made up for a network failure. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof TypeError) return { title: t('error.network'), status: 0 };
  return { title: t('error.unexpected'), status: 0 };
}

/**
 * The data of an openapi-fetch result, or a ProblemError with the API's reason. A body that is
 * not problem+json (a proxy's error page) still becomes a problem, with the HTTP status.
 */
export async function unwrap<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  if (isProblem(error)) throw new ProblemError(error);
  throw new ProblemError({
    title: response.status >= 500 ? t('error.unexpected') : response.statusText || t('error.title'),
    status: response.status,
  });
}

/** The refusal in plain words: the catalogue's text for its code, else the API's own title. */
export function reasonOf(problem: Problem): string {
  const key = `problem.${problem.code ?? ''}`;
  return hasMessage(key) ? t(key) : problem.title;
}
