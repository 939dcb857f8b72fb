import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AccessService } from '@homecare/core/access';
import { principalOf } from '@homecare/core/principal';
import { generateScenario } from '@homecare/scenario';
import { createTestApp, expectProblem, signInAs, type TestApp, unique } from './support/test-app';

/** Who calls: every role, and for each the side of the fence that matters. */
const CALLERS = [
  'anonymous',
  'admin',
  'coordinator',
  'otherCoordinator',
  'caregiver',
  'otherCaregiver',
  'family',
] as const;
type Caller = (typeof CALLERS)[number];
/** What the caller gets: success, or the status of the refusal. */
type Outcome = '2xx' | 400 | 401 | 403 | 404 | 409 | 428;

/**
 * The objects of the matrix. Team A (organisation A) has the caregiver, a colleague, a client with
 * a care need and a visit; the family member is linked to that client. The "other" coordinator and
 * caregiver belong to organisation B and its team B.
 */
interface World {
  organisationId: string;
  teamId: string;
  caregiverId: string;
  colleagueId: string;
  clientId: string;
  careNeedId: string;
  visitId: string;
  otherTeamId: string;
  rosterId: string;
  /** A negotiated plan whose first proposal is queued (no worker here): no version yet. */
  planId: string;
}

interface Endpoint {
  name: string;
  /** Sends the request; may first create a fresh object to act on (deletes, erasure). */
  send: (http: TestAgent, world: World) => Promise<{ status: number }>;
  expected: Record<Caller, Outcome>;
}

// The usual shapes of the table.
/** Team data that every member of the team reads. */
const READ: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: '2xx',
  coordinator: '2xx',
  otherCoordinator: 404,
  caregiver: '2xx',
  otherCaregiver: 404,
  family: 403,
};
/** What coordinators manage; caregivers are refused by role, whatever the id. */
const MANAGE: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: '2xx',
  coordinator: '2xx',
  otherCoordinator: 404,
  caregiver: 403,
  otherCaregiver: 403,
  family: 403,
};
/** The caregiver's own availability: they change it, as do the coordinators of their organisation. */
const OWN_AVAILABILITY: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: '2xx',
  coordinator: '2xx',
  otherCoordinator: 404,
  caregiver: '2xx',
  otherCaregiver: 404,
  family: 403,
};
/** A colleague's availability: readable by the caregiver, not theirs to change. */
const COLLEAGUE_AVAILABILITY: Record<Caller, Outcome> = { ...OWN_AVAILABILITY, caregiver: 403 };
/** Lists that everyone but family members may ask for (their content is scoped, see below). */
const SCOPED_LIST: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: '2xx',
  coordinator: '2xx',
  otherCoordinator: '2xx',
  caregiver: '2xx',
  otherCaregiver: '2xx',
  family: 403,
};
const ADMIN_ONLY: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: '2xx',
  coordinator: 403,
  otherCoordinator: 403,
  caregiver: 403,
  otherCaregiver: 403,
  family: 403,
};
/**
 * What members of the team do in its negotiation, as themselves: coordinators and administrators
 * are refused by role. The matrix sends a stale If-Match, so a member gets past every check and is
 * refused only for the revision (409): nothing changes.
 */
const MEMBER: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: 403,
  coordinator: 403,
  otherCoordinator: 403,
  caregiver: 409,
  otherCaregiver: 404,
  family: 403,
};
const STALE = '"r999999"';
const SIGNED_IN: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: '2xx',
  coordinator: '2xx',
  otherCoordinator: '2xx',
  caregiver: '2xx',
  otherCaregiver: '2xx',
  family: '2xx',
};

const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const span = (day: number, hour: number) => ({
  start: `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00`,
  end: `2026-12-${String(day).padStart(2, '0')}T${String(hour + 1).padStart(2, '0')}:00`,
});
let windowDay = 0;
const nextSpan = () => span(1 + (windowDay++ % 28), 6 + (Math.floor(windowDay / 28) % 14));
const clientBody = () => ({ name: unique('client'), address: 'Straat 1', latitude: 52.36, longitude: 4.9 });
const careNeedBody = {
  weekdays: [1, 3],
  windowStart: '08:00',
  windowEnd: '10:00',
  durationMinutes: 30,
  startsOn: '2026-11-23',
};
const visitBody = (clientId: string) => ({
  clientId,
  earliestStart: '2026-11-24T09:00',
  latestEnd: '2026-11-24T11:00',
  durationMinutes: 30,
});

