// Sending a fuzzed request, and what every refusal must look like.
import { ERROR_CODES } from '@homecare/common';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Operation } from './fuzz-openapi';

/** Sends one request as described; every request has a deadline, so a hang fails the property. */
export function send(
  http: TestAgent,
  operation: Operation,
  url: string,
  sent: { body?: unknown; raw?: string; contentType?: string },
  query: Record<string, string> = {},
) {
  let request = http[operation.method](url).query(query).timeout({ response: 20_000, deadline: 30_000 });
  if (sent.raw !== undefined) {
    request = request.set('Content-Type', sent.contentType ?? 'application/json').send(sent.raw);
  } else if (sent.body !== undefined) {
    request = request.send(sent.body as object);
  }
  return request;
}

/**
 * Why `response` is not an RFC 9457 refusal (4xx, application/problem+json, a body with type,
 * title, a status equal to the HTTP status and a `code` the API lists), or undefined when it is one.
 */
export function notAProblem(response: Response): string | undefined {
  if (response.status < 400 || response.status >= 500) return `status ${response.status}`;
  const type = String(response.headers['content-type'] ?? '');
  if (!/^application\/problem\+json/.test(type)) return `content-type ${type}`;
  const body = response.body as { status?: unknown; title?: unknown; type?: unknown; code?: unknown };
  if (body?.status !== response.status)
    return `body status ${String(body?.status)} for HTTP ${response.status}`;
  if (typeof body.title !== 'string' || typeof body.type !== 'string') return 'no title or type';
  if (typeof body.code !== 'string' || !(body.code in ERROR_CODES))
    return `code ${String(body.code)} is not listed`;
  return undefined;
}

/** The start of a response, for a failure message. */
export function excerpt(response: Response): string {
  const text = response.text ?? '';
  return `${response.status} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}
