// Seeded objects for the fuzzers, and a valid body per write endpoint to corrupt.
import { randomBytes, randomUUID } from 'node:crypto';
import { generateScenario } from '@homecare/scenario';
import type { Operation, Schema } from './fuzz-openapi';
import type { TestApp } from './test-app';

let counter = 0;
/** A unique name (test-app's `unique`, which cannot be imported before the database is chosen). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-fuzz-${process.pid}-${counter}`;
}

/** One team's worth of objects, every text field holding a canary that must never leak. */
export interface Zone {
  label: string;
  organisationId: string;
  teamId: string;
  caregiverId: string;
  clientId: string;
  careNeedId: string;
  visitId: string;
  windowId: string;
  exceptionId: string;
  invitationId: string;
  invitationToken: string;
  linkId: string;
  rosterId?: string;
  /** Strings written into this zone's objects. */
  canaries: string[];
}

/** The ids of a zone by path parameter name (`{teamId}`, `{windowId}`...). */
export function idsOf(zone: Zone): Record<string, string> {
  return {
    organisationId: zone.organisationId,
    teamId: zone.teamId,
    caregiverId: zone.caregiverId,
    clientId: zone.clientId,
    careNeedId: zone.careNeedId,
    visitId: zone.visitId,
    windowId: zone.windowId,
    exceptionId: zone.exceptionId,
    invitationId: zone.invitationId,
    token: zone.invitationToken,
    linkId: zone.linkId,
    ...(zone.rosterId ? { rosterId: zone.rosterId } : {}),
  };
}

const expectCreated = async (
  request: Promise<{ status: number; body: Record<string, unknown>; text: string }>,
  what: string,
) => {
  const response = await request;
  if (response.status >= 300) throw new Error(`seeding ${what}: ${response.status} ${response.text}`);
  return response.body;
};

/**
 * Creates a team (in the given organisation, or a new one) with a caregiver, a client with a care
 * need and a visit, an availability window and an exception, a pending invitation, a family
 * member's access link and, when asked, a queued roster.
 */
export async function seedZone(
  api: TestApp,
  label: string,
  options: { organisationId?: string; roster?: boolean } = {},
): Promise<Zone> {
  const admin = api.http;
  const canary = (field: string) => `Canary${label}${field}${randomBytes(4).toString('hex')}`;
  const canaries: string[] = [];
  const text = (field: string) => {
    const value = canary(field);
    canaries.push(value);
    return value;
  };
  const organisationId =
    options.organisationId ??
    ((await expectCreated(admin.post('/organisations').send({ name: text('Org') }), 'organisation'))
      .id as string);
  const teamId = (
    await expectCreated(
      admin.post('/teams').send({ organisationId, name: text('Team'), timezone: 'Europe/Amsterdam' }),
      'team',
    )
  ).id as string;
  const caregiverId = (
    await expectCreated(
      admin.post(`/teams/${teamId}/caregivers`).send({
        firstName: text('First'),
        lastName: text('Last'),
        skills: ['nursing'],
        maxMinutesPerWeek: 1200,
        externalRef: text('Ref'),
      }),
      'caregiver',
    )
  ).id as string;
  const clientId = (
    await expectCreated(
      admin.post(`/teams/${teamId}/clients`).send({
        name: text('Client'),
        address: text('Address'),
        latitude: 52.36,
        longitude: 4.9,
        notes: text('Notes'),
        externalRef: text('ClientRef'),
        familyContacts: [{ name: text('Contact'), relation: 'daughter', phone: '+31 6 1234 5678' }],
        preferredCaregiverIds: [caregiverId],
      }),
      'client',
    )
  ).id as string;
  const careNeedId = (
    await expectCreated(
      admin.post(`/clients/${clientId}/care-needs`).send({
        description: text('Need'),
        weekdays: [1, 3],
        windowStart: '08:00',
        windowEnd: '10:00',
        durationMinutes: 30,
        startsOn: '2026-11-23',
      }),
      'care need',
    )
  ).id as string;
  const visitId = (
    await expectCreated(
      admin.post(`/teams/${teamId}/visits`).send({
        clientId,
        earliestStart: '2026-11-24T09:00',
        latestEnd: '2026-11-24T11:00',
        durationMinutes: 30,
        externalRef: text('Visit'),
      }),
      'visit',
    )
  ).id as string;
  const windowId = (
    await expectCreated(
      admin
        .post(`/caregivers/${caregiverId}/availability/windows`)
        .send({ start: '2026-11-24T07:00', end: '2026-11-24T15:00' }),
      'window',
    )
  ).id as string;
  const exceptionId = (
    await expectCreated(
      admin.post(`/caregivers/${caregiverId}/availability/exceptions`).send({
        start: '2026-11-25T07:00',
        end: '2026-11-25T09:00',
        kind: 'appointment',
        note: text('Note'),
      }),
      'exception',
    )
  ).id as string;
  await expectCreated(
    admin
      .put(`/caregivers/${caregiverId}/availability/pattern`)
      .send({ validFrom: '2026-11-23', windows: [{ weekday: 2, start: '07:00', end: '15:00' }] }),
    'pattern',
  );
  const invitation = await expectCreated(
    admin.post('/invitations').send({
      kind: 'caregiver',
      email: `${text('Invitee').toLowerCase()}@homecare.test`,
      firstName: text('InviteeName'),
      teamId,
    }),
    'invitation',
  );
  // Imported here: test-app loads the app's modules, which read DATABASE_URL when first imported.
  const { signInAs } = await import('./test-app');
  await signInAs(api, { role: 'family', clientIds: [clientId] });
  const links = await expectCreated(admin.get(`/clients/${clientId}/access-links`), 'access links');
  const linkId = (links.items as { id: string }[])[0].id;
  const rosterId = options.roster
    ? ((
        await expectCreated(
          admin.post(`/teams/${teamId}/rosters`).send({ periodStart: '2026-11-23', periodEnd: '2026-11-29' }),
          'roster',
        )
      ).rosterId as string)
    : undefined;
  return {
    label,
    organisationId,
    teamId,
    caregiverId,
    clientId,
    careNeedId,
    visitId,
    windowId,
    exceptionId,
    invitationId: invitation.id as string,
    invitationToken: invitation.token as string,
    linkId,
    rosterId,
    canaries,
  };
}