/** Checking in is for caregivers only, and only to their own visits of the published roster. */
const CHECK_IN: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: 403,
  coordinator: 403,
  otherCoordinator: 403,
  caregiver: 403,
  otherCaregiver: 404,
  family: 403,
};
/** A caregiver's own day: for caregivers, each their own. */
const MY_DAY: Record<Caller, Outcome> = {
  anonymous: 401,
  admin: 403,
  coordinator: 403,
  otherCoordinator: 403,
  caregiver: '2xx',
  otherCaregiver: '2xx',
  family: 403,
};
/** A month of the past no one approved yet (monthly pay periods, the default), one per call. */
let payMonth = 0;
const freshPayMonth = () => {
  const month = payMonth++;
  return `${2010 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
};
/** A webhook subscription of organisation A, written straight to the database, one per call. */
async function freshWebhook(world: World): Promise<string> {
  const [row] = await api.app.get(DataSource).query<{ id: string }[]>(
    `INSERT INTO webhook_subscription (organisation_id, url, event_types, secret)
     VALUES ($1, 'https://ecd.example.org/hooks', '{plan.published}', 'whsec_AAAA') RETURNING id`,
    [world.organisationId],
  );
  return row.id;
}
/** A past visit of the team with a check-in of the caregiver, written straight to the database. */
async function freshCheckIn(world: World): Promise<string> {
  const dataSource = api.app.get(DataSource);
  const [visit] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO visit (team_id, client_id, date, earliest_start, latest_end, duration_minutes)
     VALUES ($1, $2, '2026-11-02', '2026-11-02T08:00:00Z', '2026-11-02T10:00:00Z', 30) RETURNING id`,
    [world.teamId, world.clientId],
  );
  const [checkIn] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at, checked_out_at)
     VALUES ($1, $2, '2026-11-02T08:00:00Z', '2026-11-02T08:30:00Z') RETURNING id`,
    [visit.id, world.caregiverId],
  );
  return checkIn.id;
}

/**
 * Every endpoint of the API with who may call it. Adding an endpoint without a row here fails the
 * completeness test below.
 */
function endpoints(admin: TestAgent): Endpoint[] {
  const freshTeam = async (world: World) =>
    (
      await admin
        .post('/teams')
        .send({ organisationId: world.organisationId, name: unique('team'), timezone: 'Europe/Amsterdam' })
        .expect(201)
    ).body.id as string;
  const freshCaregiver = async (world: World) =>
    (
      await admin
        .post(`/teams/${world.teamId}/caregivers`)
        .send({ firstName: 'Tmp', maxMinutesPerWeek: 60 })
        .expect(201)
    ).body.id as string;
  const freshClient = async (world: World) =>
    (await admin.post(`/teams/${world.teamId}/clients`).send(clientBody()).expect(201)).body.id as string;
  /** Creates a window or an exception (as the administrator), then has the caller delete it. */
  const deleteFresh =
    (kind: 'windows' | 'exceptions', whose: 'caregiverId' | 'colleagueId') =>
    async (http: TestAgent, world: World) => {
      const caregiverId = world[whose];
      const body = kind === 'windows' ? nextSpan() : { ...nextSpan(), kind: 'other' };
      const created = await admin
        .post(`/caregivers/${caregiverId}/availability/${kind}`)
        .send(body)
        .expect(201);
      return http.delete(`/caregivers/${caregiverId}/availability/${kind}/${created.body.id}`);
    };
  return [
    {
      name: 'POST /organisations',
      send: (http) => http.post('/organisations').send({ name: unique('org') }),
      expected: ADMIN_ONLY,
    },
    { name: 'GET /organisations', send: (http) => http.get('/organisations'), expected: SCOPED_LIST },
    {
      name: 'GET /organisations/:id',
      send: (http, w) => http.get(`/organisations/${w.organisationId}`),
      expected: READ,
    },
    {
      name: 'PATCH /organisations/:id',
      send: (http, w) => http.patch(`/organisations/${w.organisationId}`).send({ name: unique('org') }),
      expected: MANAGE,
    },
    // Working-time rules: every member reads them (the roster keeps to them); coordinators set them.
    // The values sent are the EU defaults, so the rows change nothing for the other rows.
    {
      name: 'GET /organisations/:id/working-time-rules',
      send: (http, w) => http.get(`/organisations/${w.organisationId}/working-time-rules`),
      expected: READ,
    },
    {
      name: 'PATCH /organisations/:id/working-time-rules',
      send: (http, w) =>
        http.patch(`/organisations/${w.organisationId}/working-time-rules`).send({ minRestMinutes: 660 }),
      expected: MANAGE,
    },
    {
      name: 'GET /teams/:id/working-time-rules',
      send: (http, w) => http.get(`/teams/${w.teamId}/working-time-rules`),
      expected: READ,
    },
    {
      name: 'PATCH /teams/:id/working-time-rules',
      send: (http, w) =>
        http.patch(`/teams/${w.teamId}/working-time-rules`).send({ inherit: ['minRestMinutes'] }),
      expected: MANAGE,
    },
    {
      name: 'GET /teams/:id/planning-settings',
      send: (http, w) => http.get(`/teams/${w.teamId}/planning-settings`),
      expected: READ,
    },
    // The team's weeks at a glance: members and the organisation's coordinators, like its roster.
    {
      name: 'GET /teams/:id/dashboard',
      send: (http, w) => http.get(`/teams/${w.teamId}/dashboard`).query({ weeks: 1 }),
      expected: READ,
    },
    {
      name: 'PATCH /teams/:id/planning-settings',
      send: (http, w) => http.patch(`/teams/${w.teamId}/planning-settings`).send({ weeksAhead: 1 }),
      expected: MANAGE,
    },
    {
      name: 'POST /teams',
      send: (http, w) =>
        http
          .post('/teams')
          .send({ organisationId: w.organisationId, name: unique('team'), timezone: 'Europe/Amsterdam' }),
      expected: MANAGE,
    },
    { name: 'GET /teams', send: (http) => http.get('/teams'), expected: SCOPED_LIST },
    { name: 'GET /teams/:id', send: (http, w) => http.get(`/teams/${w.teamId}`), expected: READ },
    {
      name: 'PATCH /teams/:id',
      send: (http, w) => http.patch(`/teams/${w.teamId}`).send({ travelSpeedKmh: 16 }),
      expected: MANAGE,
    },
    {
      name: 'DELETE /teams/:id',
      send: async (http, w) => http.delete(`/teams/${await freshTeam(w)}`),
      expected: MANAGE,
    },

    {
      name: 'POST /teams/:id/caregivers',
      send: (http, w) =>
        http.post(`/teams/${w.teamId}/caregivers`).send({ firstName: 'New', maxMinutesPerWeek: 600 }),
      expected: MANAGE,
    },
    {
      name: 'GET /teams/:id/caregivers',
      send: (http, w) => http.get(`/teams/${w.teamId}/caregivers`),
      expected: READ,
    },
    {
      name: 'GET /caregivers/:id',
      send: (http, w) => http.get(`/caregivers/${w.colleagueId}`),
      expected: READ,
    },
    {
      name: 'PATCH /caregivers/:id',
      send: (http, w) => http.patch(`/caregivers/${w.colleagueId}`).send({ skills: ['nursing'] }),
      expected: MANAGE,
    },
    {
      name: 'DELETE /caregivers/:id',
      send: async (http, w) => http.delete(`/caregivers/${await freshCaregiver(w)}`),
      expected: MANAGE,
    },

    {
      name: 'GET /caregivers/:id/availability',
      send: (http, w) => http.get(`/caregivers/${w.caregiverId}/availability`).query(WEEK),
      expected: READ,
    },
    {
      name: 'GET /caregivers/:id/availability/windows',
      send: (http, w) => http.get(`/caregivers/${w.colleagueId}/availability/windows`),
      expected: READ,
    },
    {
      name: 'POST /caregivers/:own/availability/windows',
      send: (http, w) => http.post(`/caregivers/${w.caregiverId}/availability/windows`).send(nextSpan()),
      expected: OWN_AVAILABILITY,
    },
    {
      name: 'POST /caregivers/:colleague/availability/windows',
      send: (http, w) => http.post(`/caregivers/${w.colleagueId}/availability/windows`).send(nextSpan()),
      expected: COLLEAGUE_AVAILABILITY,
    },
    {
      name: 'DELETE /caregivers/:own/availability/windows/:id',
      send: deleteFresh('windows', 'caregiverId'),
      expected: OWN_AVAILABILITY,
    },
    {
      name: 'DELETE /caregivers/:colleague/availability/windows/:id',
      send: deleteFresh('windows', 'colleagueId'),
      expected: COLLEAGUE_AVAILABILITY,
    },
    {
      name: 'GET /caregivers/:id/availability/pattern',
      send: (http, w) => http.get(`/caregivers/${w.caregiverId}/availability/pattern`),
      expected: READ,
    },
    {
      name: 'PUT /caregivers/:own/availability/pattern',
      send: (http, w) =>
        http
          .put(`/caregivers/${w.caregiverId}/availability/pattern`)
          .send({ validFrom: '2026-11-23', windows: [{ weekday: 1, start: '08:00', end: '12:00' }] }),
      expected: OWN_AVAILABILITY,
    },
    {
      name: 'PUT /caregivers/:colleague/availability/pattern',
      send: (http, w) =>
        http
          .put(`/caregivers/${w.colleagueId}/availability/pattern`)
          .send({ validFrom: '2026-11-23', windows: [{ weekday: 2, start: '08:00', end: '12:00' }] }),
      expected: COLLEAGUE_AVAILABILITY,
    },
    {
      name: 'GET /caregivers/:id/availability/wishes',
      send: (http, w) => http.get(`/caregivers/${w.caregiverId}/availability/wishes`),
      expected: READ,
    },
    {
      name: 'PUT /caregivers/:own/availability/wishes',
      send: (http, w) => http.put(`/caregivers/${w.caregiverId}/availability/wishes`).send({ wishes: [] }),
      expected: OWN_AVAILABILITY,
    },
    {
      name: 'PUT /caregivers/:colleague/availability/wishes',
      send: (http, w) => http.put(`/caregivers/${w.colleagueId}/availability/wishes`).send({ wishes: [] }),
      expected: COLLEAGUE_AVAILABILITY,
    },
    {
      name: 'GET /caregivers/:id/availability/exceptions',
      send: (http, w) => http.get(`/caregivers/${w.caregiverId}/availability/exceptions`),
      expected: READ,
    },
    {
      name: 'POST /caregivers/:own/availability/exceptions',
      send: (http, w) =>
        http
          .post(`/caregivers/${w.caregiverId}/availability/exceptions`)
          .send({ ...nextSpan(), kind: 'appointment' }),
      expected: OWN_AVAILABILITY,
    },
    {
      name: 'POST /caregivers/:colleague/availability/exceptions',
      send: (http, w) =>
        http
          .post(`/caregivers/${w.colleagueId}/availability/exceptions`)
          .send({ ...nextSpan(), kind: 'leave' }),
      expected: COLLEAGUE_AVAILABILITY,
    },
    {
      name: 'DELETE /caregivers/:own/availability/exceptions/:id',
      send: deleteFresh('exceptions', 'caregiverId'),
      expected: OWN_AVAILABILITY,
    },
    {
      name: 'DELETE /caregivers/:colleague/availability/exceptions/:id',
      send: deleteFresh('exceptions', 'colleagueId'),
      expected: COLLEAGUE_AVAILABILITY,
    },
    {
      name: 'GET /teams/:id/availability',
      send: (http, w) => http.get(`/teams/${w.teamId}/availability`).query(WEEK),
      expected: READ,
    },

    {
      name: 'POST /teams/:id/clients',
      send: (http, w) => http.post(`/teams/${w.teamId}/clients`).send(clientBody()),
      expected: MANAGE,
    },
    {
      name: 'GET /teams/:id/clients',
      send: (http, w) => http.get(`/teams/${w.teamId}/clients`),
      expected: READ,
    },
    { name: 'GET /clients/:id', send: (http, w) => http.get(`/clients/${w.clientId}`), expected: READ },
    // Who knows the client: the team's business, like the client's record.
    {
      name: 'GET /clients/:id/continuity',
      send: (http, w) => http.get(`/clients/${w.clientId}/continuity`),
      expected: READ,
    },
    {
      name: 'PATCH /clients/:id',
      send: (http, w) => http.patch(`/clients/${w.clientId}`).send({ notes: 'stairs' }),
      expected: MANAGE,
    },
    {
      name: 'DELETE /clients/:id',
      send: async (http, w) => http.delete(`/clients/${await freshClient(w)}`),
      expected: MANAGE,
    },
    {
      name: 'PUT /clients/:id/history',
      send: (http, w) =>
        http
          .put(`/clients/${w.clientId}/history`)
          .send({ entries: [{ caregiverId: w.colleagueId, visits: 3 }] }),
      expected: MANAGE,
    },
    {
      name: 'GET /clients/:id/access-log',
      send: (http, w) => http.get(`/clients/${w.clientId}/access-log`),
      expected: MANAGE,
    },
    {
      name: 'GET /clients/:id/access-links',
      send: (http, w) => http.get(`/clients/${w.clientId}/access-links`),
      expected: MANAGE,
    },
    {
      name: 'POST /clients/:id/access-links/:id/revoke',
      send: async (http, w) => {
        const client = await freshClient(w);
        const relative = await signInAs(api, { role: 'family', clientIds: [client] });
        const [link] = (await admin.get(`/clients/${client}/access-links`).expect(200)).body.items as {
          id: string;
          userId: string;
        }[];
        expect(link.userId).toBe(relative.user.id);
        return http.post(`/clients/${client}/access-links/${link.id}/revoke`);
      },
      expected: MANAGE,
    },
    {
      name: 'POST /clients/:id/erasure',
      send: async (http, w) => http.post(`/clients/${await freshClient(w)}/erasure`),
      expected: MANAGE,
    },
    {
      name: 'POST /clients/:id/archive',
      send: async (http, w) => http.post(`/clients/${await freshClient(w)}/archive`),
      expected: MANAGE,
    },

    {
      name: 'POST /clients/:id/care-needs',
      send: (http, w) => http.post(`/clients/${w.clientId}/care-needs`).send(careNeedBody),
      expected: MANAGE,
    },
    {
      name: 'GET /clients/:id/care-needs',
      send: (http, w) => http.get(`/clients/${w.clientId}/care-needs`),
      expected: READ,
    },
    {
      name: 'GET /care-needs/:id',
      send: (http, w) => http.get(`/care-needs/${w.careNeedId}`),
      expected: READ,
    },
    {
      name: 'PATCH /care-needs/:id',
      send: (http, w) => http.patch(`/care-needs/${w.careNeedId}`).send({ description: 'morning care' }),
      expected: MANAGE,
    },
    {
      name: 'DELETE /care-needs/:id',
      send: async (http, w) =>
        http.delete(
          `/care-needs/${(await admin.post(`/clients/${w.clientId}/care-needs`).send(careNeedBody).expect(201)).body.id}`,
        ),
      expected: MANAGE,
    },

    {
      name: 'GET /teams/:id/visits',
      send: (http, w) => http.get(`/teams/${w.teamId}/visits`).query(WEEK),
      expected: READ,
    },
    {
      name: 'POST /teams/:id/visits',
      send: (http, w) => http.post(`/teams/${w.teamId}/visits`).send(visitBody(w.clientId)),
      expected: MANAGE,
    },
    {
      name: 'POST /teams/:id/visits/generate',
      send: (http, w) => http.post(`/teams/${w.teamId}/visits/generate`).send(WEEK),
      expected: MANAGE,
    },
    { name: 'GET /visits/:id', send: (http, w) => http.get(`/visits/${w.visitId}`), expected: READ },
    {
      name: 'PATCH /visits/:id',
      send: (http, w) => http.patch(`/visits/${w.visitId}`).send({ durationMinutes: 40 }),
      expected: MANAGE,
    },
    {
      name: 'DELETE /visits/:id',
      send: async (http, w) =>
        http.delete(
          `/visits/${(await admin.post(`/teams/${w.teamId}/visits`).send(visitBody(w.clientId)).expect(201)).body.id}`,
        ),
      expected: MANAGE,
    },

    {
      name: 'POST /teams/import',
      send: (http, w) =>
        http
          .post('/teams/import')
          .query({ organisationId: w.organisationId })
          .send({
            ...generateScenario({ seed: 2, caregivers: 2, clients: 3, days: 1 }),
            name: unique('import'),
          }),
      expected: MANAGE,
    },
    {
      name: 'GET /teams/:id/scenario',
      send: (http, w) => http.get(`/teams/${w.teamId}/scenario`).query(WEEK),
      expected: MANAGE,
    },

    {
      // A period that ends before it starts: whoever gets past the access checks gets the 400
      // (no computation is queued by the matrix).
      name: 'POST /teams/:id/rosters',
      send: (http, w) =>
        http.post(`/teams/${w.teamId}/rosters`).send({ periodStart: '2026-11-30', periodEnd: '2026-11-23' }),
      expected: { ...MANAGE, admin: 400, coordinator: 400 },
    },
    {
      name: 'GET /teams/:id/rosters',
      send: (http, w) => http.get(`/teams/${w.teamId}/rosters`),
      expected: READ,
    },
    { name: 'GET /rosters/:id', send: (http, w) => http.get(`/rosters/${w.rosterId}`), expected: READ },
    {
      name: 'GET /rosters/:id/export',
      send: (http, w) => http.get(`/rosters/${w.rosterId}/export`),
      // Not computed yet: whoever may read it learns that (409); nobody else learns it exists.
      expected: { ...READ, admin: 409, coordinator: 409, caregiver: 409 },
    },
    {
      name: 'POST /organisations/:id/rosters',
      send: (http, w) =>
        http
          .post(`/organisations/${w.organisationId}/rosters`)
          .send({ periodStart: '2026-11-30', periodEnd: '2026-11-23' }),
      expected: { ...MANAGE, admin: 400, coordinator: 400 },
    },
    {
      name: 'GET /organisations/:id/roster-runs/:id',
      send: (http, w) => http.get(`/organisations/${w.organisationId}/roster-runs/${randomUUID()}`),
      expected: { ...MANAGE, admin: 404, coordinator: 404 },
    },

    {
      // A period that ends before it starts: whoever may start a plan for the team gets the 400.
      name: 'POST /teams/:id/roster-plans',
      send: (http, w) =>
        http
          .post(`/teams/${w.teamId}/roster-plans`)
          .send({ periodStart: '2026-11-30', periodEnd: '2026-11-23' }),
      expected: { ...READ, admin: 400, coordinator: 400, caregiver: 400 },
    },
    {
      name: 'GET /teams/:id/roster-plans',
      send: (http, w) => http.get(`/teams/${w.teamId}/roster-plans`),
      expected: READ,
    },
    {
      name: 'GET /teams/:id/published-roster',
      send: (http, w) => http.get(`/teams/${w.teamId}/published-roster`).query(WEEK),
      expected: READ,
    },
    // Check-ins: only a caregiver assigned in the published roster (the matrix visit is not
    // published, so the caregiver of the team is refused for that: 403).
    {
      name: 'POST /visits/:id/check-in',
      send: (http, w) => http.post(`/visits/${w.visitId}/check-in`).send({}),
      expected: CHECK_IN,
    },
    {
      name: 'POST /visits/:id/check-out',
      send: (http, w) => http.post(`/visits/${w.visitId}/check-out`).send({}),
      expected: CHECK_IN,
    },
    // A caregiver's own day: their own visits whatever the id (none here: the matrix visit is
    // not published); "I'm running late" only for their own published visit, as check-ins.
    {
      name: 'GET /users/me/day',
      send: (http) => http.get('/users/me/day'),
      expected: MY_DAY,
    },
    {
      name: 'POST /visits/:id/running-late',
      send: (http, w) => http.post(`/visits/${w.visitId}/running-late`).send({ minutes: 10 }),
      expected: CHECK_IN,
    },
    {
      name: 'POST /check-ins/:id/corrections',
      send: async (http, w) =>
        http
          .post(`/check-ins/${await freshCheckIn(w)}/corrections`)
          .send({ field: 'checkedOutAt', value: '2026-11-02T08:40:00Z', reason: 'forgot to check out' }),
      expected: OWN_AVAILABILITY,
    },
    // Payroll: coordinators manage; a caregiver reads their own timesheets only.
    {
      name: 'GET /organisations/:id/payroll-settings',
      send: (http, w) => http.get(`/organisations/${w.organisationId}/payroll-settings`),
      expected: MANAGE,
    },
    {
      name: 'PUT /organisations/:id/payroll-settings',
      send: (http, w) =>
        http
          .put(`/organisations/${w.organisationId}/payroll-settings`)
          .send({ frequency: 'monthly', anchorDate: '2026-01-01' }),
      expected: MANAGE,
    },
    // Webhooks: the organisation's coordinators manage its subscriptions; others' are not found.
    {
      name: 'POST /organisations/:id/webhook-subscriptions',
      send: (http, w) =>
        http
          .post(`/organisations/${w.organisationId}/webhook-subscriptions`)
          .send({ url: 'https://ecd.example.org/hooks', eventTypes: ['plan.published'] }),
      expected: MANAGE,
    },
    {
      name: 'GET /organisations/:id/webhook-subscriptions',
      send: (http, w) => http.get(`/organisations/${w.organisationId}/webhook-subscriptions`),
      expected: MANAGE,
    },
    {
      name: 'GET /organisations/:id/webhook-subscriptions/:id',
      send: async (http, w) =>
        http.get(`/organisations/${w.organisationId}/webhook-subscriptions/${await freshWebhook(w)}`),
      expected: MANAGE,
    },
    {
      name: 'PATCH /organisations/:id/webhook-subscriptions/:id',
      send: async (http, w) =>
        http
          .patch(`/organisations/${w.organisationId}/webhook-subscriptions/${await freshWebhook(w)}`)
          .send({ enabled: false }),
      expected: MANAGE,
    },
    {
      name: 'DELETE /organisations/:id/webhook-subscriptions/:id',
      send: async (http, w) =>
        http.delete(`/organisations/${w.organisationId}/webhook-subscriptions/${await freshWebhook(w)}`),
      expected: MANAGE,
    },
    {
      name: 'POST /organisations/:id/webhook-subscriptions/:id/rotate-secret',
      send: async (http, w) =>
        http.post(
          `/organisations/${w.organisationId}/webhook-subscriptions/${await freshWebhook(w)}/rotate-secret`,
        ),
      expected: MANAGE,
    },
    {
      name: 'GET /organisations/:id/webhook-subscriptions/:id/deliveries',
      send: async (http, w) =>
        http.get(
          `/organisations/${w.organisationId}/webhook-subscriptions/${await freshWebhook(w)}/deliveries`,
        ),
      expected: MANAGE,
    },
    {
      name: 'GET /organisations/:id/pay-periods',
      send: (http, w) =>
        http
          .get(`/organisations/${w.organisationId}/pay-periods`)
          .query({ from: '2026-01-01', to: '2026-12-31' }),
      expected: MANAGE,
    },
    {
      name: 'GET /pay-periods/:id/timesheets',
      send: (http, w) =>
        http.get('/pay-periods/2026-11-01/timesheets').query({ organisationId: w.organisationId }),
      expected: READ,
    },
    {
      name: 'POST /pay-periods/:id/approve',
      send: (http, w) =>
        http.post(`/pay-periods/${freshPayMonth()}/approve`).query({ organisationId: w.organisationId }),
      expected: MANAGE,
    },
    {
      name: 'POST /pay-periods/:id/lock',
      send: async (http, w) => {
        const month = freshPayMonth();
        await admin
          .post(`/pay-periods/${month}/approve`)
          .query({ organisationId: w.organisationId })
          .expect(200);
        return http.post(`/pay-periods/${month}/lock`).query({ organisationId: w.organisationId });
      },
      expected: MANAGE,
    },
    {
      name: 'GET /pay-periods/:id/export.csv',
      send: (http, w) =>
        http.get('/pay-periods/2026-11-01/export.csv').query({ organisationId: w.organisationId }),
      expected: MANAGE,
    },
    {
      name: 'GET /pay-periods/:id/export.json',
      send: (http, w) =>
        http.get('/pay-periods/2026-11-01/export.json').query({ organisationId: w.organisationId }),
      expected: MANAGE,
    },
    {
      name: 'GET /roster-plans/:id',
      send: (http, w) => http.get(`/roster-plans/${w.planId}`),
      expected: READ,
    },
    {
      name: 'GET /roster-plans/:id/versions',
      send: (http, w) => http.get(`/roster-plans/${w.planId}/versions`),
      expected: READ,
    },
    {
      // No version computed here: readers learn that (404 for the version); nobody else learns the plan exists.
      name: 'GET /roster-plans/:id/versions/:id',
      send: (http, w) => http.get(`/roster-plans/${w.planId}/versions/1`),
      expected: { ...READ, admin: 404, coordinator: 404, caregiver: 404 },
    },
    {
      name: 'GET /roster-plans/:id/diff',
      send: (http, w) => http.get(`/roster-plans/${w.planId}/diff`).query({ from: 1, to: 1 }),
      expected: { ...READ, admin: 404, coordinator: 404, caregiver: 404 },
    },
    {
      // No version computed here: readers learn that (409 plan.no-version); nobody else learns the plan exists.
      name: 'GET /roster-plans/:id/visits/:id/candidates',
      send: (http, w) => http.get(`/roster-plans/${w.planId}/visits/${w.visitId}/candidates`),
      expected: { ...READ, admin: 409, coordinator: 409, caregiver: 409 },
    },
    {
      name: 'GET /roster-plans/:id/events',
      send: (http, w) => http.get(`/roster-plans/${w.planId}/events`),
      expected: READ,
    },
    {
      name: 'GET /roster-plans/:id/amendments',
      send: (http, w) => http.get(`/roster-plans/${w.planId}/amendments`),
      expected: READ,
    },
    {
      name: 'POST /roster-plans/:id/review',
      send: (http, w) => http.post(`/roster-plans/${w.planId}/review`).set('If-Match', STALE).send({}),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/consents',
      send: (http, w) => http.post(`/roster-plans/${w.planId}/consents`).set('If-Match', STALE),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/consents (without If-Match)',
      send: (http, w) => http.post(`/roster-plans/${w.planId}/consents`),
      expected: { ...MEMBER, caregiver: 428 },
    },
    {
      name: 'POST /roster-plans/:id/objections',
      send: (http, w) =>
        http
          .post(`/roster-plans/${w.planId}/objections`)
          .set('If-Match', STALE)
          .send({ visitId: w.visitId, reason: 'cannot' }),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/objections/:id/withdraw',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/objections/${randomUUID()}/withdraw`).set('If-Match', STALE),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/pins',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/pins`).set('If-Match', STALE).send({ visitId: w.visitId }),
      expected: MEMBER,
    },
    {
      name: 'DELETE /roster-plans/:id/pins/:id',
      send: (http, w) => http.delete(`/roster-plans/${w.planId}/pins/${w.visitId}`).set('If-Match', STALE),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/claims',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/claims`).set('If-Match', STALE).send({ visitId: w.visitId }),
      expected: MEMBER,
    },
    {
      name: 'PUT /roster-plans/:id/assignments/:id',
      send: (http, w) =>
        http
          .put(`/roster-plans/${w.planId}/assignments/${w.visitId}`)
          .set('If-Match', STALE)
          .send({ caregiverIds: [w.caregiverId] }),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/offers',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/offers`).set('If-Match', STALE).send({ visitId: w.visitId }),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/offers/:id/accept',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/offers/${randomUUID()}/accept`).set('If-Match', STALE),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/offers/:id/decline',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/offers/${randomUUID()}/decline`).set('If-Match', STALE),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/recomputes',
      send: (http, w) => http.post(`/roster-plans/${w.planId}/recomputes`).set('If-Match', STALE),
      expected: MEMBER,
    },
    {
      name: 'POST /roster-plans/:id/publish',
      send: (http, w) => http.post(`/roster-plans/${w.planId}/publish`).set('If-Match', STALE),
      expected: MEMBER,
    },
    {
      // Members and coordinators record amendments (a sick call); the stale revision refuses it.
      name: 'POST /roster-plans/:id/amendments',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/amendments`).set('If-Match', STALE).send({
          caregiverId: w.caregiverId,
          from: '2026-11-24T00:00',
          to: '2026-11-25T00:00',
          reason: 'sick',
        }),
      expected: { ...READ, admin: 409, coordinator: 409, caregiver: 409 },
    },
    {
      // A colleague's absence: coordinators record it; a member only where the organisation allows it.
      name: 'POST /roster-plans/:id/amendments (a colleague)',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/amendments`).set('If-Match', STALE).send({
          caregiverId: w.colleagueId,
          from: '2026-11-24T00:00',
          to: '2026-11-25T00:00',
          reason: 'sick',
        }),
      expected: { ...READ, admin: 409, coordinator: 409, caregiver: 403 },
    },
    {
      name: 'POST /roster-plans/:id/amendments/:id/confirm',
      send: (http, w) =>
        http.post(`/roster-plans/${w.planId}/amendments/${randomUUID()}/confirm`).set('If-Match', STALE),
      expected: MEMBER,
    },

    { name: 'GET /users', send: (http) => http.get('/users'), expected: ADMIN_ONLY },
    {
      // A fresh member of team A each time, so that one call's disabling does not touch the next.
      name: 'POST /users/:id/disable',
      send: async (http, w) =>
        http.post(
          `/users/${(await signInAs(api, { role: 'caregiver', teamIds: [w.teamId] })).user.id}/disable`,
        ),
      expected: MANAGE,
    },
    {
      name: 'POST /users/:id/enable',
      send: async (http, w) =>
        http.post(
          `/users/${(await signInAs(api, { role: 'caregiver', teamIds: [w.teamId] })).user.id}/enable`,
        ),
      expected: MANAGE,
    },
    {
      name: 'POST /invitations/:id/revoke',
      send: async (http, w) => {
        const invitation = await admin
          .post('/invitations')
          .send({ kind: 'caregiver', email: `${unique('revoke')}@homecare.test`, teamId: w.teamId })
          .expect(201);
        return http.post(`/invitations/${invitation.body.id}/revoke`);
      },
      // A member sees their team's invitations but withdraws only their own, not a coordinator's.
      expected: { ...READ, caregiver: 403 },
    },
    {
      // A member's invitation into the team waits for a coordinator of the team's organisation.
      name: 'POST /invitations/:id/approve',
      send: async (http, w) => {
        const member = await signInAs(api, { role: 'caregiver', teamIds: [w.teamId] });
        const invitation = await member.http
          .post('/invitations')
          .send({ kind: 'caregiver', email: `${unique('approve')}@homecare.test`, teamId: w.teamId })
          .expect(201);
        return http.post(`/invitations/${invitation.body.id}/approve`);
      },
      expected: MANAGE,
    },
    {
      // The team's open invitations: for those who approve them, not for the members who send them.
      name: 'GET /teams/:id/invitations',
      send: (http, w) => http.get(`/teams/${w.teamId}/invitations`),
      expected: MANAGE,
    },
    { name: 'GET /users/me', send: (http) => http.get('/users/me'), expected: SIGNED_IN },
    // Everyone's own settings and feed: nobody can name another person's.
    {
      name: 'GET /users/me/notification-preferences',
      send: (http) => http.get('/users/me/notification-preferences'),
      expected: SIGNED_IN,
    },
    {
      name: 'PUT /users/me/notification-preferences',
      send: (http) => http.put('/users/me/notification-preferences').send({ dailyDigest: false }),
      expected: SIGNED_IN,
    },
    {
      name: 'GET /users/me/notifications',
      send: (http) => http.get('/users/me/notifications'),
      expected: SIGNED_IN,
    },
    {
      name: 'GET /users/me/notifications/unread-count',
      send: (http) => http.get('/users/me/notifications/unread-count'),
      expected: SIGNED_IN,
    },
    {
      name: 'POST /users/me/notifications/read',
      send: (http) => http.post('/users/me/notifications/read').send({ ids: [] }),
      expected: SIGNED_IN,
    },
    {
      name: 'POST /invitations (caregiver of the team)',
      send: (http, w) =>
        http
          .post('/invitations')
          .send({ kind: 'caregiver', email: `${unique('inv')}@homecare.test`, teamId: w.teamId }),
      expected: { ...READ },
    },
    {
      name: 'POST /invitations (family of the client)',
      send: (http, w) =>
        http
          .post('/invitations')
          .send({ kind: 'family', email: `${unique('inv')}@homecare.test`, clientId: w.clientId }),
      expected: { ...MANAGE },
    },
    {
      name: 'POST /invitations (coordinator of the organisation)',
      send: (http, w) =>
        http.post('/invitations').send({
          kind: 'coordinator',
          email: `${unique('inv')}@homecare.test`,
          organisationId: w.organisationId,
        }),
      expected: { ...MANAGE },
    },

    // Visit plans and calendar feeds: the family reads their linked client's published plan.
    {
      name: 'GET /clients/:id/visit-plan',
      send: (http, w) => http.get(`/clients/${w.clientId}/visit-plan`),
      expected: { ...READ, family: '2xx' },
    },
    {
      name: 'POST /clients/:id/calendar-feeds',
      send: (http, w) => http.post(`/clients/${w.clientId}/calendar-feeds`),
      expected: { ...READ, caregiver: 403, otherCaregiver: 403, family: '2xx' },
    },
    {
      name: 'POST /caregivers/:own/calendar-feeds',
      send: (http, w) => http.post(`/caregivers/${w.caregiverId}/calendar-feeds`),
      expected: READ,
    },
    {
      name: 'POST /caregivers/:colleague/calendar-feeds',
      send: (http, w) => http.post(`/caregivers/${w.colleagueId}/calendar-feeds`),
      expected: { ...READ, caregiver: 403 },
    },
    { name: 'GET /calendar-feeds', send: (http) => http.get('/calendar-feeds'), expected: SIGNED_IN },
    {
      // The administrator's own feed: revoked by its owner or a coordinator of the organisation.
      name: 'DELETE /calendar-feeds/:id',
      send: async (http, w) => {
        const feed = await admin.post(`/clients/${w.clientId}/calendar-feeds`).expect(201);
        return http.delete(`/calendar-feeds/${feed.body.id}`);
      },
      expected: { ...READ, caregiver: 404, family: 404 },
    },
    {
      // Public: the token is the credential, whoever sends it.
      name: 'GET /calendar/:id.ics',
      send: async (http, w) => {
        const feed = await admin.post(`/clients/${w.clientId}/calendar-feeds`).expect(201);
        return http.get(`/calendar/${feed.body.token}.ics`);
      },
      expected: { ...SIGNED_IN, anonymous: '2xx' },
    },
  ];
}

