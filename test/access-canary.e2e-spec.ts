import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import Redis from 'ioredis';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import type { AppConfig } from '@homecare/common';
import { OutboxRelay } from '@homecare/core/rosters';
import type { MaintenanceJob, RosterJob } from '@homecare/jobs';
import { httpLoggerOptions } from '../apps/api/src/app.module';
import { createTeam, createTestApp, expectProblem, type TestApp } from './support/test-app';
import { dayOf } from './support/clock';
import { WEEK } from './support/rosters';

// Job payloads carry ids, dates and counts only: a field such as a client's name would not compile.
type PayloadKeys<J extends { data: object }> = J extends unknown ? keyof J['data'] : never;
type AllowedPayloadKey = 'rosterId' | 'runId' | 'teamId' | 'planId' | 'from' | 'to' | 'days';
const PAYLOADS_HOLD_IDS_ONLY: [PayloadKeys<RosterJob | MaintenanceJob>] extends [AllowedPayloadKey]
  ? true
  : never = true;

const canary = (label: string) => `${label}${randomBytes(6).toString('hex')}`;

describe('no secrets, tokens or personal data in logs or job payloads', () => {
  let api: TestApp;
  let captured = '';
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        captured += chunk.toString();
        done();
      },
    });
    // Everything else that could print: the process streams and the console.
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        captured += String(chunk);
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
      restore.push(() => (stream.write = original));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void (captured += args.map(String).join(' ')));
      restore.push(() => spy.mockRestore());
    }
    // The app's own logger options (serializers, redaction) at the most talkative level.
    api = await createTestApp((builder) =>
      builder.overrideProvider(PARAMS_PROVIDER_TOKEN).useFactory({
        inject: [ConfigService],
        factory: (config: ConfigService<AppConfig, true>) => ({
          pinoHttp: [{ ...httpLoggerOptions(config), level: 'trace' }, sink],
        }),
      }),
    );
  });
  afterAll(async () => {
    await api.close();
    for (const undo of restore) undo();
  });

  it('finds none of the canaries in anything the app logged, nor in Redis', async () => {
    expect(PAYLOADS_HOLD_IDS_ONLY).toBe(true);
    const secrets = {
      name: canary('Name'),
      street: canary('Street'),
      notes: canary('Notes'),
      phone: `+31 6 ${String(randomBytes(4).readUInt32BE()).padStart(10, '0').slice(0, 8)}`,
      password: canary('Password-'),
      email: `${canary('mail')}@homecare.test`,
    };
    const { teamId } = await createTeam(api.http);
    const client = await api.http
      .post(`/teams/${teamId}/clients`)
      .set('X-Request-Id', 'canary-request')
      .send({
        name: secrets.name,
        address: secrets.street,
        notes: secrets.notes,
        latitude: 52.1,
        longitude: 5.1,
        familyContacts: [{ name: secrets.name, phone: secrets.phone }],
      })
      .expect(201);
    await api.http.get(`/clients/${client.body.id}`).expect(200);
    await api.http.get(`/teams/${teamId}/clients`).query({ search: secrets.name }).expect(200);
    await api.http.patch(`/clients/${client.body.id}`).send({ notes: secrets.notes }).expect(200);
    await api.http
      .post(`/clients/${client.body.id}/care-needs`)
      .send({
        description: secrets.notes,
        weekdays: [1],
        windowStart: '08:00',
        windowEnd: '09:00',
        durationMinutes: 30,
        startsOn: dayOf(WEEK, 0),
      })
      .expect(201);

    // Failing requests, with the canaries in them.
    expectProblem(
      await api.http
        .post(`/teams/${teamId}/clients`)
        .send({ name: secrets.name, address: secrets.street, colour: secrets.notes }),
      400,
    );
    expectProblem(
      await api.http.patch(`/clients/00000000-0000-4000-8000-000000000000`).send({ name: secrets.name }),
      404,
    );
    expectProblem(
      await api.anonymous.post('/auth/login').send({ email: secrets.email, password: secrets.password }),
      401,
    );
    expectProblem(
      await api.anonymous.post('/auth/refresh').send({ refreshToken: secrets.password.padEnd(43, 'x') }),
      401,
    );

    // Tokens: an invitation link (a token in the path), an accepted account, its sign-in.
    const invitation = await api.http
      .post('/invitations')
      .send({ kind: 'family', email: secrets.email, clientId: client.body.id, firstName: secrets.name })
      .expect(201);
    await api.anonymous.get(`/invitations/${invitation.body.token}`).expect(200);
    const accepted = await api.anonymous
      .post(`/invitations/${invitation.body.token}/accept`)
      .send({ password: secrets.password, name: secrets.name })
      .expect(200);
    const login = await api.anonymous
      .post('/auth/login')
      .send({ email: secrets.email, password: secrets.password })
      .expect(200);
    await api.anonymous.post('/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    await api.as(accepted.body.accessToken).get('/users/me').expect(200);

    // A roster request puts a job in Redis.
    const visit = {
      clientId: client.body.id,
      earliestStart: `${dayOf(WEEK, 1)}T09:00`,
      latestEnd: `${dayOf(WEEK, 1)}T11:00`,
      durationMinutes: 30,
    };
    await api.http.post(`/teams/${teamId}/visits`).send(visit).expect(201);
    await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ periodStart: dayOf(WEEK, 0), periodEnd: dayOf(WEEK, 6) })
      .expect(202);
    await api.app.get(OutboxRelay).drain();
    await new Promise((resolve) => setTimeout(resolve, 200));

    // The capture works: the request log lines are there, with the request id and route.
    expect(captured).toContain('canary-request');
    expect(captured).toContain(`/clients/${client.body.id}`);
    expect(captured).toContain('/invitations/[token]');

    const forbidden = [
      ...Object.values(secrets),
      invitation.body.token,
      accepted.body.accessToken,
      accepted.body.refreshToken,
      login.body.accessToken,
      login.body.refreshToken,
      // No password hash either.
      '$argon2id$',
    ];
    for (const value of forbidden)
      expect({ value, found: captured.includes(value) }).toEqual({ value, found: false });

    const redis = new Redis(api.app.get(ConfigService<AppConfig, true>).get('REDIS_URL', { infer: true }));
    try {
      const prefix = api.app.get(ConfigService<AppConfig, true>).get('QUEUE_PREFIX', { infer: true });
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      let contents = '';
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'string') contents += await redis.get(key);
        else if (type === 'hash') contents += JSON.stringify(await redis.hgetall(key));
        else if (type === 'list') contents += JSON.stringify(await redis.lrange(key, 0, -1));
        else if (type === 'zset') contents += JSON.stringify(await redis.zrange(key, 0, -1));
        else if (type === 'set') contents += JSON.stringify(await redis.smembers(key));
        else if (type === 'stream') contents += JSON.stringify(await redis.xrange(key, '-', '+'));
      }
      expect(contents).toContain('rosterId');
      for (const value of [
        secrets.name,
        secrets.street,
        secrets.notes,
        secrets.phone,
        secrets.email,
        secrets.password,
      ]) {
        expect({ value, found: contents.includes(value) }).toEqual({ value, found: false });
      }
    } finally {
      redis.disconnect();
    }
  });
});
