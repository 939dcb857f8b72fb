import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TEST_JWT_SECRET } from './support/test-env';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { machineTime, validateEnvironment } from '@homecare/common';
import { AuthService } from '@homecare/core/auth';
import { Invitation, UserAccount } from '@homecare/database';
import express from 'express';
import request from 'supertest';
import { administratorOnly } from '../apps/api/src/auth/administrator-only.middleware';
import { ALLOWED_ROLES, IS_PUBLIC } from '../apps/api/src/auth/auth.decorators';
import { waitFor } from './support/processes';
import { createTeam, createTestApp, expectProblem, signInAs, type TestApp, unique } from './support/test-app';

const ISSUER = 'homecare-roster';
const AUDIENCE = 'homecare-roster-api';

const base64url = (value: object | string): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, so that every field can be wrong on purpose. */
function forge(header: object, payload: object, key: string | null = TEST_JWT_SECRET): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return key === null
    ? `${unsigned}.`
    : `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

describe('accounts and sign-in', () => {
  let api: TestApp;
  let adminId: string;
  beforeAll(async () => {
    api = await createTestApp();
    adminId = (
      await api.app.get(DataSource).getRepository(UserAccount).findOneByOrFail({ email: TEST_ADMIN_EMAIL })
    ).id;
  });
  afterAll(async () => {
    await api.close();
  });

  /** Each test signs in from an address of its own, so that the per-IP limit of one does not touch another. */
  let addressCounter = 0;
  const fromNewAddress = () => `198.51.100.${++addressCounter}`;

  it('signs the bootstrap administrator in and answers who they are', async () => {
    const login = await api.anonymous
      .post('/auth/login')
      .set('X-Forwarded-For', fromNewAddress())
      .send({ email: TEST_ADMIN_EMAIL.toUpperCase(), password: TEST_ADMIN_PASSWORD })
      .expect(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
      user: {
        id: adminId,
        email: TEST_ADMIN_EMAIL,
        name: 'Administrator',
        role: 'administrator',
        organisationId: null,
        disabledAt: null,
      },
    });
    expect(JSON.stringify(login.body)).not.toMatch(/argon2|passwordHash/);
    const [header] = login.body.accessToken.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    const me = await api.as(login.body.accessToken).get('/users/me').expect(200);
    expect(me.body).toMatchObject({ id: adminId, role: 'administrator' });
  });

  it("answers a caregiver's teams and a family member's clients, and nobody else's", async () => {
    const first = await createTeam(api.http);
    const second = await createTeam(api.http);
    const caregiver = await signInAs(api, { role: 'caregiver', teamIds: [first.teamId, second.teamId] });
    const client = await api.http
      .post(`/teams/${first.teamId}/clients`)
      .send({ name: unique('Mevrouw'), address: 'Straat 1', latitude: 52.36, longitude: 4.9 })
      .expect(201);
    const family = await signInAs(api, { role: 'family', clientIds: [client.body.id] });
    // Someone else's links never show.
    await signInAs(api, { role: 'family', clientIds: [client.body.id] });

    const mine = (await caregiver.http.get('/users/me').expect(200)).body;
    expect(mine.clients).toEqual([]);
    expect(mine.caregivers).toHaveLength(2);
    expect(mine.caregivers.map((row: { teamId: string }) => row.teamId).sort()).toEqual(
      [first.teamId, second.teamId].sort(),
    );
    expect(mine.caregivers.map((row: { id: string }) => row.id).sort()).toEqual(
      [...caregiver.caregiverIds].sort(),
    );
    expect(mine.caregivers[0]).toEqual({
      id: expect.any(String),
      teamId: expect.any(String),
      teamName: expect.any(String),
      firstName: 'Member',
    });

    const theirs = (await family.http.get('/users/me').expect(200)).body;
    expect(theirs.caregivers).toEqual([]);
    expect(theirs.clients).toEqual([{ id: client.body.id, name: client.body.name, teamId: first.teamId }]);

    // A revoked link is gone at once.
    await api.app
      .get(DataSource)
      .query('UPDATE client_access_link SET revoked_at = now() WHERE user_id = $1', [family.user.id]);
    expect((await family.http.get('/users/me').expect(200)).body.clients).toEqual([]);
  });

  it('creates the bootstrap administrator once, however many instances start at once', async () => {
    const auth = api.app.get(AuthService);
    const created = await Promise.all(
      Array.from({ length: 4 }, () => auth.ensureBootstrapAdmin(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD)),
    );
    expect(created).toEqual([false, false, false, false]);
    expect(
      await api.app.get(DataSource).getRepository(UserAccount).countBy({ email: TEST_ADMIN_EMAIL }),
    ).toBe(1);
  });

  it('answers an unknown email exactly like a wrong password, in comparable time', async () => {
    const address = fromNewAddress();
    const timed = async (email: string) => {
      const started = process.hrtime.bigint();
      const response = await api.anonymous
        .post('/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email, password: 'not the password at all' });
      return { response, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const wrong = [await timed(TEST_ADMIN_EMAIL), await timed(TEST_ADMIN_EMAIL)];
    const unknown = [
      await timed(`${unique('nobody')}@homecare.test`),
      await timed(`${unique('nobody')}@homecare.test`),
    ];
    for (const { response } of [...wrong, ...unknown]) {
      expectProblem(response, 401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown[0].response.body)).toEqual(strip(wrong[0].response.body));
    // Both verify an Argon2id hash: an unknown email is not answered in a fraction of the time.
    const fastest = (runs: { ms: number }[]) => Math.min(...runs.map((run) => run.ms));
    expect(fastest(unknown)).toBeGreaterThan(fastest(wrong) * 0.3);
  });

  it('rotates refresh tokens, and a reused one ends the whole sign-in', async () => {
    const login = await api.anonymous
      .post('/auth/login')
      .set('X-Forwarded-For', fromNewAddress())
      .send({ email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD })
      .expect(200);
    const first = login.body.refreshToken as string;
    const second = await api.anonymous.post('/auth/refresh').send({ refreshToken: first }).expect(200);
    expect(second.body.refreshToken).not.toBe(first);
    await api.as(second.body.accessToken).get('/users/me').expect(200);
    // The first token comes back: someone holds a copy. Both it and its successor stop working.
    expectProblem(await api.anonymous.post('/auth/refresh').send({ refreshToken: first }), 401);
    expectProblem(
      await api.anonymous.post('/auth/refresh').send({ refreshToken: second.body.refreshToken }),
      401,
    );
  });

  it('revokes the sign-in at logout', async () => {
    const login = await api.anonymous
      .post('/auth/login')
      .set('X-Forwarded-For', fromNewAddress())
      .send({ email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD })
      .expect(200);
    await api.anonymous.post('/auth/logout').send({ refreshToken: login.body.refreshToken }).expect(204);
    expectProblem(
      await api.anonymous.post('/auth/refresh').send({ refreshToken: login.body.refreshToken }),
      401,
    );
    await api.anonymous
      .post('/auth/logout')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(204);
  });

  it('limits sign-in attempts per IP address and per email address (429 problem+json)', async () => {
    const address = fromNewAddress();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expectProblem(
        await api.anonymous
          .post('/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email: `${unique('a')}@homecare.test`, password: 'wrong password' }),
        401,
      );
    }
    expectProblem(
      await api.anonymous
        .post('/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD }),
      429,
    );

    const email = `${unique('target')}@homecare.test`;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expectProblem(
        await api.anonymous
          .post('/auth/login')
          .set('X-Forwarded-For', fromNewAddress())
          .send({ email, password: 'wrong password' }),
        401,
      );
    }
    const blocked = await api.anonymous
      .post('/auth/login')
      .set('X-Forwarded-For', fromNewAddress())
      .set('Accept-Language', 'en')
      .send({ email: email.toUpperCase(), password: 'wrong password' });
    expect(expectProblem(blocked, 429).detail).toMatch(/wait/);
  });

  describe('refuses forged and broken access tokens (RFC 8725)', () => {
    const now = () => Math.floor(machineTime.nowMs() / 1000);
    const claims = () => ({
      sub: adminId,
      role: 'administrator',
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now(),
      exp: now() + 600,
      jti: randomUUID(),
    });
    const header = { alg: 'HS256', typ: 'at+jwt' };

    it('accepts a well-formed token (the control case)', async () => {
      await api.as(forge(header, claims())).get('/users/me').expect(200);
    });

    it.each([
      ['alg none, unsigned', () => forge({ alg: 'none', typ: 'at+jwt' }, claims(), null)],
      ['alg none with a signature', () => forge({ alg: 'none', typ: 'at+jwt' }, claims())],
      ['another algorithm (HS512 header)', () => forge({ alg: 'HS512', typ: 'at+jwt' }, claims())],
      ['a wrong key', () => forge(header, claims(), 'another-key-that-is-long-enough-0123456789')],
      ['a wrong audience', () => forge(header, { ...claims(), aud: 'some-other-api' })],
      ['a wrong issuer', () => forge(header, { ...claims(), iss: 'someone-else' })],
      ['an expired token', () => forge(header, { ...claims(), iat: now() - 1200, exp: now() - 300 })],
      ['no expiry', () => forge(header, { ...claims(), exp: undefined })],
      ['a wrong typ (an ID token)', () => forge({ alg: 'HS256', typ: 'JWT' }, claims())],
      ['a subject that is no user', () => forge(header, { ...claims(), sub: randomUUID() })],
      [
        'a tampered payload',
        () => {
          const [head, , signature] = forge(header, claims()).split('.');
          return `${head}.${base64url({ ...claims(), sub: randomUUID(), role: 'administrator' })}.${signature}`;
        },
      ],
      ['garbage', () => 'not-a-token'],
    ])('refuses %s with 401', async (_name, token) => {
      const response = await api.as(token()).get('/users/me');
      expectProblem(response, 401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('refuses a token without the Bearer scheme and a request without a token', async () => {
      expectProblem(
        await api.anonymous.get('/users/me').set('Authorization', `Basic ${base64url('a:b')}`),
        401,
      );
      expectProblem(await api.anonymous.get('/teams'), 401);
    });

    it('stops honouring a valid token once the account is disabled', async () => {
      const coordinator = await signInAs(api, {
        role: 'coordinator',
        organisationId: (await createTeam(api.http)).organisationId,
      });
      await coordinator.http.get('/users/me').expect(200);
      await api.app
        .get(DataSource)
        .getRepository(UserAccount)
        .update({ id: coordinator.user.id }, { disabledAt: machineTime.now() });
      // The API forgets the account when Postgres's notification of the change reaches it
      // (AccountCache): within milliseconds, not inside the UPDATE's own transaction.
      await waitFor(
        'the disabled account to be refused',
        async () => (await coordinator.http.get('/users/me')).status === 401,
        2000,
        5,
      );
      expectProblem(await coordinator.http.get('/users/me'), 401);
      expectProblem(
        await api.anonymous.post('/auth/refresh').send({ refreshToken: coordinator.refreshToken }),
        401,
      );
    });
  });

  it('has every route declare who may call it (@Allow or @Public)', () => {
    const reflector = api.app.get(Reflector);
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    let routes = 0;
    for (const wrapper of new DiscoveryService(api.app.get(ModulesContainer)).getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = instance[name] as (...args: unknown[]) => unknown;
        if (reflector.get<RequestMethod | undefined>('method', handler) === undefined) continue;
        routes += 1;
        const targets = [handler, wrapper.metatype];
        if (
          !reflector.getAllAndOverride(IS_PUBLIC, targets) &&
          !reflector.getAllAndOverride(ALLOWED_ROLES, targets)
        )
          undeclared.push(`${wrapper.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThan(50);
    expect(undeclared).toEqual([]);
  });

  it('keeps health public and everything else closed to anonymous callers', async () => {
    await api.anonymous.get('/health').expect(200);
    await api.anonymous.get('/docs-json').expect(200);
    expectProblem(await api.anonymous.get('/organisations'), 401);
  });

  it('opens the queue dashboard to administrators only (access token, or email and password for a browser)', async () => {
    const board = express();
    board.set('trust proxy', 'loopback');
    board.use(
      '/admin/queues',
      administratorOnly(api.app.get(AuthService), 'queues'),
      (_request, response) => void response.send('board'),
    );
    const http = request(board);
    const basic = (email: string, password: string) =>
      `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

    const anonymous = await http.get('/admin/queues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="queues"/);
    const { accessToken } = await api.app
      .get(AuthService)
      .signIn(await api.app.get(DataSource).getRepository(UserAccount).findOneByOrFail({ id: adminId }));
    await http.get('/admin/queues').set('Authorization', `Bearer ${accessToken}`).expect(200, 'board');
    await http
      .get('/admin/queues')
      .set('Authorization', basic(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD))
      .expect(200, 'board');
    const coordinator = await signInAs(api, {
      role: 'coordinator',
      organisationId: (await createTeam(api.http)).organisationId,
    });
    expect(
      (await http.get('/admin/queues').set('Authorization', `Bearer ${coordinator.accessToken}`)).status,
    ).toBe(401);
    expect(
      (
        await http
          .get('/admin/queues')
          .set('Authorization', basic(coordinator.user.email, 'a-long-enough-test-password'))
      ).status,
    ).toBe(401);
    const address = fromNewAddress();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(
        (
          await http
            .get('/admin/queues')
            .set('X-Forwarded-For', address)
            .set('Authorization', basic(TEST_ADMIN_EMAIL, 'wrong'))
        ).status,
      ).toBe(401);
    }
    expect(
      (
        await http
          .get('/admin/queues')
          .set('X-Forwarded-For', address)
          .set('Authorization', basic(TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD))
      ).status,
    ).toBe(429);
  });

  describe('invitations', () => {
    it('lets a coordinator invite a family member, who sees only first names, accepts once and signs in', async () => {
      const { organisationId, teamId } = await createTeam(api.http);
      const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
      const client = await coordinator.http
        .post(`/teams/${teamId}/clients`)
        .send({ name: 'Johanna van Dijk', address: 'Dorpsstraat 1', latitude: 52.1, longitude: 5.1 })
        .expect(201);
      const email = `${unique('daughter')}@homecare.test`;
      const invitation = await coordinator.http
        .post('/invitations')
        .send({ kind: 'family', email, clientId: client.body.id, relation: 'daughter' })
        .expect(201);
      expect(invitation.body).toMatchObject({
        kind: 'family',
        clientId: client.body.id,
        token: expect.any(String),
        expiresAt: expect.any(String),
      });
      const days = (Date.parse(invitation.body.expiresAt) - machineTime.nowMs()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThan(7.1);
      const stored = await api.app
        .get(DataSource)
        .getRepository(Invitation)
        .findOneByOrFail({ id: invitation.body.id });
      expect(stored.tokenHash).not.toContain(invitation.body.token);

      const preview = await api.anonymous.get(`/invitations/${invitation.body.token}`).expect(200);
      expect(preview.body).toEqual({
        kind: 'family',
        expiresAt: invitation.body.expiresAt,
        inviterFirstName: 'coordinator',
        teamName: null,
        clientFirstName: 'Johanna',
        organisationName: null,
      });
      expect(JSON.stringify(preview.body)).not.toMatch(/van Dijk|Dorpsstraat|@/);

      expectProblem(
        await api.anonymous.post(`/invitations/${invitation.body.token}/accept`).send({ password: 'short' }),
        400,
      );
      const accepted = await api.anonymous
        .post(`/invitations/${invitation.body.token}/accept`)
        .send({ password: 'a family password', name: 'Anna van Dijk' })
        .expect(200);
      expect(accepted.body.user).toMatchObject({ email, role: 'family', name: 'Anna van Dijk' });
      // One time only.
      expectProblem(
        await api.anonymous
          .post(`/invitations/${invitation.body.token}/accept`)
          .send({ password: 'a family password' }),
        404,
      );
      expectProblem(await api.anonymous.get(`/invitations/${invitation.body.token}`), 404);

      const login = await api.anonymous
        .post('/auth/login')
        .set('X-Forwarded-For', fromNewAddress())
        .send({ email, password: 'a family password' })
        .expect(200);
      // Every current endpoint is closed to family members (the published visit plan comes later).
      expectProblem(await api.as(login.body.accessToken).get(`/clients/${client.body.id}`), 403);

      const links = await coordinator.http.get(`/clients/${client.body.id}/access-links`).expect(200);
      expect(links.body.items).toEqual([
        expect.objectContaining({ userId: accepted.body.user.id, relation: 'daughter', revokedAt: null }),
      ]);
      const revoked = await coordinator.http
        .post(`/clients/${client.body.id}/access-links/${links.body.items[0].id}/revoke`)
        .expect(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
    });

    it("lets a team member invite a colleague, who joins with a coordinator's approval and gets a Caregiver row in that team", async () => {
      const { organisationId, teamId } = await createTeam(api.http);
      const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
      const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
      const email = `${unique('colleague')}@homecare.test`;
      const invitation = await member.http
        .post('/invitations')
        .send({ kind: 'caregiver', email, teamId, firstName: 'Sanne' })
        .expect(201);
      expect(invitation.body.approvedAt).toBeNull();
      // Not yet: a coordinator approves a member's invitation first; the member cannot approve it.
      const early = await api.anonymous
        .post(`/invitations/${invitation.body.token}/accept`)
        .send({ password: 'a caregiver password', name: 'Sanne de Vries' });
      expect(expectProblem(early, 403).code).toBe('invitation.awaiting-approval');
      expectProblem(await member.http.post(`/invitations/${invitation.body.id}/approve`), 403);
      const approved = await coordinator.http.post(`/invitations/${invitation.body.id}/approve`).expect(200);
      expect(approved.body.approvedAt).toEqual(expect.any(String));
      // A coordinator's invitation is approved as made; a member cannot withdraw it (nor a
      // colleague's), only their own.
      const coordinators = await coordinator.http
        .post('/invitations')
        .send({ kind: 'caregiver', email: `${unique('theirs')}@homecare.test`, teamId })
        .expect(201);
      expect(coordinators.body.approvedAt).toEqual(expect.any(String));
      const notYours = await member.http.post(`/invitations/${coordinators.body.id}/revoke`);
      expect(expectProblem(notYours, 403).code).toBe('invitation.not-yours');
      const own = await member.http
        .post('/invitations')
        .send({ kind: 'caregiver', email: `${unique('own')}@homecare.test`, teamId })
        .expect(201);
      expect(
        (await member.http.post(`/invitations/${own.body.id}/revoke`).expect(200)).body.revokedAt,
      ).toEqual(expect.any(String));
      const preview = await api.anonymous.get(`/invitations/${invitation.body.token}`).expect(200);
      expect(preview.body).toMatchObject({
        kind: 'caregiver',
        clientFirstName: null,
        teamName: expect.any(String),
      });

      const accepted = await api.anonymous
        .post(`/invitations/${invitation.body.token}/accept`)
        .send({ password: 'a caregiver password', name: 'Sanne de Vries' })
        .expect(200);
      const caregivers = await api
        .as(accepted.body.accessToken)
        .get(`/teams/${teamId}/caregivers`)
        .expect(200);
      expect(caregivers.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            firstName: 'Sanne',
            lastName: 'de Vries',
            userId: accepted.body.user.id,
          }),
        ]),
      );
      // A caregiver invites new colleagues, never onto a colleague's existing row (that would hand
      // over the colleague's availability), nor family members or coordinators.
      const colleague = (
        await api.http
          .post(`/teams/${teamId}/caregivers`)
          .send({ firstName: 'Eva', maxMinutesPerWeek: 600 })
          .expect(201)
      ).body.id as string;
      expectProblem(
        await member.http.post('/invitations').send({
          kind: 'caregiver',
          email: `${unique('takeover')}@homecare.test`,
          teamId,
          caregiverId: colleague,
        }),
        403,
      );
      expectProblem(
        await member.http.post('/invitations').send({ kind: 'family', email, clientId: randomUUID() }),
        403,
      );
    });

    it('links an existing Caregiver row, and refuses expired, revoked and foreign invitations', async () => {
      const { organisationId, teamId } = await createTeam(api.http);
      const other = await createTeam(api.http);
      const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
      const caregiver = await coordinator.http
        .post(`/teams/${teamId}/caregivers`)
        .send({ firstName: 'Ravi', maxMinutesPerWeek: 1200 })
        .expect(201);
      const email = `${unique('ravi')}@homecare.test`;
      // A coordinator of another organisation's team: as if it did not exist.
      expectProblem(
        await coordinator.http.post('/invitations').send({ kind: 'caregiver', email, teamId: other.teamId }),
        404,
      );

      const invitation = await coordinator.http
        .post('/invitations')
        .send({ kind: 'caregiver', email, teamId, caregiverId: caregiver.body.id })
        .expect(201);
      const accepted = await api.anonymous
        .post(`/invitations/${invitation.body.token}/accept`)
        .send({ password: 'ravi password 123' })
        .expect(200);
      const linked = await coordinator.http.get(`/caregivers/${caregiver.body.id}`).expect(200);
      expect(linked.body.userId).toBe(accepted.body.user.id);
      expectProblem(
        await coordinator.http
          .post('/invitations')
          .send({ kind: 'caregiver', email: 'x@homecare.test', teamId, caregiverId: caregiver.body.id }),
        409,
      );

      const expiring = await coordinator.http
        .post('/invitations')
        .send({ kind: 'caregiver', email: `${unique('late')}@homecare.test`, teamId })
        .expect(201);
      await api.app
        .get(DataSource)
        .getRepository(Invitation)
        .update({ id: expiring.body.id }, { expiresAt: new Date(machineTime.nowMs() - 1000) });
      expectProblem(await api.anonymous.get(`/invitations/${expiring.body.token}`), 404);
      expectProblem(
        await api.anonymous
          .post(`/invitations/${expiring.body.token}/accept`)
          .send({ password: 'a long password' }),
        404,
      );

      const withdrawn = await coordinator.http
        .post('/invitations')
        .send({ kind: 'caregiver', email: `${unique('nope')}@homecare.test`, teamId })
        .expect(201);
      await coordinator.http.post(`/invitations/${withdrawn.body.id}/revoke`).expect(200);
      expectProblem(
        await api.anonymous
          .post(`/invitations/${withdrawn.body.token}/accept`)
          .send({ password: 'a long password' }),
        404,
      );
    });
  });

  it('requires a strong JWT_SECRET in production and refuses a short one anywhere', () => {
    const base = { DATABASE_URL: 'postgres://u:p@localhost:5432/d', REDIS_URL: 'redis://localhost:6379' };
    expect(() => validateEnvironment({ ...base, NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: required in production/,
    );
    expect(() => validateEnvironment({ ...base, NODE_ENV: 'development', JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32/,
    );
    expect(() => validateEnvironment({ ...base, BOOTSTRAP_ADMIN_EMAIL: 'a@b.org' })).toThrow(/go together/);
    expect(
      validateEnvironment({
        ...base,
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('base64url'),
      }).ACCESS_TOKEN_TTL_SECONDS,
    ).toBe(900);
  });
});
