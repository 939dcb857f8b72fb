import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Both compared whole and in constant time (equal-length digests), so timing says nothing about either. */
export function credentialsMatch(header: string | undefined, user: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  const given = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const separator = given.indexOf(':');
  const givenUser = separator >= 0 ? given.slice(0, separator) : '';
  const givenPassword = separator >= 0 ? given.slice(separator + 1) : '';
  const userOk = timingSafeEqual(digest(givenUser), digest(user));
  const passwordOk = timingSafeEqual(digest(givenPassword), digest(password));
  return separator >= 0 && userOk && passwordOk;
}

/** HTTP Basic in front of the operators' dashboard, until there are accounts with roles. */
export function dashboardAuth(user: string, password: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (credentialsMatch(request.headers.authorization, user, password)) {
      next();
      return;
    }
    response
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="queues", charset="UTF-8"')
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: '/problems/not-signed-in',
          title: 'Not signed in',
          status: 401,
          detail: 'The queue dashboard needs the operators’ credentials.',
          instance: request.originalUrl.split('?')[0],
        }),
      );
  };
}
