// Every refusal the API makes is RFC 9457 problem+json; the web app shows its reason as it is
// (the API is the one place with business rules). Network failures get the same shape.
import { t } from '../i18n';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  /** The rule that refused (the API's error-codes.ts); the app keys on this, not on `detail`. */
  code?: string;
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
