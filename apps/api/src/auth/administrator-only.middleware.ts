import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, machineTime } from '@homecare/common';
import type { AuthService } from '@homecare/core/auth';

const SUCCESS_CACHE_MS = 60_000;
const FAILURES_PER_MINUTE = 10;

/**
 * Express middleware for pages outside Nest's routing (the queue dashboard): administrators only.
 * Takes an administrator's access token (Bearer), or their email and password by HTTP Basic so
 * that a browser can open the page. A verified Basic header is remembered for a minute (the page
 * polls), and failures are limited per address, since each one costs an Argon2 verification.
 */
export function administratorOnly(auth: AuthService, realm: string) {
  const verified = new Map<string, number>();
  const failures = new Map<string, { count: number; since: number }>();

  const refuse = (request: Request, response: Response, status: 401 | 403 | 429, detail: string): void => {
    if (status === 401) response.set('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`);
    response
      .status(status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type:
            status === 401
              ? '/problems/not-signed-in'
              : status === 403
                ? '/problems/not-allowed'
                : '/problems/too-many-requests',
          title: status === 401 ? 'Not signed in' : status === 403 ? 'Not allowed' : 'Too many requests',
          status,
          code:
            status === 401 ? 'auth.unauthenticated' : status === 403 ? 'auth.forbidden' : 'request.too-many',
          detail,
          instance: request.originalUrl.split('?')[0],
        }),
      );
  };

  const isAdministrator = async (header: string, route: string): Promise<boolean> => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (bearer) return (await auth.authenticate(bearer[1], route)).role === 'administrator';
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    if (!basic) return false;
    const key = createHash('sha256').update(header).digest('hex');
    if ((verified.get(key) ?? 0) > machineTime.nowMs()) return true;
    const given = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = given.indexOf(':');
    if (separator < 0) return false;
    const ok = await auth.verifyAdministrator(given.slice(0, separator), given.slice(separator + 1));
    if (ok) verified.set(key, machineTime.nowMs() + SUCCESS_CACHE_MS);
    return ok;
  };

  return (request: Request, response: Response, next: NextFunction): void => {
    const address = request.ip ?? 'unknown';
    const now = machineTime.nowMs();
    const failure = failures.get(address);
    if (failure && now - failure.since < 60_000 && failure.count >= FAILURES_PER_MINUTE) {
      refuse(request, response, 429, 'Too many failed attempts: wait a minute and try again.');
      return;
    }
    const header = request.headers.authorization ?? '';
    if (!header) {
      refuse(
        request,
        response,
        401,
        'The queue dashboard is for administrators: sign in with an administrator account.',
      );
      return;
    }
    isAdministrator(header, `${request.method} ${request.baseUrl}`)
      .catch((error: unknown) => {
        if (error instanceof DomainError) return false;
        throw error;
      })
      .then((ok) => {
        if (ok) return next();
        const current = failure && now - failure.since < 60_000 ? failure : { count: 0, since: now };
        failures.set(address, { count: current.count + 1, since: current.since });
        refuse(
          request,
          response,
          401,
          'The queue dashboard is for administrators: sign in with an administrator account.',
        );
      })
      .catch(next);
  };
}