/**
 * A body each endpoint accepts (given the seeded zone), written by hand for the endpoints whose
 * rules reach past the DTO (zones, dates, ids of the team), so that a corrupted field gets as far
 * as the service. `accepted: false` marks bodies of the right shape that the seeded state refuses
 * (an unknown refresh token).
 */
export function validBodies(zone: Zone): Record<string, { body: unknown; accepted?: boolean }> {
  return {
    'POST /organisations': { body: { name: unique('org') } },
    'PATCH /organisations/{organisationId}': { body: { name: unique('org') } },
    'POST /teams': {
      body: {
        organisationId: zone.organisationId,
        name: unique('team'),
        timezone: 'Europe/Amsterdam',
        travelSpeedKmh: 15,
        travelDetourFactor: 1.3,
      },
    },
    'PATCH /teams/{teamId}': {
      body: {
        name: unique('team'),
        timezone: 'Europe/Amsterdam',
        travelSpeedKmh: 16,
        travelDetourFactor: 1.2,
      },
    },
    'POST /teams/{teamId}/caregivers': {
      body: {
        firstName: 'Fatima',
        lastName: 'El Amrani',
        skills: ['personal-care', 'nursing'],
        maxMinutesPerWeek: 1920,
        maxMinutesPerDay: 480,
        travelSpeedKmh: 20,
        active: true,
        externalRef: unique('cg'),
      },
    },
    'PATCH /caregivers/{caregiverId}': {
      body: {
        firstName: 'Fatima',
        skills: ['nursing'],
        maxMinutesPerWeek: 1600,
        maxMinutesPerDay: 480,
        active: true,
      },
    },
    'POST /caregivers/{caregiverId}/availability/windows': {
      body: { start: '2026-12-01T08:00', end: '2026-12-01T12:00' },
    },
    'PUT /caregivers/{caregiverId}/availability/pattern': {
      body: {
        validFrom: '2026-11-23',
        validUntil: '2026-12-31',
        windows: [
          { weekday: 2, start: '07:00', end: '15:00' },
          { weekday: 5, start: '22:00', end: '07:00' },
        ],
      },
    },
    'POST /caregivers/{caregiverId}/availability/exceptions': {
      body: { start: '2026-12-02T08:00', end: '2026-12-02T10:00', kind: 'leave', note: 'dentist' },
    },
    'POST /teams/{teamId}/clients': {
      body: {
        name: 'Mevrouw Jansen',
        address: 'Linnaeusstraat 12, Amsterdam',
        latitude: 52.3601,
        longitude: 4.9262,
        preferredCaregiverIds: [zone.caregiverId],
        excludedCaregiverIds: [],
        familyContacts: [
          {
            name: 'Anna de Vries',
            relation: 'daughter',
            phone: '+31 6 1234 5678',
            email: 'anna@example.org',
          },
        ],
        notes: 'stairs',
        externalRef: unique('cl'),
      },
    },
    'PATCH /clients/{clientId}': { body: { notes: 'stairs', latitude: 52.37, longitude: 4.91 } },
    'PUT /clients/{clientId}/history': { body: { entries: [{ caregiverId: zone.caregiverId, visits: 3 }] } },
    'POST /clients/{clientId}/care-needs': {
      body: {
        description: 'morning care',
        weekdays: [1, 3, 5],
        windowStart: '07:30',
        windowEnd: '09:30',
        durationMinutes: 45,
        requiredSkills: ['personal-care'],
        caregiversNeeded: 1,
        startsOn: '2026-11-23',
        endsOn: '2027-03-31',
      },
    },
    'PATCH /care-needs/{careNeedId}': {
      body: { description: 'evening care', durationMinutes: 40, startsOn: '2026-11-23', endsOn: null },
    },
    'POST /teams/{teamId}/visits': {
      body: {
        clientId: zone.clientId,
        earliestStart: '2026-11-26T14:00',
        latestEnd: '2026-11-26T16:00',
        durationMinutes: 30,
        requiredSkills: ['nursing'],
        caregiversNeeded: 1,
        externalRef: unique('v'),
      },
    },
    'POST /teams/{teamId}/visits/generate': { body: { from: '2026-11-23', to: '2026-11-29' } },
    'PATCH /visits/{visitId}': {
      body: {
        earliestStart: '2026-11-24T09:00',
        latestEnd: '2026-11-24T11:30',
        durationMinutes: 35,
        caregiversNeeded: 1,
        status: 'planned',
      },
    },
    'POST /teams/import': {
      body: { ...generateScenario({ seed: 3, caregivers: 2, clients: 2, days: 1 }), name: unique('import') },
    },
    'POST /teams/{teamId}/rosters': {
      body: { periodStart: '2026-11-23', periodEnd: '2026-11-29', timeLimitMs: 1000, seed: 7 },
    },
    'POST /organisations/{organisationId}/rosters': {
      body: { periodStart: '2026-11-23', periodEnd: '2026-11-29', timeLimitMs: 1000 },
    },
    'POST /auth/login': {
      body: { email: 'nobody@homecare.test', password: 'not-the-password' },
      accepted: false,
    },
    'POST /auth/refresh': { body: { refreshToken: 'r'.repeat(43) }, accepted: false },
    'POST /auth/logout': { body: { refreshToken: 'r'.repeat(43) } },
    'POST /invitations': {
      body: {
        kind: 'caregiver',
        email: `${unique('invitee')}@homecare.test`,
        firstName: 'Sam',
        teamId: zone.teamId,
      },
    },
    'POST /invitations/{token}/accept': {
      body: { password: 'a-long-enough-password', name: 'Sam de Boer' },
    },
  };
}

