import type { NextFunction, Request, Response } from 'express';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json(\s*;.*)?$/i;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A body that is not JSON is refused with 415 before parsing, instead of arriving as `{}` and
 * failing validation with a misleading message.
 */
export function requireJsonBody(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const contentType = request.headers['content-type'];
  if (METHODS_WITH_BODY.has(request.method) && hasBody && !(contentType && JSON_TYPE.test(contentType))) {
    response
      .status(415)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: '/problems/unsupported-media-type',
          title: 'Unsupported media type',
          status: 415,
          code: 'request.unsupported-media-type',
          detail: `Send the body as application/json (got ${contentType ?? 'no content type'}).`,
          instance: request.originalUrl.split('?')[0],
        }),
      );
    return;
  }
  next();
}
