import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

/** Where the web app lives; every other path on this origin is the API's. */
export const WEB_BASE = '/app';

/**
 * Serves the built web app (apps/web, built to WEB_DIR) under /app on the API's own origin, so
 * the browser needs no CORS and the access token never crosses origins. Hashed assets are cached
 * for good; index.html never is, so a new release reaches everyone on the next load. Paths under
 * /app that are not files are the app's own routes: they get index.html.
 */
export function serveWebApp(app: NestExpressApplication, webDir: string): { served: boolean; dir: string } {
  const dir = resolve(webDir);
  const index = join(dir, 'index.html');
  const served = existsSync(index);
  // A strict policy for the app's pages: only its own scripts, styles and API.
  app.use(
    WEB_BASE,
    helmet.contentSecurityPolicy({
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  // The bare origin is where people land: send them to the app.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.path === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      response.redirect(302, `${WEB_BASE}/`);
    } else {
      next();
    }
  });
  if (!served) {
    app.use(WEB_BASE, (request: Request, response: Response) =>
      notFound(request, response, 'The web app is not built here: run `npm run build`.'),
    );
    return { served, dir };
  }
  app.use(
    `${WEB_BASE}/assets`,
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  // A missing asset is a 404, not the app's page (which a browser would try to run as a script).
  app.use(`${WEB_BASE}/assets`, (request: Request, response: Response) =>
    notFound(request, response, 'No such file.'),
  );
  app.use(WEB_BASE, express.static(dir, { index: false, maxAge: 0 }));
  app.use(WEB_BASE, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return { served, dir };
}

function notFound(request: Request, response: Response, detail: string): void {
  response
    .status(404)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: '/problems/not-found',
        title: 'Not Found',
        status: 404,
        code: 'resource.not-found',
        detail,
        instance: request.originalUrl,
      }),
    );
}
