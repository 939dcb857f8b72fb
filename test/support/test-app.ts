import { TEST_ADMIN_EMAIL } from './test-env';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AuthService, PasswordHasher } from '@homecare/core/auth';
import { Caregiver, ClientAccessLink, UserAccount, type UserRole } from '@homecare/database';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { unique } from './unique';

export interface TestApp {
  app: NestExpressApplication;
  /** Signed in as the bootstrap administrator, who may do everything. */
  http: TestAgent;
  /** Not signed in. */
  anonymous: TestAgent;
  /** An agent that sends this access token. */
  as: (accessToken: string) => TestAgent;
  close: () => Promise<void>;
}

/**
 * `Authorization` header of the bootstrap administrator of the last app created, for requests
 * made without supertest (server-sent events read with node:http).
 */
export let adminAuthorization = '';

/** The real API (same module graph and set-up as main.ts) on the test database. */
export async function createTestApp(
  customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<TestApp> {
  const builder = Test.createTestingModule({ imports: [AppModule] });
  const moduleRef = await (customise ? customise(builder) : builder).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  // The API created the administrator at start (or another test app did, in this database).
  const admin = await app
    .get(DataSource)
    .getRepository(UserAccount)
    .findOneByOrFail({ email: TEST_ADMIN_EMAIL });
  const { accessToken } = await app.get(AuthService).signIn(admin);
  adminAuthorization = `Bearer ${accessToken}`;
  const as = (token: string): TestAgent =>
    request.agent(app.getHttpServer()).set('Authorization', `Bearer ${token}`);
  return {
    app,
    http: as(accessToken),
    anonymous: request(app.getHttpServer()),
    as,
    close: () => app.close(),
  };
}

export const TEST_PASSWORD = 'a-long-enough-test-password';

export interface TestUser {
  user: UserAccount;
  accessToken: string;
  refreshToken: string;
  /** Signed in as this user. */
  http: TestAgent;
}

export interface TestUserSpec {
  role: UserRole;
  /** coordinator: their organisation. */
  organisationId?: string;
  /** caregiver: a new Caregiver row is created in each of these teams, linked to the account. */
  teamIds?: string[];
  /** caregiver: existing Caregiver rows to link to the account. */
  caregiverIds?: string[];
  /** family: clients the account has an access link to. */
  clientIds?: string[];
  email?: string;
}

/** An account of the given role, written straight to the database, and signed in (no rate limit involved). */
export async function signInAs(
  api: TestApp,
  spec: TestUserSpec,
): Promise<TestUser & { caregiverIds: string[] }> {
  const dataSource = api.app.get(DataSource);
  const user = await dataSource.getRepository(UserAccount).save({
    email: spec.email ?? `${unique(spec.role)}@homecare.test`,
    passwordHash: await api.app.get(PasswordHasher).hash(TEST_PASSWORD),
    name: `${spec.role} ${unique('user')}`,
    role: spec.role,
    organisationId: spec.role === 'coordinator' ? (spec.organisationId ?? null) : null,
  });
  const caregiverIds: string[] = [];
  for (const teamId of spec.teamIds ?? []) {
    const caregiver = await dataSource
      .getRepository(Caregiver)
      .save({ teamId, userId: user.id, firstName: 'Member', maxMinutesPerWeek: 1200 });
    caregiverIds.push(caregiver.id);
  }
  for (const caregiverId of spec.caregiverIds ?? []) {
    await dataSource.getRepository(Caregiver).update({ id: caregiverId }, { userId: user.id });
    caregiverIds.push(caregiverId);
  }
  for (const clientId of spec.clientIds ?? []) {
    await dataSource.getRepository(ClientAccessLink).save({ userId: user.id, clientId, relation: 'family' });
  }
  const { accessToken, refreshToken } = await api.app.get(AuthService).signIn(user);
  return { user, accessToken, refreshToken, http: api.as(accessToken), caregiverIds };
}

export { unique } from './unique';

/** Creates an organisation and a team and returns their ids. */
export async function createTeam(
  http: TestAgent,
  timezone = 'Europe/Amsterdam',
): Promise<{ organisationId: string; teamId: string }> {
  const organisation = await http
    .post('/organisations')
    .send({ name: unique('org') })
    .expect(201);
  const team = await http
    .post('/teams')
    .send({ organisationId: organisation.body.id, name: unique('team'), timezone })
    .expect(201);
  return { organisationId: organisation.body.id, teamId: team.body.id };
}

/** Asserts an RFC 9457 problem response and returns its body. */
export function expectProblem(
  response: request.Response,
  status: number,
): Record<string, unknown> & { problems?: { path: string; message: string }[] } {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  return response.body;
}
