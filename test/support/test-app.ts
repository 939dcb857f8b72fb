import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  close: () => Promise<void>;
}

/** The real API (same module graph and set-up as main.ts) on the test database. */
export async function createTestApp(): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}

let counter = 0;
/** A unique suffix, so that tests sharing one database never collide. */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Creates an organisation and a team and returns their ids. */
export async function createTeam(http: TestAgent, timezone = 'Europe/Amsterdam'): Promise<{ organisationId: string; teamId: string }> {
  const organisation = await http.post('/organisations').send({ name: unique('org') }).expect(201);
  const team = await http.post('/teams').send({ organisationId: organisation.body.id, name: unique('team'), timezone }).expect(201);
  return { organisationId: organisation.body.id, teamId: team.body.id };
}

/** Asserts an RFC 9457 problem response and returns its body. */
export function expectProblem(response: request.Response, status: number): Record<string, unknown> & { problems?: { path: string; message: string }[] } {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  return response.body;
}
