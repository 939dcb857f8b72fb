// Bad input on every write endpoint (issue #7): whatever a client sends, the answer is a 4xx
// problem+json, never a 5xx, never a 2xx for a clearly invalid body, and a refused request leaves
// the database as it was. The endpoints come from the app's own OpenAPI document, so new ones are
// fuzzed without being listed. Runs are seeded: FUZZ_SEED=<n> reproduces a failure (fast-check
// prints the seed and the shrunk case), FUZZ_RUNS_SCALE=10 runs ten times as many cases.
import fc from 'fast-check';
import type { Response } from 'supertest';
import { changedTables, type FuzzDatabase, usePrivateDatabase } from '../support/fuzz-database';
import { excerpt, notAProblem, send } from '../support/fuzz-http';
import {
  badIds,
  type BodyCase,
  corruptedBody,
  malformedBody,
  wrongContentType,
} from '../support/fuzz-inputs';
import { fillPath, type Operation, operationsOf, WRITE_METHODS } from '../support/fuzz-openapi';
import { idsOf, seedZone, validBodies, validBodyOf, type Zone } from '../support/fuzz-world';
import type { TestApp } from '../support/test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20260329);
const SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
const runs = (count: number) => Math.max(1, Math.round(count * SCALE));
/** Per property; jest's project-level testTimeout does not reach the tests. */
const PROPERTY_TIMEOUT_MS = 150_000 * Math.max(1, SCALE);

/** An id that names nothing, for path parameters the seeded zone has no object for (a roster plan). */
const NOWHERE = '5f0c7a52-0000-4000-8000-00000000f022';

/** Write operations the document must list (more are welcome: they are fuzzed too). */
const KNOWN_WRITES = [
  'POST /organisations',
  'PATCH /organisations/{organisationId}',
  'POST /teams',
  'PATCH /teams/{teamId}',
  'DELETE /teams/{teamId}',
  'POST /teams/{teamId}/caregivers',
  'PATCH /caregivers/{caregiverId}',
  'DELETE /caregivers/{caregiverId}',
  'POST /caregivers/{caregiverId}/availability/windows',
  'DELETE /caregivers/{caregiverId}/availability/windows/{windowId}',
  'PUT /caregivers/{caregiverId}/availability/pattern',
  'POST /caregivers/{caregiverId}/availability/exceptions',
  'DELETE /caregivers/{caregiverId}/availability/exceptions/{exceptionId}',
  'POST /teams/{teamId}/clients',
  'PATCH /clients/{clientId}',
  'DELETE /clients/{clientId}',
  'PUT /clients/{clientId}/history',
  'POST /clients/{clientId}/care-needs',
  'PATCH /care-needs/{careNeedId}',
  'DELETE /care-needs/{careNeedId}',
  'POST /teams/{teamId}/visits',
  'POST /teams/{teamId}/visits/generate',
  'PATCH /visits/{visitId}',
  'DELETE /visits/{visitId}',
  'POST /teams/import',
  'POST /teams/{teamId}/rosters',
  'POST /organisations/{organisationId}/rosters',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
  'POST /invitations',
  'POST /invitations/{token}/accept',
  'POST /invitations/{invitationId}/revoke',
  'POST /clients/{clientId}/access-links/{linkId}/revoke',
  'POST /clients/{clientId}/erasure',
];

let db: FuzzDatabase;
let api: TestApp;
let zone: Zone;
let writes: Operation[];
let withBody: Operation[];
let baseline: Record<string, string>;

const validIds = (): Record<string, string> => ({ ...idsOf(zone) });
const urlOf = (operation: Operation, values: Record<string, string>) =>
  fillPath(
    operation.path,
    Object.fromEntries(operation.pathParams.map((name) => [name, values[name] ?? NOWHERE])),
  );

/**
 * Sends one case and checks what the API owes: no 5xx; a 4xx is problem+json and wrote nothing; a
 * 2xx only when the case may be acceptable (the database then becomes the new baseline).
 */
async function expectHandled(operation: Operation, url: string, sent: BodyCase): Promise<Response> {
  const response = await send(api.http, operation, url, sent);
  if (process.env.FUZZ_TRACE)
    console.log(`${response.status} ${operation.method} ${url} ${sent.description}`);
  const where = `${operation.method.toUpperCase()} ${url.slice(0, 200)} with ${sent.description}`;
  if (response.status >= 500) throw new Error(`${where}: answered ${excerpt(response)}`);
  if (response.status < 400) {
    await db.outboxSettled();
    baseline = await db.fingerprint();
    if (sent.expect === 'refused') throw new Error(`${where}: accepted (${excerpt(response)})`);
    return response;
  }
  const notProblem = notAProblem(response);
  if (notProblem)
    throw new Error(`${where}: not a problem+json refusal (${notProblem}): ${excerpt(response)}`);
  const after = await db.fingerprint();
  const changed = changedTables(baseline, after);
  if (changed.length > 0) {
    baseline = after;
    throw new Error(`${where}: refused with ${response.status} but changed ${changed.join(', ')}`);
  }
  return response;
}

