import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@homecare/common';
import { inLanguage, languageOf } from '@homecare/core/shared';
import { requireJsonBody } from './http/content-type.middleware';
import { HttpDrain } from './http/http-drain';
import { refuseDeepJson } from './http/json-depth';
import { createValidationPipe } from './http/validation';
import { serveWebApp, WEB_BASE } from './http/web-app';
import { createOpenApiDocument } from './openapi';

/**
 * Everything main.ts does to the application besides listening, so that the end-to-end tests run
 * exactly the app that production runs.
 */
export function configureApp(
  app: NestExpressApplication,
  options: { shutdownSignals?: NodeJS.Signals[] } = {},
): INestApplication {
  const config = app.get(ConfigService<AppConfig, true>);
  app.useLogger(app.get(Logger));
  // First of all: a stopping API knows which requests are still under way (HttpDrain).
  app.use(app.get(HttpDrain).track);
  // The language of the server's texts (engine reasons, change notes) for this request.
  app.use((request: Request, _response: Response, next: NextFunction) =>
    inLanguage(languageOf(request.headers['accept-language']), next),
  );
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet({ contentSecurityPolicy: false }));
  const origins = config
    .get('CORS_ORIGINS', { infer: true })
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  app.enableCors({
    origin: origins.length > 0 ? origins : false,
    exposedHeaders: ['ETag', 'Location', 'X-Request-Id'],
  });
  const web = serveWebApp(app, config.get('WEB_DIR', { infer: true }));
  if (!web.served)
    app.get(Logger).warn(`No web app in ${web.dir}: ${WEB_BASE} answers 404 (npm run build makes it)`);
  app.use(requireJsonBody);
  // Scenario imports may be large; everything else gets the ordinary limit.
  app.use(
    '/teams/import',
    json({
      limit: config.get('IMPORT_BODY_LIMIT', { infer: true }),
      type: ['application/json', 'application/*+json'],
      verify: refuseDeepJson,
    }),
  );
  app.use(
    json({
      limit: config.get('BODY_LIMIT', { infer: true }),
      type: ['application/json', 'application/*+json'],
      verify: refuseDeepJson,
    }),
  );
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks(options.shutdownSignals);

  const document = createOpenApiDocument(app);
  // Keeps the token across reloads of /docs, so an operator authorizes once per browser session.
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
  return app;
}