let api: TestApp;

describe('who may do what: the role × endpoint matrix', () => {
  let world: World;
  const agents = {} as Record<Caller, TestAgent>;

  beforeAll(async () => {
    api = await createTestApp();
    const admin = api.http;
    const organisation = (
      await admin
        .post('/organisations')
        .send({ name: unique('org-a') })
        .expect(201)
    ).body.id as string;
    const team = (
      await admin
        .post('/teams')
        .send({ organisationId: organisation, name: unique('team-a'), timezone: 'Europe/Amsterdam' })
        .expect(201)
    ).body.id as string;
    const otherOrganisation = (
      await admin
        .post('/organisations')
        .send({ name: unique('org-b') })
        .expect(201)
    ).body.id as string;
    const otherTeam = (
      await admin
        .post('/teams')
        .send({ organisationId: otherOrganisation, name: unique('team-b'), timezone: 'Europe/Amsterdam' })
        .expect(201)
    ).body.id as string;
    const colleague = (
      await admin
        .post(`/teams/${team}/caregivers`)
        .send({ firstName: 'Colleague', maxMinutesPerWeek: 1200 })
        .expect(201)
    ).body.id as string;
    const client = (await admin.post(`/teams/${team}/clients`).send(clientBody()).expect(201)).body
      .id as string;
    const careNeed = (await admin.post(`/clients/${client}/care-needs`).send(careNeedBody).expect(201)).body
      .id as string;
    const visit = (await admin.post(`/teams/${team}/visits`).send(visitBody(client)).expect(201)).body
      .id as string;
    await admin
      .put(`/caregivers/${colleague}/availability/pattern`)
      .send({ validFrom: '2026-11-23', windows: [{ weekday: 4, start: '07:00', end: '15:00' }] })
      .expect(200);

    // Queued, never computed here: enough to read it (and to be refused its export, 409).
    const roster = (
      await admin
        .post(`/teams/${team}/rosters`)
        .send({ periodStart: '2026-11-23', periodEnd: '2026-11-29' })
        .expect(202)
    ).body.rosterId as string;
    const caregiver = await signInAs(api, { role: 'caregiver', teamIds: [team] });
    // Its first proposal stays queued (no worker runs here): a plan to read and be refused on.
    const plan = (
      await admin
        .post(`/teams/${team}/roster-plans`)
        .send({ periodStart: '2026-11-23', periodEnd: '2026-11-29' })
        .expect(202)
    ).body.id as string;
    agents.anonymous = api.anonymous;
    agents.admin = admin;
    agents.coordinator = (await signInAs(api, { role: 'coordinator', organisationId: organisation })).http;
    agents.otherCoordinator = (
      await signInAs(api, { role: 'coordinator', organisationId: otherOrganisation })
    ).http;
    agents.caregiver = caregiver.http;
    agents.otherCaregiver = (await signInAs(api, { role: 'caregiver', teamIds: [otherTeam] })).http;
    agents.family = (await signInAs(api, { role: 'family', clientIds: [client] })).http;
    world = {
      organisationId: organisation,
      teamId: team,
      caregiverId: caregiver.caregiverIds[0],
      colleagueId: colleague,
      clientId: client,
      careNeedId: careNeed,
      visitId: visit,
      otherTeamId: otherTeam,
      rosterId: roster,
      planId: plan,
    };
  });
  afterAll(async () => {
    await api.close();
  });

  const table = () => endpoints(api.http);

  it('lists every route of the API', () => {
    const named = new Set(
      table().map((endpoint) => endpoint.name.split(' (')[0].replace(/:own|:colleague/g, ':id')),
    );
    const normalise = (route: string) => route.replace(/:[A-Za-z]+/g, ':id');
    const routes = new Set<string>();
    const router = (
      api.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    for (const layer of router.stack) {
      // Nest's routes only: not the OpenAPI pages nor the not-found catch-all.
      if (!layer.route || layer.route.path.startsWith('/docs') || layer.route.path.startsWith('/{')) continue;
      for (const method of Object.keys(layer.route.methods))
        routes.add(`${method.toUpperCase()} ${normalise(layer.route.path)}`);
    }
    const publicRoutes = [
      'GET /health',
      'POST /auth/login',
      'POST /auth/refresh',
      'POST /auth/logout',
      'GET /invitations/:id',
      'POST /invitations/:id/accept',
      // Asking always answers 202 (no account enumeration); test/email.e2e-spec.ts covers both.
      'POST /auth/password-reset',
      'POST /auth/password-reset/confirm',
      // Operators' figures, no personal data; its own METRICS_TOKEN (test/metrics.e2e-spec.ts).
      'GET /metrics',
    ];
    // Event streams run on: a roster's and a plan's are checked on their own below, the
    // notification stream (only ever the caller's own) in test/notifications.e2e-spec.ts.
    const elsewhere = [
      'GET /rosters/:id/events',
      'GET /roster-plans/:id/stream',
      'GET /users/me/notifications/stream',
    ];
    const missing = [...routes].filter(
      (route) => !named.has(route) && !publicRoutes.includes(route) && !elsewhere.includes(route),
    );
    expect(missing).toEqual([]);
  });

  for (const caller of CALLERS) {
    it(`answers ${caller} as the table says on every endpoint`, async () => {
      const mismatches: string[] = [];
      for (const endpoint of table()) {
        const { status } = await endpoint.send(agents[caller], world);
        const expected = endpoint.expected[caller];
        const ok = expected === '2xx' ? status >= 200 && status < 300 : status === expected;
        if (!ok) mismatches.push(`${endpoint.name}: expected ${expected}, got ${status}`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  describe('broken object-level authorization, case by case', () => {
    it('keeps a family member to their own client, and out of it once the link is revoked', async () => {
      const access = api.app.get(AccessService);
      const other = (await api.http.post(`/teams/${world.teamId}/clients`).send(clientBody()).expect(201))
        .body.id as string;
      const relative = await signInAs(api, { role: 'family', clientIds: [world.clientId] });
      const principal = principalOf(relative.user, 'test');
      await access.assertClients(principal, [world.clientId], 'read');
      // Changing the client id in the URL reveals nothing, not even existence.
      await expect(access.assertClients(principal, [other], 'read')).rejects.toMatchObject({
        kind: 'not-found',
      });
      await expect(access.assertClients(principal, [world.clientId], 'write')).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(access.assertTeams(principal, [world.teamId], 'read')).rejects.toMatchObject({
        kind: 'not-found',
      });
      // Every current endpoint is closed to family members, whatever the id.
      expectProblem(await relative.http.get(`/clients/${other}`), 403);
      expectProblem(await relative.http.get(`/clients/${world.clientId}`), 403);

      const links = (await api.http.get(`/clients/${world.clientId}/access-links`).expect(200)).body
        .items as { id: string; userId: string }[];
      const link = links.find((candidate) => candidate.userId === relative.user.id)!;
      await api.http.post(`/clients/${world.clientId}/access-links/${link.id}/revoke`).expect(200);
      await expect(access.assertClients(principal, [world.clientId], 'read')).rejects.toMatchObject({
        kind: 'not-found',
      });
    });

    it('keeps a caregiver of team A out of team B, for reading and writing', async () => {
      const otherCaregiver = (
        await api.http
          .post(`/teams/${world.otherTeamId}/caregivers`)
          .send({ firstName: 'B', maxMinutesPerWeek: 60 })
          .expect(201)
      ).body.id as string;
      expectProblem(await agents.caregiver.get(`/teams/${world.otherTeamId}`), 404);
      expectProblem(await agents.caregiver.get(`/teams/${world.otherTeamId}/clients`), 404);
      expectProblem(
        await agents.caregiver.post(`/caregivers/${otherCaregiver}/availability/windows`).send(nextSpan()),
        404,
      );
      expectProblem(
        await agents.caregiver
          .put(`/caregivers/${otherCaregiver}/availability/pattern`)
          .send({ validFrom: '2026-11-23', windows: [] }),
        404,
      );
      expectProblem(
        await agents.caregiver.post(`/teams/${world.otherTeamId}/clients`).send(clientBody()),
        403,
      );
      // Their own team they read, but do not change.
      expectProblem(await agents.caregiver.patch(`/teams/${world.teamId}`).send({ name: 'mine now' }), 403);
    });

    it("refuses a roster's event stream before it starts to whoever may not read the roster", async () => {
      expectProblem(await agents.anonymous.get(`/rosters/${world.rosterId}/events`), 401);
      expectProblem(await agents.family.get(`/rosters/${world.rosterId}/events`), 403);
      expectProblem(await agents.otherCaregiver.get(`/rosters/${world.rosterId}/events`), 404);
      expectProblem(await agents.otherCoordinator.get(`/rosters/${world.rosterId}/events`), 404);
    });

    it("refuses a plan's change stream before it starts to whoever may not read the plan", async () => {
      expectProblem(await agents.anonymous.get(`/roster-plans/${world.planId}/stream`), 401);
      expectProblem(await agents.family.get(`/roster-plans/${world.planId}/stream`), 403);
      expectProblem(await agents.otherCaregiver.get(`/roster-plans/${world.planId}/stream`), 404);
      expectProblem(await agents.otherCoordinator.get(`/roster-plans/${world.planId}/stream`), 404);
      expectProblem(await agents.caregiver.get(`/roster-plans/${randomUUID()}/stream`), 404);
    });

    it("refuses a caregiver's edit of a colleague's availability (403: they can see it)", async () => {
      const problem = expectProblem(
        await agents.caregiver
          .put(`/caregivers/${world.colleagueId}/availability/pattern`)
          .set('Accept-Language', 'en')
          .send({ validFrom: '2026-11-23', windows: [] }),
        403,
      );
      expect(problem.detail).toMatch(/not change/);
      const pattern = await agents.caregiver
        .get(`/caregivers/${world.colleagueId}/availability/pattern`)
        .expect(200);
      expect(pattern.body.windows).not.toEqual([]);
    });

    it("keeps a coordinator of organisation B out of organisation A's teams", async () => {
      expectProblem(await agents.otherCoordinator.get(`/teams/${world.teamId}`), 404);
      expectProblem(await agents.otherCoordinator.get(`/organisations/${world.organisationId}`), 404);
      expectProblem(
        await agents.otherCoordinator.get('/teams').query({ organisationId: world.organisationId }),
        404,
      );
      expectProblem(
        await agents.otherCoordinator
          .post('/teams')
          .send({ organisationId: world.organisationId, name: 'x', timezone: 'Europe/Amsterdam' }),
        404,
      );
      expectProblem(await agents.otherCoordinator.get(`/clients/${world.clientId}`), 404);
      expectProblem(await agents.otherCoordinator.get(`/visits/${world.visitId}`), 404);
      // The same answer as for an id that does not exist at all.
      const missing = expectProblem(await agents.otherCoordinator.get(`/teams/${randomUUID()}`), 404);
      const hidden = expectProblem(await agents.otherCoordinator.get(`/teams/${world.teamId}`), 404);
      expect(Object.keys(hidden).sort()).toEqual(Object.keys(missing).sort());
      expect(hidden.title).toBe(missing.title);
    });

    it('lets a coordinator import only into their own organisation', async () => {
      const scenario = {
        ...generateScenario({ seed: 4, caregivers: 2, clients: 2, days: 1 }),
        name: unique('own-import'),
      };
      const imported = await agents.coordinator.post('/teams/import').send(scenario).expect(201);
      expect(imported.body.organisationId).toBe(world.organisationId);
    });
  });

  describe('lists show only what the caller may see', () => {
    const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

    it('GET /teams: the organisation for a coordinator, their own teams for a caregiver', async () => {
      const coordinator = await agents.coordinator.get('/teams').query({ limit: 200 }).expect(200);
      expect(ids(coordinator.body)).toContain(world.teamId);
      expect(ids(coordinator.body)).not.toContain(world.otherTeamId);
      const teams = await api.app
        .get(DataSource)
        .query<{ organisation_id: string }[]>(
          'SELECT DISTINCT organisation_id FROM team WHERE id = ANY($1)',
          [ids(coordinator.body)],
        );
      expect(teams).toEqual([{ organisation_id: world.organisationId }]);

      const caregiver = await agents.caregiver.get('/teams').expect(200);
      expect(ids(caregiver.body)).toEqual([world.teamId]);
      expect(caregiver.body.total).toBe(1);
      const other = await agents.otherCaregiver.get('/teams').expect(200);
      expect(ids(other.body)).toEqual([world.otherTeamId]);
    });

    it('GET /organisations: their own for coordinators and caregivers, all for the administrator', async () => {
      expect(ids((await agents.coordinator.get('/organisations').expect(200)).body)).toEqual([
        world.organisationId,
      ]);
      expect(ids((await agents.caregiver.get('/organisations').expect(200)).body)).toEqual([
        world.organisationId,
      ]);
      const all = await api.http.get('/organisations').query({ limit: 200 }).expect(200);
      expect(all.body.total).toBeGreaterThanOrEqual(2);
    });

    it('a caregiver in two teams (two Caregiver rows) sees both', async () => {
      const both = await signInAs(api, { role: 'caregiver', teamIds: [world.teamId, world.otherTeamId] });
      expect(ids((await both.http.get('/teams').expect(200)).body).sort()).toEqual(
        [world.teamId, world.otherTeamId].sort(),
      );
      expect((await both.http.get('/organisations').expect(200)).body.total).toBe(2);
    });
  });

  describe("a client's access log", () => {
    it('records who read or changed the client, through which route, for coordinators to read', async () => {
      const coordinator = await signInAs(api, { role: 'coordinator', organisationId: world.organisationId });
      const caregiver = await signInAs(api, { role: 'caregiver', teamIds: [world.teamId] });
      await caregiver.http.get(`/clients/${world.clientId}`).expect(200);
      await coordinator.http.patch(`/clients/${world.clientId}`).send({ notes: 'ring twice' }).expect(200);
      await caregiver.http.get(`/visits/${world.visitId}`).expect(200);
      const log = await coordinator.http
        .get(`/clients/${world.clientId}/access-log`)
        .query({ limit: 200 })
        .expect(200);
      expect(log.body).toMatchObject({ limit: 200, offset: 0, total: expect.any(Number) });
      expect(log.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            userId: caregiver.user.id,
            clientId: world.clientId,
            action: 'read',
            route: 'GET /clients/:clientId',
            at: expect.any(String),
          }),
          expect.objectContaining({
            userId: coordinator.user.id,
            action: 'write',
            route: 'PATCH /clients/:clientId',
          }),
          expect.objectContaining({
            userId: caregiver.user.id,
            action: 'read',
            route: 'GET /visits/:visitId',
          }),
        ]),
      );
      // Values never go into the log: ids and route patterns only.
      expect(JSON.stringify(log.body)).not.toContain('ring twice');
      expectProblem(await caregiver.http.get(`/clients/${world.clientId}/access-log`), 403);
    });
  });
});
