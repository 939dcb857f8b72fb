import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document of the app. configureApp serves it at /docs-json; scripts/web-api.mjs
 * builds it from the compiled app (the swagger plugin's output) for the web app's client types.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Homecare roster API')
      .setDescription(
        'Teams, caregivers and their availability, clients and their care needs, visits, and rosters the team agrees together. ' +
          'Errors are RFC 9457 application/problem+json.',
      )
      .setVersion('0.1.0')
      .build(),
  );
}
