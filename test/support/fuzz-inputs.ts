// Arbitraries of bad input: malformed bodies, one corrupted field of a valid body, bad ids in
// paths, wrong content types. Each case says what the API owes the caller:
//   refused   the input is clearly invalid: a 4xx problem, nothing written;
//   no-crash  the input is odd but may be acceptable (an optional field set to null, a lone
//             surrogate in a name): never a 5xx, and a refusal writes nothing.
import fc from 'fast-check';
import { type Operation, RAW_SEGMENT, type Schema } from './fuzz-openapi';

export type Expectation = 'refused' | 'no-crash';

export interface BodyCase {
  description: string;
  /** Sent as JSON by supertest, unless `raw` is given. */
  body?: unknown;
  /** Sent as is, with `contentType` (application/json by default). */
  raw?: string;
  contentType?: string;
  expect: Expectation;
}

type Path = (string | number)[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const HOUR_MINUTE = /^\d{2}:\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZONE = /^[A-Z][A-Za-z_]+\/[A-Za-z_]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

const HUGE = 100_001;

/** The schema of the value at `path` inside a body of schema `root`, and whether it is required. */
function schemaAt(
  root: Schema | undefined,
  path: Path,
): { schema?: Schema; required: boolean; element: boolean } {
  let schema = root;
  let required = true;
  const element = typeof path[path.length - 1] === 'number';
  for (const step of path) {
    if (!schema) return { schema: undefined, required: false, element };
    if (typeof step === 'number') {
      schema = schema.items;
      required = true;
    } else {
      required = schema.required?.includes(step) ?? false;
      schema = schema.properties?.[step];
    }
  }
  return { schema, required, element };
}

/** Every place in a body that one corruption can hit: object fields and array elements. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      paths.push([...prefix, index], ...pathsOf(item, [...prefix, index]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      paths.push([...prefix, key], ...pathsOf(item, [...prefix, key]));
    }
  }
  return paths;
}

const REMOVE = Symbol('remove');

/** A deep copy of `body` with the value at `path` replaced (or removed). */
function withValue(body: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === REMOVE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

const label = (path: Path) =>
  `$${path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;

/** Text that databases, parsers and templates tend to choke on; all of it acceptable as free text. */
const ODD_TEXT = [
  'Zoë Çelik-Ñúñez',
  '李小龍',
  'مرحبا بالعالم',
  '👩🏽‍⚕️🏠',
  'Z̷̢̛a̵l̶g̸o̷',
  '\ud800',
  'lone \udfff surrogate',
  '   ',
  '',
  "'; DROP TABLE team; --",
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '\u202eRTL override',
  '\\',
  '\r\n',
];

/** Values of a JSON type other than the field's, per type of the valid value. */
function wrongTypes(valid: unknown): unknown[] {
  if (typeof valid === 'string') return [42, 0, true, false, {}, [], [valid], { value: valid }];
  if (typeof valid === 'number')
    return ['42', String(valid), 'NaN', 'Infinity', '-Infinity', '1e3', '', true, [valid], {}];
  if (typeof valid === 'boolean') return ['true', 'false', 1, 0, [valid], {}];
  if (Array.isArray(valid)) return ['a', 1, true, {}, { 0: valid[0] }];
  if (valid !== null && typeof valid === 'object') return [[], [valid], 'a', 1, true];
  return [];
}

interface Corruption {
  value: unknown;
  expect: Expectation;
  what: string;
}

/** The corruptions of one field, from the kind of its valid value and its schema. */
function corruptionsOf(
  valid: unknown,
  schema: Schema | undefined,
  required: boolean,
  element: boolean,
  dto: boolean,
): Corruption[] {
  // Outside a DTO (the free-form scenario document) only required fields are sure to be checked.
  const strict: Expectation = dto || required ? 'refused' : 'no-crash';
  const list: Corruption[] = [];
  const add = (expect: Expectation, what: string, ...values: unknown[]) =>
    values.forEach((value) => list.push({ value, expect, what }));

  add(strict, 'a value of the wrong type', ...wrongTypes(valid));
  // (An array element is "required" in the sense that it must be valid; removing it is not an error.)
  if (required && !element) add('refused', 'a required field removed', REMOVE);
  add(required && !schema?.nullable ? 'refused' : 'no-crash', 'null', null);

  if (typeof valid === 'string') {
    add(dto ? 'refused' : 'no-crash', 'a huge string', 'x'.repeat(HUGE), valid + 'é'.repeat(HUGE));
    // Postgres cannot store a NUL: a 2xx means it was never written (a sign-out with an unknown token).
    add('no-crash', 'a NUL character', `${valid}\u0000`, '\u0000');
    add('no-crash', 'odd text', ...ODD_TEXT.map((text) => (text.length > 0 ? `${valid}${text}` : text)));
    if (schema?.enum)
      add('refused', 'a value outside the enum', 'not-in-the-enum', valid.toUpperCase() + '!');
    if (DATE.test(valid)) {
      add(
        'refused',
        'an impossible or malformed date',
        '2026-02-30',
        '2025-02-29',
        '2026-13-01',
        '2026-00-10',
        '2026-04-31',
        '2026-1-1',
        '26-01-01',
        '+2026-01-01',
        '２０２６-01-01',
        '9999999-01-01',
      );
    } else if (LOCAL_TIME.test(valid)) {
      add(
        'refused',
        'an impossible local time',
        // The spring-forward gap in Europe/Amsterdam (the zone of the seeded team and scenario).
        '2026-03-29T02:30',
        '2026-02-30T10:00',
        '2026-11-24T24:30',
        '2026-11-24T10:60',
        '2026-11-24T10:00+25:00',
        '2026-13-24T10:00',
      );
    } else if (INSTANT.test(valid)) {
      add(
        'refused',
        'an impossible instant',
        '2026-02-30T18:00:00Z',
        '2026-11-20T25:00:00Z',
        '2026-11-20T18:00:00+99:00',
      );
    } else if (HOUR_MINUTE.test(valid)) {
      add('refused', 'an impossible time of day', '24:00', '7:00', '12:60', '12:00:00', '-1:00', '٠٧:٠٠');
    } else if (UUID.test(valid)) {
      add('refused', 'a malformed id', 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', '', '1');
      add('refused', 'an id of nothing', '0b0e6f51-8f7c-4d1a-9a6e-3c1f0d2b7a11');
    } else if (ZONE.test(valid)) {
      add(
        'refused',
        'an unknown time zone',
        'Mars/Olympus',
        'Europe/Atlantis',
        'UTC+25',
        '../../../etc/passwd',
        '',
      );
    } else if (EMAIL.test(valid)) {
      add('refused', 'not an email address', 'not-an-email', 'a@', '@example.org');
    }
  } else if (typeof valid === 'number') {
    // Every number a DTO takes has a documented range (class-validator @Min/@Max).
    add(
      dto ? 'refused' : 'no-crash',
      'a number far out of range',
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      2 ** 31,
    );
    add(
      schema?.minimum !== undefined && schema.minimum >= 0 ? 'refused' : 'no-crash',
      'a negative number',
      -1,
    );
    add('no-crash', 'an edge number', 0, -0, 0.5, 1e-320, 1439.999);
  } else if (Array.isArray(valid)) {
    const element = valid.length > 0 ? valid[0] : 1;
    add(
      dto ? 'refused' : 'no-crash',
      'a huge array',
      Array.from({ length: 10_001 }, () => element),
    );
    add('no-crash', 'an element repeated', [...valid, ...valid]);
    add('no-crash', 'an empty array', []);
  } else if (valid !== null && typeof valid === 'object') {
    add(dto ? 'refused' : 'no-crash', 'an unknown nested field', { ...valid, unknownField: 1 });
    add('no-crash', 'a prototype key', JSON.parse('{"__proto__": {"isAdmin": true}}'));
  }
  return list;
}

/** One field of a valid body corrupted at a time (structured mutation). */
export function corruptedBody(operation: Operation, valid: unknown): fc.Arbitrary<BodyCase> {
  const paths = pathsOf(valid);
  if (paths.length === 0) return malformedBody(operation, valid);
  return fc.constantFrom(...paths).chain((path) => {
    const { schema, required, element } = schemaAt(operation.body, path);
    const value = path.reduce<unknown>(
      (node, step) => (node as Record<string | number, unknown>)[step],
      valid,
    );
    const corruptions = corruptionsOf(value, schema, required, element, operation.bodyIsDto);
    return fc.constantFrom(...corruptions).map((corruption): BodyCase => ({
      description: `${label(path)}: ${corruption.what} (${preview(corruption.value)})`,
      body: withValue(valid, path, corruption.value),
      expect: corruption.expect,
    }));
  });
}

function preview(value: unknown): string {
  if (value === REMOVE) return 'removed';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}

/** Keys that no DTO declares. */
const UNKNOWN_KEYS = ['isAdmin', 'id', 'x', 'role', 'organisationId', 'deletedAt'];
/**
 * Names that Object.prototype has: class-transformer never copies them onto the DTO, so the
 * whitelist does not see them and they are ignored rather than refused. Never a crash, though.
 */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** `{"x":{"x":...1...}}` `depth` levels deep, written by hand (JSON.stringify would recurse). */
const nestedObjects = (depth: number) => '{"x":'.repeat(depth) + '1' + '}'.repeat(depth);
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** A JSON object text with one more member appended to a valid body's text. */
function appendMember(valid: unknown, key: string, valueText: string): string {
  const text = JSON.stringify(valid ?? {});
  const member = `${JSON.stringify(key)}:${valueText}`;
  return text === '{}' ? `{${member}}` : `${text.slice(0, -1)},${member}}`;
}

/**
 * Random and malformed bodies that no endpoint may accept: not an object, not JSON, unknown fields
 * (DTOs), required fields missing, deep nesting, bodies over the size limit.
 */
export function malformedBody(operation: Operation, valid: unknown): fc.Arbitrary<BodyCase> {
  const required = operation.body?.required ?? [];
  const known = new Set(Object.keys(operation.body?.properties ?? {}));
  const refused = (description: string, rest: Omit<BodyCase, 'description' | 'expect'>): BodyCase => ({
    description,
    expect: 'refused',
    ...rest,
  });
  // The free-form scenario document ignores fields it does not know.
  const unknownField = (description: string, rest: Omit<BodyCase, 'description' | 'expect'>): BodyCase => ({
    description,
    expect: operation.bodyIsDto ? 'refused' : 'no-crash',
    ...rest,
  });
  const options: fc.Arbitrary<BodyCase>[] = [
    fc
      .constantFrom('null', '"text"', '42', '-1', '1e308', 'true', '[]', '[{}]', '""')
      .map((raw) => refused(`a JSON ${raw} instead of an object`, { raw })),
    fc.constant(refused('an array holding the valid body', { raw: JSON.stringify([valid, valid]) })),
    fc
      .constantFrom(
        '{',
        '{"a":1,}',
        "{'a':1}",
        '{"a":1}garbage',
        '{"a":NaN}',
        '{"a":undefined}',
        '{"a":1e99999}',
        '\u0000',
        '{"a":"\\u0000\\ud800"',
        '\ufeff{}x',
        '{"a":"\\x41"}',
      )
      .map((raw) => refused(`not JSON: ${JSON.stringify(raw)}`, { raw })),
    fc.constantFrom(10, 200, 2_000, 20_000).chain((depth) =>
      fc.constantFrom(
        unknownField(`an extra field ${depth} objects deep`, {
          raw: appendMember(valid, 'deep', nestedObjects(depth)),
        }),
        unknownField(`an extra field ${depth} arrays deep`, {
          raw: appendMember(valid, 'deep', nestedArrays(depth)),
        }),
      ),
    ),
    // Over the 1 MB body limit (the scenario import takes 20 MB, but not a 2 MB name that is an array).
    fc.constant(
      refused('a body over the size limit', {
        raw: appendMember(valid, required[0] ?? 'name', JSON.stringify(['y'.repeat(2_100_000)])),
      }),
    ),
  ];
  if (operation.bodyIsDto) {
    options.push(
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom(...UNKNOWN_KEYS),
            // (fast-check likes "constructor" and "__proto__": those are the no-crash case below.)
            fc
              .string({ minLength: 1, maxLength: 20 })
              .filter((key) => !known.has(key) && !(key in Object.prototype)),
          ),
          fc.jsonValue({ maxDepth: 3 }),
        )
        .map(([key, value]) =>
          refused(`an unknown field ${JSON.stringify(key)}`, {
            raw: appendMember(valid, key, JSON.stringify(value)),
          }),
        ),
      fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({
        description: `a field named like a prototype member ${JSON.stringify(key)}`,
        expect: 'no-crash' as const,
        raw: appendMember(valid, key, JSON.stringify(value)),
      })),
      fc
        .dictionary(
          fc
            .string({ minLength: 1, maxLength: 12 })
            .filter((key) => !known.has(key) && !(key in Object.prototype)),
          fc.jsonValue({ maxDepth: 2 }),
          { minKeys: 1, maxKeys: 6 },
        )
        .map((body) => refused('a random object', { body })),
    );
  }
  const optional = [...known].filter((key) => !required.includes(key));
  if (required.length > 0) options.push(fc.constant(refused('an empty object', { body: {} })));
  if (required.length > 0 && optional.length > 0) {
    options.push(
      fc
        .dictionary(fc.constantFrom(...optional), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
        .map((body) => refused('required fields missing', { body })),
    );
  }
  return fc.oneof(...options);
}

/** Not JSON, or JSON sent under another name: refused with 415 before parsing. */
export function wrongContentType(valid: unknown): fc.Arbitrary<BodyCase> {
  const json = JSON.stringify(valid ?? {});
  return fc
    .constantFrom(
      { contentType: 'text/plain', raw: json },
      { contentType: 'application/x-www-form-urlencoded', raw: 'name=x&timezone=Europe%2FAmsterdam' },
      { contentType: 'application/xml', raw: '<team><name>x</name></team>' },
      {
        contentType: 'multipart/form-data; boundary=b',
        raw: '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--',
      },
      { contentType: 'application/octet-stream', raw: json },
      { contentType: 'application/json; charset=utf-16', raw: json },
      { contentType: 'application/jsonx', raw: json },
      { contentType: 'text/json', raw: json },
      { contentType: '', raw: json },
    )
    .map((sent) => ({
      description: `Content-Type: ${JSON.stringify(sent.contentType)}`,
      expect: 'refused',
      ...sent,
    }));
}

/** Ids that name nothing, or are not ids at all. */
export const badIds: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    'not-a-uuid',
    '1',
    '0',
    '-1',
    'null',
    'undefined',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '00000000-0000-0000-0000-00000000000g',
    "1' OR '1'='1",
    '..',
    '%00',
    '\u0000',
    'ü',
    '🙂',
    'a'.repeat(5_000),
    '{teamId}',
    '__proto__',
  ),
  fc.string({ minLength: 1, maxLength: 40 }),
  // Percent-encodings that do not decode: a lone surrogate's bytes, a bare %, an encoded slash.
  fc
    .constantFrom('%ED%A0%80', '%', '%zz', '%C0%AF', '%2F', '%2e%2e', '%FF%FE')
    .map((raw) => `${RAW_SEGMENT}${raw}`),
);

/** Query parameters that make the GET operations answer (date ranges). */
export function defaultQuery(operation: Operation): Record<string, string> {
  const query: Record<string, string> = {};
  for (const { name, required, type } of operation.queryParams) {
    if (!required) continue;
    if (type === 'number' || type === 'integer') query[name] = '1';
    else if (name === 'from' || name === 'periodStart') query[name] = '2026-11-23';
    else if (name === 'to' || name === 'periodEnd') query[name] = '2026-11-29';
    else query[name] = '1';
  }
  return query;
}
