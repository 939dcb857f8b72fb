// The OpenAPI document as the built API makes it (scripts/web-api.mjs: the compiled app, so the
// swagger plugin's response schemas are in it), checked for what the web app's typed client needs.
import { spawnSync } from 'node:child_process';
import { ERROR_CODES } from '@homecare/common';
import { WEBHOOK_EVENT_TYPES } from '@homecare/database';
import { ensureBuilt, REPO_ROOT } from './support/processes';

interface SchemaObject {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: SchemaObject }> }> }>
  >;
  /** OpenAPI 3.1's `webhooks`, under its extension name in this 3.0 document. */
  'x-webhooks'?: Record<
    string,
    Record<
      string,
      {
        description?: string;
        parameters?: { name: string; in: string; required?: boolean }[];
        requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
        responses?: Record<string, unknown>;
      }
    >
  >;
  openapi: string;
  components: {
    schemas: Record<string, SchemaObject & { enum?: string[] }>;
    securitySchemes?: Record<string, { type: string; scheme?: string }>;
  };
}

/** Bodies that are not JSON, and need no JSON schema: exports, calendar feeds, server-sent events. */
const NON_JSON_TYPES = ['text/csv', 'text/calendar', 'text/event-stream'];

function webApi(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['scripts/web-api.mjs', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Why a schema does not say what the body holds, or null when it does. A bare `{ type: object }`
 * is what the swagger module writes for an interface or a type it cannot see; a deliberately
 * free-form document says so with `additionalProperties: true`.
 */
function undocumented(schema: SchemaObject | undefined, document: OpenApiDocument, depth = 0): string | null {
  if (!schema) return 'no schema';
  if (depth > 8) return null;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) return `unresolved ${schema.$ref}`;
    const problem = undocumented(target, document, depth + 1);
    return problem && `${name}: ${problem}`;
  }
  const parts = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (parts.length > 0)
    return parts.map((part) => undocumented(part, document, depth + 1)).find(Boolean) ?? null;
  if (schema.type === 'array') return undocumented(schema.items, document, depth + 1);
  if (schema.type === 'object' || schema.type === undefined) {
    if (schema.properties && Object.keys(schema.properties).length > 0) return null;
    if (schema.additionalProperties) return null;
    return 'an object without properties';
  }
  return null;
}

describe('OpenAPI document', () => {
  let document: OpenApiDocument;

  beforeAll(() => {
    ensureBuilt();
    const printed = webApi('--print');
    if (printed.status !== 0) throw new Error(`scripts/web-api.mjs --print failed:\n${printed.stderr}`);
    document = JSON.parse(printed.stdout) as OpenApiDocument;
  });

  it('documents a schema for the body of every successful response', () => {
    const problems: string[] = [];
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!status.startsWith('2') || status === '204') continue;
          const where = `${method.toUpperCase()} ${path} ${status}`;
          const content = Object.entries(response.content ?? {});
          if (content.length === 0) problems.push(`${where}: no body documented (204 when there is none)`);
          for (const [mediaType, { schema }] of content) {
            if (NON_JSON_TYPES.includes(mediaType)) continue;
            if (!/^application\/(.+\+)?json$/.test(mediaType)) {
              problems.push(`${where}: ${mediaType} is neither JSON nor an allowed export type`);
              continue;
            }
            const problem = undocumented(schema, document);
            if (problem) problems.push(`${where}: ${problem}`);
          }
        }
    expect(problems).toEqual([]);
  });

  it('defines every security scheme an operation asks for, so /docs can authorize "Try it out"', () => {
    const schemes = document.components.securitySchemes ?? {};
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const undefinedSchemes = new Set<string>();
    for (const operations of Object.values(document.paths))
      for (const operation of Object.values(operations) as Array<{ security?: Record<string, unknown>[] }>)
        for (const requirement of operation.security ?? [])
          for (const name of Object.keys(requirement)) if (!schemes[name]) undefinedSchemes.add(name);
    expect([...undefinedSchemes]).toEqual([]);
  });

  it('lists every rule-level error code in the Problem schema', () => {
    const code = document.components.schemas.Problem?.properties?.code as { enum?: string[] } | undefined;
    expect(code?.enum).toEqual(expect.arrayContaining(Object.keys(ERROR_CODES)));
  });

  it('documents every webhook event: its body, the signature headers and how to verify them', () => {
    // The swagger module writes 3.0, which has no `webhooks`: an `x-` member keeps the document valid.
    expect(document.openapi).toMatch(/^3\.0\./);
    expect(document).not.toHaveProperty('webhooks');
    const webhooks = document['x-webhooks'] ?? {};
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const [type, item] of Object.entries(webhooks)) {
      const post = item.post;
      expect(post).toBeDefined();
      expect(post.parameters?.filter((parameter) => parameter.in === 'header' && parameter.required)).toEqual(
        expect.arrayContaining(
          ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) =>
            expect.objectContaining({ name }),
          ),
        ),
      );
      expect(post.description).toMatch(/HMAC-SHA256/);
      expect(post.description).toMatch(/5 minutes/);
      const schema = post.requestBody?.content?.['application/json']?.schema;
      expect({ type, problem: undocumented(schema, document) }).toEqual({ type, problem: null });
      const body = document.components.schemas[schema!.$ref!.replace('#/components/schemas/', '')];
      expect(body.properties?.type).toMatchObject({ enum: [type] });
      expect(Object.keys(body.properties?.data?.properties ?? {})).toContain('organisationId');
      expect(Object.keys(post.responses ?? {})).toEqual(['2XX']);
    }
  });

  it('never documents a stored password or token hash (the API never sends one)', () => {
    const secrets = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      Object.keys(schema.properties ?? {})
        .filter((property) => /hash/i.test(property))
        .map((property) => `${name}.${property}`),
    );
    expect(secrets).toEqual([]);
  });

  it('matches the committed web client files (run npm run web:api when it does not)', () => {
    const check = webApi('--check');
    expect({ status: check.status, output: check.stderr.trim() }).toEqual({ status: 0, output: '' });
  });
});
