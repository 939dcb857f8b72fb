import { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent';
import type Redis from 'ioredis';
import { REDIS } from '@homecare/core/redis';
import { UserAccount } from '@homecare/database';
import {
  createTeam,
  createTestApp,
  expectProblem,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
  type TestUser,
  unique,
} from './support/test-app';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const clientBody = () => ({ name: unique('client'), address: 'Straat 1', latitude: 52.36, longitude: 4.9 });

/**
 * Access follows membership: a caregiver whose row in a team is deactivated (the documented
 * offboarding, `PATCH /caregivers/:id {active:false}`) loses everything of that team from the next
 * request on, and an account that is disabled, or a sign-in that ended, stops working at once.
 */
describe('access follows active membership', () => {
  let api: TestApp;
  let dataSource: DataSource;
  let organisationId: string;
  let teamId: string;
  let otherTeamId: string;
  let clientId: string;
  let careNeedId: string;
  let visitId: string;
  let rosterId: string;
  let address = 0;
  const fromNewAddress = () => `203.0.113.${++address}`;

  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
    ({ organisationId, teamId } = await createTeam(api.http));
    otherTeamId = (
      await api.http
        .post('/teams')
        .send({ organisationId, name: unique('team'), timezone: 'Europe/Amsterdam' })
        .expect(201)
    ).body.id;
    clientId = (await api.http.post(`/teams/${teamId}/clients`).send(clientBody()).expect(201)).body.id;
    careNeedId = (
      await api.http
        .post(`/clients/${clientId}/care-needs`)
        .send({
          weekdays: [1, 3],
          windowStart: '08:00',
          windowEnd: '10:00',
          durationMinutes: 30,
          startsOn: '2026-11-23',
        })
        .expect(201)
    ).body.id;
    visitId = (
      await api.http
        .post(`/teams/${teamId}/visits`)
        .send({
          clientId,
          earliestStart: '2026-11-24T09:00',
          latestEnd: '2026-11-24T11:00',
          durationMinutes: 30,
        })
        .expect(201)
    ).body.id;
    rosterId = (
      await api.http
        .post(`/teams/${teamId}/rosters`)
        .send({ periodStart: '2026-11-23', periodEnd: '2026-11-29' })
        .expect(202)
    ).body.rosterId;
  });
  afterAll(async () => {
    await api.close();
  });

  /** Every read of the team's data a member makes. */
  const reads = (http: TestAgent) => ({
    'GET /teams/:id': () => http.get(`/teams/${teamId}`),
    'GET /teams/:id/clients': () => http.get(`/teams/${teamId}/clients`),
    'GET /clients/:id': () => http.get(`/clients/${clientId}`),
    'GET /clients/:id/care-needs': () => http.get(`/clients/${clientId}/care-needs`),
    'GET /care-needs/:id': () => http.get(`/care-needs/${careNeedId}`),
    'GET /teams/:id/visits': () => http.get(`/teams/${teamId}/visits`).query(WEEK),
    'GET /visits/:id': () => http.get(`/visits/${visitId}`),
    'GET /clients/:id/visit-plan': () => http.get(`/clients/${clientId}/visit-plan`),
    'GET /teams/:id/caregivers': () => http.get(`/teams/${teamId}/caregivers`),
    'GET /teams/:id/rosters': () => http.get(`/teams/${teamId}/rosters`),
    'GET /rosters/:id': () => http.get(`/rosters/${rosterId}`),
    'GET /teams/:id/published-roster': () => http.get(`/teams/${teamId}/published-roster`).query(WEEK),
    'GET /teams/:id/availability': () => http.get(`/teams/${teamId}/availability`).query(WEEK),
  });

  async function statuses(http: TestAgent): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const [name, send] of Object.entries(reads(http))) result[name] = (await send()).status;
    return result;
  }

  const all = (status: number) =>
    Object.fromEntries(Object.keys(reads(api.http)).map((name) => [name, status]));

  it('a deactivated caregiver reads nothing more of the team, while their other team stays theirs', async () => {
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId, otherTeamId] });
    const [rowHere, rowThere] = member.caregiverIds;
    expect(await statuses(member.http)).toEqual(all(200));
    const teams = await member.http.get('/teams').expect(200);
    expect(teams.body.items.map((team: { id: string }) => team.id).sort()).toEqual(
      [teamId, otherTeamId].sort(),
    );

    await api.http.patch(`/caregivers/${rowHere}`).send({ active: false }).expect(200);

    expect(await statuses(member.http)).toEqual(all(404));
    expectProblem(await member.http.get(`/caregivers/${rowHere}`), 404);
    const after = await member.http.get('/teams').expect(200);
    expect(after.body.items.map((team: { id: string }) => team.id)).toEqual([otherTeamId]);
    // The other team, where they are still active, is unchanged.
    await member.http.get(`/teams/${otherTeamId}`).expect(200);
    await member.http.get(`/caregivers/${rowThere}`).expect(200);

    // Back in the team: back to its data.
    await api.http.patch(`/caregivers/${rowHere}`).send({ active: true }).expect(200);
    expect(await statuses(member.http)).toEqual(all(200));
  });

  it('a deactivated caregiver cannot invite, and an invitation they sent earlier no longer lets anyone in', async () => {
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    const earlier = await member.http
      .post('/invitations')
      .send({ kind: 'caregiver', email: `${unique('outsider')}@homecare.test`, teamId })
      .expect(201);
    // Approved while the member was still active: the approval does not outlive their membership.
    await api.http.post(`/invitations/${earlier.body.id}/approve`).expect(200);

    await api.http.patch(`/caregivers/${member.caregiverIds[0]}`).send({ active: false }).expect(200);

    expectProblem(
      await member.http
        .post('/invitations')
        .send({ kind: 'caregiver', email: `${unique('outsider')}@homecare.test`, teamId }),
      404,
    );
    const accepted = await api.anonymous
      .post(`/invitations/${earlier.body.token}/accept`)
      .set('X-Forwarded-For', fromNewAddress())
      .send({ password: TEST_PASSWORD, name: 'Out Sider' });
    expect(expectProblem(accepted, 403).code).toBe('invitation.inviter-not-member');
    // Nobody joined.
    const rows = await dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM user_account WHERE email = $1',
      [earlier.body.email],
    );
    expect(rows[0].count).toBe(0);
  });

  it("a deactivated caregiver's own calendar feed stops answering", async () => {
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    const feed = await member.http.post(`/caregivers/${member.caregiverIds[0]}/calendar-feeds`).expect(201);
    await api.anonymous.get(`/calendar/${feed.body.token}.ics`).expect(200);

    await api.http.patch(`/caregivers/${member.caregiverIds[0]}`).send({ active: false }).expect(200);

    expectProblem(await api.anonymous.get(`/calendar/${feed.body.token}.ics`), 404);
  });

  describe('disabling an account', () => {
    let coordinator: TestUser;
    beforeAll(async () => {
      coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    });

    it('ends its sign-ins at once, refuses its sign-in and its feeds, and enabling lets it sign in again', async () => {
      const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
      const feed = await member.http.post(`/caregivers/${member.caregiverIds[0]}/calendar-feeds`).expect(201);
      await member.http.get('/users/me').expect(200);

      const disabled = await coordinator.http.post(`/users/${member.user.id}/disable`).expect(200);
      expect(disabled.body).toMatchObject({ id: member.user.id, disabledAt: expect.any(String) });

      // At once, not after the account cache heard of it, nor after the token expired.
      expectProblem(await member.http.get('/users/me'), 401);
      expectProblem(await member.http.get(`/clients/${clientId}`), 401);
      expectProblem(
        await api.anonymous.post('/auth/refresh').send({ refreshToken: member.refreshToken }),
        401,
      );
      expectProblem(await api.anonymous.get(`/calendar/${feed.body.token}.ics`), 404);
      const login = await api.anonymous
        .post('/auth/login')
        .set('X-Forwarded-For', fromNewAddress())
        .send({ email: member.user.email, password: TEST_PASSWORD });
      expect(expectProblem(login, 403).code).toBe('account.disabled');
      // A wrong password says nothing of the account's state.
      const wrong = await api.anonymous
        .post('/auth/login')
        .set('X-Forwarded-For', fromNewAddress())
        .send({ email: member.user.email, password: 'not-the-password-at-all' });
      expect(expectProblem(wrong, 401).code).toBe('auth.wrong-credentials');

      const enabled = await coordinator.http.post(`/users/${member.user.id}/enable`).expect(200);
      expect(enabled.body.disabledAt).toBeNull();
      // What ended stays ended; a new sign-in works.
      expectProblem(await member.http.get('/users/me'), 401);
      const again = await api.anonymous
        .post('/auth/login')
        .set('X-Forwarded-For', fromNewAddress())
        .send({ email: member.user.email, password: TEST_PASSWORD })
        .expect(200);
      await api.as(again.body.accessToken).get(`/clients/${clientId}`).expect(200);
      await api.anonymous.get(`/calendar/${feed.body.token}.ics`).expect(200);
    });

    it('is for administrators and the coordinators of the account’s organisation only', async () => {
      const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
      const other = await signInAs(api, {
        role: 'coordinator',
        organisationId: (await createTeam(api.http)).organisationId,
      });
      // Out of reach: not found, as for an account that does not exist.
      expectProblem(await other.http.post(`/users/${member.user.id}/disable`), 404);
      expectProblem(await member.http.post(`/users/${coordinator.user.id}/disable`), 403);
      const admin = await dataSource.getRepository(UserAccount).findOneByOrFail({ role: 'administrator' });
      expectProblem(await coordinator.http.post(`/users/${admin.id}/disable`), 404);
      // Nobody disables themselves.
      expect(
        expectProblem(await coordinator.http.post(`/users/${coordinator.user.id}/disable`), 409).code,
      ).toBe('account.self-disable');
      // An account that works for another organisation too is the administrators' to disable.
      const shared = await signInAs(api, {
        role: 'caregiver',
        teamIds: [teamId, (await createTeam(api.http)).teamId],
      });
      expect(expectProblem(await coordinator.http.post(`/users/${shared.user.id}/disable`), 403).code).toBe(
        'account.other-organisation',
      );
      await api.http.post(`/users/${shared.user.id}/disable`).expect(200);
      await member.http.get('/users/me').expect(200);
    });
  });

  it('signing out ends the access token too, at once', async () => {
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    const second = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    await member.http.get(`/clients/${clientId}`).expect(200);
    await api.anonymous.post('/auth/logout').send({ refreshToken: member.refreshToken }).expect(204);
    expectProblem(await member.http.get(`/clients/${clientId}`), 401);
    // Another sign-in is not touched.
    await second.http.get(`/clients/${clientId}`).expect(200);
  });

  it('a refresh token used twice ends the access tokens of that sign-in', async () => {
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    const refreshed = await api.anonymous
      .post('/auth/refresh')
      .send({ refreshToken: member.refreshToken })
      .expect(200);
    const current = api.as(refreshed.body.accessToken);
    await current.get('/users/me').expect(200);
    // The stolen copy comes back: the whole sign-in ends, including the access token just issued.
    expectProblem(await api.anonymous.post('/auth/refresh').send({ refreshToken: member.refreshToken }), 401);
    expectProblem(await current.get('/users/me'), 401);
  });

  it('without Redis the database still answers whether a sign-in ended', async () => {
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    await member.http.get('/users/me').expect(200);
    await api.anonymous.post('/auth/logout').send({ refreshToken: member.refreshToken }).expect(204);
    // Redis forgot (a restart without persistence): the database still says the sign-in ended.
    const redis = api.app.get<Redis>(REDIS);
    const keys = await redis.keys('*:session:*');
    if (keys.length > 0) await redis.del(...keys);
    expectProblem(await member.http.get('/users/me'), 401);
  });
});
