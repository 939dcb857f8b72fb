import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_CODES } from '@homecare/common';
import { addWebhooks } from './webhooks/webhooks-openapi';

/**
 * The OpenAPI document of the app. configureApp serves it at /docs-json; scripts/web-api.mjs
 * builds it from the compiled app (the swagger plugin's output) for the web app's client types.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Homecare roster API')
      .setDescription(
        'Teams, caregivers and their availability, clients and their care needs, visits, and rosters the team agrees together. ' +
          'Errors are RFC 9457 application/problem+json.',
      )
      .setVersion('0.1.0')
      // The scheme @Allow's ApiBearerAuth() refers to: without it /docs has no Authorize button
      // and every "Try it out" answers 401.
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The accessToken from POST /auth/login.',
        },
        'bearer',
      )
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: problemSchema() },
  };
  return addWebhooks(document);
}

/** The one shape of every refusal, with each rule-level code the API can answer. */
function problemSchema() {
  const codes = Object.keys(ERROR_CODES);
  return {
    type: 'object' as const,
    description: 'RFC 9457 problem details, sent as application/problem+json for every 4xx and 5xx.',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string' as const, example: '/problems/conflict' },
      title: { type: 'string' as const, example: 'Conflict' },
      status: { type: 'integer' as const, example: 409 },
      code: {
        type: 'string' as const,
        enum: codes,
        description:
          'The rule that refused the request; clients key on this, never on the text.\n\n' +
          Object.entries(ERROR_CODES)
            .map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
            .join('\n'),
      },
      detail: { type: 'string' as const, description: 'What went wrong, in words for people.' },
      instance: { type: 'string' as const, description: 'The path of the request.' },
      problems: {
        type: 'array' as const,
        description: 'Every field error at once.',
        items: {
          type: 'object' as const,
          required: ['path', 'message'],
          properties: { path: { type: 'string' as const }, message: { type: 'string' as const } },
        },
      },
    },
  };
}
