// The API's operations as the app itself documents them (GET /docs-json), so that a new endpoint
// is fuzzed without anyone adding it to a list.
import type TestAgent from 'supertest/lib/agent';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const WRITE_METHODS: HttpMethod[] = ['post', 'put', 'patch', 'delete'];

/** The subset of JSON Schema (OpenAPI 3.0) that the fuzzers read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
}

export interface Operation {
  /** `POST /teams/{teamId}/clients`: the key of the valid-body table. */
  key: string;
  method: HttpMethod;
  path: string;
  pathParams: string[];
  queryParams: { name: string; required: boolean; type?: string }[];
  /** The request body's schema with every $ref resolved; undefined when the operation takes none. */
  body?: Schema;
  /**
   * True when the body is a DTO behind the global ValidationPipe (whitelist, forbidNonWhitelisted):
   * unknown fields are refused. The scenario import takes a free-form document instead.
   */
  bodyIsDto: boolean;
  /** @Public() routes declare no security requirement. */
  isPublic: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        security?: unknown[];
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Replaces every $ref by its component (cycles are cut after a few levels). */
function resolve(schema: Schema, document: OpenApiDocument, depth = 0): Schema {
  if (depth > 8) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return resolve(target, document, depth + 1);
  }
  const resolved: Schema = { ...schema };
  if (schema.allOf) {
    for (const part of schema.allOf.map((item) => resolve(item, document, depth + 1))) {
      resolved.properties = { ...resolved.properties, ...part.properties };
      resolved.required = [...(resolved.required ?? []), ...(part.required ?? [])];
      resolved.type ??= part.type;
    }
    delete resolved.allOf;
  }
  if (resolved.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(resolved.properties).map(([name, property]) => [
        name,
        resolve(property, document, depth + 1),
      ]),
    );
  }
  if (resolved.items) resolved.items = resolve(resolved.items, document, depth + 1);
  return resolved;
}

/** Every operation of the running app, from its own OpenAPI document. */
export async function operationsOf(http: TestAgent): Promise<Operation[]> {
  const response = await http.get('/docs-json').expect(200);
  const document = response.body as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = operation.parameters ?? [];
      const raw = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method as HttpMethod,
        path,
        pathParams: parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => parameter.name),
        queryParams: parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => ({
            name: parameter.name,
            required: parameter.required === true,
            type: parameter.schema?.type,
          })),
        body: raw ? resolve(raw, document) : undefined,
        bodyIsDto: raw?.$ref !== undefined,
        isPublic: !operation.security || operation.security.length === 0,
      });
    }
  }
  return operations;
}

/** Marks a path segment that is sent as written, not URL-encoded (malformed percent-encodings). */
export const RAW_SEGMENT = 'raw:';

/** The path with each `{param}` replaced (URL-encoded, unless marked raw). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return value.startsWith(RAW_SEGMENT) ? value.slice(RAW_SEGMENT.length) : encodeURIComponent(value);
  });
}
