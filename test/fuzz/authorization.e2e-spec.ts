// Authorization fuzz (issue #7): random caller × endpoint × foreign id. A coordinator of
// organisation A, a caregiver of team A1 and a family member of a client in A1 call every
// signed-in endpoint of the OpenAPI document with at least one id of an object that is not theirs
// (organisation B; team A2 for the caregiver; another client for the family member) in the path or
// the body. Every answer refuses (401/403/404), names nothing of the foreign objects (their text
// fields hold canaries, checked in the raw response) and changes nothing in the database.
// FUZZ_SEED and FUZZ_RUNS_SCALE as in bad-input.e2e-spec.ts.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent';
import { changedTables, type FuzzDatabase, usePrivateDatabase } from '../support/fuzz-database';
import { excerpt, notAProblem, send } from '../support/fuzz-http';
import { defaultQuery } from '../support/fuzz-inputs';
import { fillPath, type Operation, operationsOf } from '../support/fuzz-openapi';
import { idsOf, seedZone, validBodyOf, type Zone } from '../support/fuzz-world';
import type { TestApp } from '../support/test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20260329) + 100;
const SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);

/** An id that names nothing, for path parameters no zone has an object for (a roster plan). */
const NOWHERE = '5f0c7a52-0000-4000-8000-00000000f022';
const REFUSALS = [401, 403, 404];

interface Caller {
  name: string;
  http: TestAgent;
  /** The zone whose ids the caller may use. */
  own: Zone;
  /** Zones of objects that are none of the caller's business. */
  foreign: Zone[];
}

let db: FuzzDatabase;
let api: TestApp;
let operations: Operation[];
let callers: Caller[];
let allZones: Zone[];

describe('authorization fuzz: foreign ids never reveal or change anything', () => {
  beforeAll(async () => {
    db = await usePrivateDatabase('fzauth');
    const { createTestApp, signInAs } = await import('../support/test-app');
    api = await createTestApp();
    operations = (await operationsOf(api.http)).filter((operation) => !operation.isPublic);

    const a1 = await seedZone(api, 'A1', { roster: true });
    const a2 = await seedZone(api, 'A2', { organisationId: a1.organisationId, roster: true });
    const b = await seedZone(api, 'B', { roster: true });
    // Another client of team A1 (with its care need and visit): foreign to the family member only.
    const neighbour = await seedZone(api, 'Y', { organisationId: a1.organisationId });
    const otherClient: Zone = {
      ...neighbour,
      teamId: a1.teamId,
      caregiverId: a1.caregiverId,
      ...(await clientIn(api.http, a1, neighbour.canaries)),
    };
    allZones = [a1, a2, b, otherClient];

    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: a1.organisationId });
    const caregiver = await signInAs(api, { role: 'caregiver', teamIds: [a1.teamId] });
    const family = await signInAs(api, { role: 'family', clientIds: [a1.clientId] });
    callers = [
      { name: 'coordinator of A', http: coordinator.http, own: a1, foreign: [b] },
      {
        name: 'caregiver of A1',
        http: caregiver.http,
        own: { ...a1, caregiverId: caregiver.caregiverIds[0] },
        foreign: [b, a2],
      },
      { name: 'family member of a client in A1', http: family.http, own: a1, foreign: [b, a2, otherClient] },
    ];
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('covers every signed-in operation of the OpenAPI document', () => {
    const withIds = operations.filter((operation) => canBeForeign(operation));
    expect(withIds.length).toBeGreaterThan(40);
    console.log(`authorization fuzz over ${withIds.length} of ${operations.length} signed-in operations`);
  });

  it(
    'refuses foreign ids in paths and bodies, reveals none of their data and writes nothing',
    async () => {
      await db.outboxSettled();
      let baseline = await db.fingerprint();
      const candidates = operations.filter((operation) => canBeForeign(operation));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...callers),
          fc.constantFrom(...candidates),
          fc.infiniteStream(fc.boolean()),
          fc.nat(),
          async (caller, operation, coins, pick) => {
            // Each path parameter and the body take the caller's id or a foreign one; at least one is foreign.
            const queryIds = idQueryParams(operation);
            const slots = [
              // (A version number is no object of anyone's.)
              ...operation.pathParams.filter((name) => name !== 'number'),
              ...queryIds,
              ...(bodyHasIds(operation) ? ['(body)'] : []),
            ];
            const foreignSlots = new Set(slots.filter(() => coins.next().value as boolean));
            if (foreignSlots.size === 0) foreignSlots.add(slots[pick % slots.length]);
            const zoneFor = (slot: string, index: number) =>
              foreignSlots.has(slot) ? caller.foreign[(pick + index) % caller.foreign.length] : caller.own;
            const ownIds = new Set(Object.values(idsOf(caller.own)));
            /** The slot's id: the caller's own, or a foreign one that is not also the caller's (team A2's organisation). */
            const idFor = (name: string, index: number): string => {
              const own = idsOf(caller.own)[name];
              if (!foreignSlots.has(name)) return own ?? (name === 'number' ? '1' : NOWHERE);
              const candidates = caller.foreign
                .map((zone) => idsOf(zone)[name])
                .filter((id) => id !== undefined && !ownIds.has(id));
              return candidates.length > 0 ? candidates[(pick + index) % candidates.length] : NOWHERE;
            };
            const values: Record<string, string> = {};
            const sentIds = new Set<string>();
            operation.pathParams.forEach((name, index) => {
              values[name] = idFor(name, index);
              sentIds.add(values[name]);
            });
            const query = defaultQuery(operation);
            queryIds.forEach((name, index) => {
              query[name] = idFor(name, operation.pathParams.length + index);
              sentIds.add(query[name]);
            });
            const bodyZone = zoneFor('(body)', slots.length);
            const body = operation.body ? validBodyOf(operation, bodyZone) : undefined;
            for (const id of Object.values(idsOf(bodyZone)))
              if (JSON.stringify(body ?? null).includes(id)) sentIds.add(id);

            const url = fillPath(operation.path, values);
            const response = await send(caller.http, operation, url, { body }, query);
            const where = `${caller.name}: ${operation.method.toUpperCase()} ${url} (foreign: ${[...foreignSlots].join(', ')})`;
            // An id in the body that names nothing the caller may see can also be refused as not of
            // this team (400, 422), as an id of nothing is: nothing revealed (checked below).
            const bodyOnly = foreignSlots.size === 1 && foreignSlots.has('(body)');
            const refusals = bodyOnly ? [...REFUSALS, 400, 422] : REFUSALS;
            if (!refusals.includes(response.status))
              throw new Error(`${where}: answered ${excerpt(response)}`);
            const notProblem = notAProblem(response);
            if (notProblem) throw new Error(`${where}: ${notProblem}: ${excerpt(response)}`);

            // Nothing of a foreign object in the answer: no canary, no id the caller did not send.
            const text = (response.text ?? '').toLowerCase() + JSON.stringify(response.headers).toLowerCase();
            for (const zone of caller.foreign) {
              const leaked = [
                ...zone.canaries.filter((canary) => text.includes(canary.toLowerCase())),
                ...Object.values(idsOf(zone)).filter(
                  (id) => !sentIds.has(id) && !ownIds.has(id) && text.includes(id.toLowerCase()),
                ),
              ];
              if (leaked.length > 0)
                throw new Error(`${where}: the answer holds ${leaked.join(', ')}: ${excerpt(response)}`);
            }
            const after = await db.fingerprint();
            const changed = changedTables(baseline, after);
            baseline = after;
            if (changed.length > 0)
              throw new Error(`${where}: refused with ${response.status} but changed ${changed.join(', ')}`);
          },
        ),
        { seed: SEED, numRuns: Math.max(1, Math.round(400 * SCALE)) },
      );
    },
    150_000 * Math.max(1, SCALE),
  );
});