describe('bad input on every write endpoint', () => {
  beforeAll(async () => {
    db = await usePrivateDatabase('fzin');
    const { createTestApp } = await import('../support/test-app');
    api = await createTestApp();
    writes = (await operationsOf(api.http)).filter((operation) => WRITE_METHODS.includes(operation.method));
    withBody = writes.filter((operation) => operation.body !== undefined);
    zone = await seedZone(api, 'A', { roster: true });
  }, 120_000);

  beforeEach(async () => {
    await db.outboxSettled();
    baseline = await db.fingerprint();
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('finds the write operations in the OpenAPI document the app serves', () => {
    const keys = writes.map((operation) => operation.key);
    expect(keys.length).toBeGreaterThan(25);
    expect(KNOWN_WRITES.filter((key) => !keys.includes(key))).toEqual([]);
    console.log(
      `fuzzing ${writes.length} write operations (${withBody.length} with a body; ` +
        `${withBody.filter((operation) => validBodies(zone)[operation.key]).length} with a hand-written valid body)`,
    );
  });

  it('accepts the valid bodies that the corruptions start from (the table is not stale)', async () => {
    const stale: string[] = [];
    for (const operation of withBody) {
      const row = validBodies(zone)[operation.key];
      if (!row) continue;
      const response = await send(api.http, operation, urlOf(operation, validIds()), { body: row.body });
      const accepted = response.status < 300;
      if (accepted !== (row.accepted ?? true)) stale.push(`${operation.key}: ${excerpt(response)}`);
    }
    expect(stale).toEqual([]);
    // The seeded invitation was accepted above: later corruptions of its body meet a used token.
  }, 60_000);

  it(
    'refuses random and malformed bodies with a problem and writes nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...withBody)
            .chain((operation) =>
              malformedBody(operation, validBodyOf(operation, zone)).map((sent) => ({ operation, sent })),
            ),
          async ({ operation, sent }) => {
            await expectHandled(operation, urlOf(operation, validIds()), sent);
          },
        ),
        { seed: SEED, numRuns: runs(250) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses a valid body with one field corrupted, and never crashes on odd but valid values',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...withBody)
            .chain((operation) =>
              corruptedBody(operation, validBodyOf(operation, zone)).map((sent) => ({ operation, sent })),
            ),
          async ({ operation, sent }) => {
            await expectHandled(operation, urlOf(operation, validIds()), sent);
          },
        ),
        { seed: SEED + 1, numRuns: runs(600) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses malformed and unknown ids in the path',
    async () => {
      const withParams = writes.filter((operation) => operation.pathParams.length > 0);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...withParams).chain((operation) =>
            fc
              .tuple(
                fc.array(fc.option(badIds, { nil: undefined, freq: 2 }), {
                  minLength: operation.pathParams.length,
                  maxLength: operation.pathParams.length,
                }),
                fc.nat(operation.pathParams.length - 1),
                badIds,
              )
              .map(([choices, forced, forcedId]) => {
                // Some parameters keep their valid id, at least one is bad.
                const ids = validIds();
                operation.pathParams.forEach((name, index) => {
                  const bad = index === forced ? forcedId : choices[index];
                  if (bad !== undefined) ids[name] = bad;
                });
                return { operation, ids };
              }),
          ),
          async ({ operation, ids }) => {
            const body = validBodyOf(operation, zone);
            await expectHandled(operation, urlOf(operation, ids), {
              description: `path ids ${JSON.stringify(ids).slice(0, 200)}`,
              body,
              expect: 'refused',
            });
          },
        ),
        { seed: SEED + 2, numRuns: runs(200) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses bodies that are not sent as JSON with 415',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...withBody)
            .chain((operation) =>
              wrongContentType(validBodyOf(operation, zone)).map((sent) => ({ operation, sent })),
            ),
          async ({ operation, sent }) => {
            const response = await expectHandled(operation, urlOf(operation, validIds()), sent);
            // A JSON body in an encoding other than UTF-8 is read and refused as not JSON (400).
            if (!sent.contentType?.includes('charset')) expect(response.status).toBe(415);
          },
        ),
        { seed: SEED + 3, numRuns: runs(80) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