/** Ids for uuid fields of bodies the table does not know, by field name. */
function idForField(name: string, ids: Record<string, string>): string {
  const base = name.replace(/Ids$/, 'Id');
  const kind = Object.keys(ids).find(
    (key) => base === key || base.endsWith(key.charAt(0).toUpperCase() + key.slice(1)),
  );
  return kind ? ids[kind] : randomUUID();
}

/**
 * A body built from the OpenAPI schema's examples, for endpoints without a row in the table
 * (endpoints added later are fuzzed all the same).
 */
export function bodyFromSchema(schema: Schema, ids: Record<string, string>, name = ''): unknown {
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  // Fields named like ids (`visitId`, `caregiverIds`) take ids even when the schema does not say uuid.
  if (schema.format === 'uuid' || (schema.type === 'string' && /Ids?$/.test(name)))
    return idForField(name, ids);
  switch (schema.type) {
    case 'object': {
      const body: Record<string, unknown> = {};
      for (const [property, child] of Object.entries(schema.properties ?? {})) {
        body[property] = bodyFromSchema(child, ids, property);
      }
      return body;
    }
    case 'array':
      return schema.items ? [bodyFromSchema(schema.items, ids, name)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return 'text';
    default:
      return schema.properties ? bodyFromSchema({ ...schema, type: 'object' }, ids, name) : {};
  }
}

/** The valid body of an operation: the table's, else one from the schema. */
export function validBodyOf(operation: Operation, zone: Zone): unknown {
  const row = validBodies(zone)[operation.key];
  if (row) return row.body;
  return operation.body ? bodyFromSchema(operation.body, idsOf(zone)) : undefined;
}