/** Whether an operation takes an id at all (in its path or body): those without are the matrix's business. */
function canBeForeign(operation: Operation): boolean {
  return operation.pathParams.length > 0 || idQueryParams(operation).length > 0 || bodyHasIds(operation);
}

/** Query parameters that name an object (`?organisationId=` of the scenario import, `?clientId=`). */
function idQueryParams(operation: Operation): string[] {
  const kinds = Object.keys(idsOf(allZones[0]));
  return operation.queryParams.map((parameter) => parameter.name).filter((name) => kinds.includes(name));
}

/** Whether the operation's valid body refers to objects (team, client, caregiver...) by id. */
function bodyHasIds(operation: Operation): boolean {
  if (!operation.body) return false;
  const first = JSON.stringify(validBodyOf(operation, allZones[0]));
  const second = JSON.stringify(validBodyOf(operation, allZones[2]));
  const names = /[a-z]+-fuzz-\d+-\d+/g;
  return first.replace(names, '') !== second.replace(names, '');
}

/** A second client in a zone's team, with a care need and a visit, its text fields canaries. */
async function clientIn(
  admin: TestAgent,
  zone: Zone,
  canaries: string[],
): Promise<Pick<Zone, 'clientId' | 'careNeedId' | 'visitId'>> {
  const canary = (field: string) => {
    const value = `CanaryY${field}${randomBytes(4).toString('hex')}`;
    canaries.push(value);
    return value;
  };
  const clientId = (
    await admin
      .post(`/teams/${zone.teamId}/clients`)
      .send({ name: canary('Client'), notes: canary('Notes'), latitude: 52.37, longitude: 4.89 })
      .expect(201)
  ).body.id as string;
  const careNeedId = (
    await admin
      .post(`/clients/${clientId}/care-needs`)
      .send({
        description: canary('Need'),
        weekdays: [2],
        windowStart: '09:00',
        windowEnd: '11:00',
        durationMinutes: 30,
        startsOn: '2026-11-23',
      })
      .expect(201)
  ).body.id as string;
  const visitId = (
    await admin
      .post(`/teams/${zone.teamId}/visits`)
      .send({
        clientId,
        earliestStart: '2026-11-25T09:00',
        latestEnd: '2026-11-25T11:00',
        durationMinutes: 30,
        externalRef: canary('Visit'),
      })
      .expect(201)
  ).body.id as string;
  return { clientId, careNeedId, visitId };
}
