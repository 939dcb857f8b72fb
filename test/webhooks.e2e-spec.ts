// Webhooks through the real worker to a real HTTP receiver on a loopback port
// (test/support/webhook-receiver.ts), which checks each signature and timestamp the way
// docs/webhooks.md tells an organisation's system to. Events follow real product actions through
// the API; the delivery log is read back through the API.
import { createServer, type AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { redisConnectionFromUrl, WEBHOOK_QUEUE } from '@homecare/jobs';
import { generateScenario } from '@homecare/scenario';
import { localAt, weekFromNow } from './support/clock';
import { negotiatingTeam, publishFirstProposal } from './support/negotiation';
import { amendForSickCall } from './support/published-team';
import { WEEK } from './support/rosters';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import {
  createTeam,
  createTestApp,
  expectProblem,
  signInAs,
  type TestApp,
  type TestUser,
  unique,
} from './support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/** The first retry waits this long (doubling after): short, so the retry test takes a second. */
const RETRY_DELAY_MS = 700;

describe('webhooks', () => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  let worker: ChildApp;
  let queue: Queue;

  beforeAll(async () => {
    ensureBuilt();
    receiver = await startWebhookReceiver();
    api = await createTestApp();
    worker = startWorker({ WEBHOOK_RETRY_DELAY_MS: String(RETRY_DELAY_MS) });
    await workerStarted(worker);
    queue = new Queue(WEBHOOK_QUEUE, {
      connection: redisConnectionFromUrl(process.env.REDIS_URL!),
      prefix: process.env.QUEUE_PREFIX,
    });
  }, 120_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.stop();
    await api?.close();
    await receiver?.close();
  });

  const nextWeek = weekFromNow(1);

  interface Organisation {
    organisationId: string;
    teamId: string;
    coordinator: TestUser;
    clientId: string;
    clientName: string;
    visitId: string;
  }

  /** An organisation with a team, its coordinator, and a client with a coming visit. */
  async function organisation(): Promise<Organisation> {
    const { organisationId, teamId } = await createTeam(api.http);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    const clientName = unique('Mevrouw Jansen');
    const client = await api.http
      .post(`/teams/${teamId}/clients`)
      .send({ name: clientName, latitude: 52.36, longitude: 4.93 })
      .expect(201);
    const visit = await api.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId: client.body.id,
        earliestStart: localAt(nextWeek, 2, '09:00'),
        latestEnd: localAt(nextWeek, 2, '10:00'),
        durationMinutes: 30,
      })
      .expect(201);
    return {
      organisationId,
      teamId,
      coordinator,
      clientId: client.body.id,
      clientName,
      visitId: visit.body.id,
    };
  }

  let moves = 0;
  /** A real change through the API: the visit moves by an hour more each time. */
  async function moveVisit(org: Organisation): Promise<void> {
    moves += 1;
    const hour = String(10 + (moves % 8)).padStart(2, '0');
    await org.coordinator.http
      .patch(`/visits/${org.visitId}`)
      .send({
        earliestStart: localAt(nextWeek, 2, `${hour}:00`),
        latestEnd: localAt(nextWeek, 2, `${hour}:59`),
      })
      .expect(200);
  }

  /** Subscribes `path` of the receiver, which then trusts the secret shown at creation. */
  async function subscribe(
    org: Organisation,
    path: string,
    eventTypes: string[] = ['client.visits-changed'],
  ) {
    const created = await org.coordinator.http
      .post(`/organisations/${org.organisationId}/webhook-subscriptions`)
      .send({ url: receiver.url(path), eventTypes })
      .expect(201);
    receiver.trust(path, created.body.secret as string);
    return created.body as {
      id: string;
      secret: string;
      url: string;
      eventTypes: string[];
      enabled: boolean;
    };
  }

  const deliveriesOf = async (org: Organisation, subscriptionId: string) =>
    (
      await org.coordinator.http
        .get(`/organisations/${org.organisationId}/webhook-subscriptions/${subscriptionId}/deliveries`)
        .expect(200)
    ).body as {
      items: {
        id: string;
        eventType: string;
        status: string;
        attempts: number;
        deliveredAt: string | null;
        nextAttemptAt: string | null;
        attemptLog: {
          attempt: number;
          attemptedAt: string;
          statusCode: number | null;
          durationMs: number;
          error: string | null;
          nextAttemptAt: string | null;
        }[];
      }[];
    };

  const path = (name: string) => `/${unique(name)}`;

  it('deliver a signed event with ids only after a visit of a client moves, and log it', async () => {
    const org = await organisation();
    const to = path('ecd');
    const subscription = await subscribe(org, to);
    expect(subscription).toMatchObject({
      url: receiver.url(to),
      eventTypes: ['client.visits-changed'],
      enabled: true,
    });
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    await moveVisit(org);
    await waitFor('the event at the receiver', () => receiver.to(to).length > 0);
    const [request] = receiver.to(to);
    expect(request.signatureValid).toBe(true);
    expect(request.timestampFresh).toBe(true);
    expect(request.status).toBe(204);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      type: 'client.visits-changed',
      timestamp: expect.any(String),
      data: {
        organisationId: org.organisationId,
        teamId: org.teamId,
        clientId: org.clientId,
        change: 'moved',
        visitIds: [org.visitId],
      },
    });
    // Ids and plain facts: nothing the receiver must not see without asking the API.
    expect(request.raw).not.toContain(org.clientName);

    await waitFor('the delivery in the log', async () => {
      const log = await deliveriesOf(org, subscription.id);
      return log.items[0]?.status === 'delivered';
    });
    const log = await deliveriesOf(org, subscription.id);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      id: request.headers['webhook-id'],
      eventType: 'client.visits-changed',
      status: 'delivered',
      attempts: 1,
      nextAttemptAt: null,
      attemptLog: [{ attempt: 1, statusCode: 204, error: null, nextAttemptAt: null }],
    });
    expect(log.items[0].attemptLog[0].durationMs).toBeGreaterThanOrEqual(0);

    // The job in Redis holds the delivery's id and nothing else.
    const job = await queue.getJob(`webhook-${log.items[0].id}`);
    expect(job?.data).toEqual({ deliveryId: log.items[0].id });

    // The secret was shown once: the list and the subscription itself never show it again.
    const listed = await org.coordinator.http
      .get(`/organisations/${org.organisationId}/webhook-subscriptions`)
      .expect(200);
    expect(listed.body).toEqual([
      {
        id: subscription.id,
        organisationId: org.organisationId,
        url: receiver.url(to),
        eventTypes: ['client.visits-changed'],
        enabled: true,
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(subscription.secret);
  });

  it('try a receiver that answered 500 again after a wait, and log both attempts', async () => {
    const org = await organisation();
    const to = path('flaky');
    receiver.answer(to, [500]);
    const subscription = await subscribe(org, to);
    await moveVisit(org);
    await waitFor('the second attempt', () => receiver.to(to).length >= 2, 30_000);
    const [first, second] = receiver.to(to);
    expect(first.status).toBe(500);
    expect(second.status).toBe(204);
    expect(second.signatureValid).toBe(true);
    // The same message: the same id and body, signed again with a new timestamp.
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.raw).toBe(first.raw);
    expect(Number(second.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(
      Number(first.headers['webhook-timestamp']),
    );

    await waitFor('the delivery in the log', async () => {
      const log = await deliveriesOf(org, subscription.id);
      return log.items[0]?.status === 'delivered';
    });
    const [delivery] = (await deliveriesOf(org, subscription.id)).items;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null });
    expect(delivery.attemptLog).toMatchObject([
      { attempt: 1, statusCode: 500, error: 'the receiver answered 500', nextAttemptAt: expect.any(String) },
      { attempt: 2, statusCode: 204, error: null, nextAttemptAt: null },
    ]);
  });

  it('log a receiver that is down as no answer, with the next attempt', async () => {
    const org = await organisation();
    // A port nothing listens on any more: the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const created = await org.coordinator.http
      .post(`/organisations/${org.organisationId}/webhook-subscriptions`)
      .send({ url: `http://127.0.0.1:${port}/hooks`, eventTypes: ['client.visits-changed'] })
      .expect(201);
    await moveVisit(org);
    await waitFor('a failed attempt in the log', async () => {
      const log = await deliveriesOf(org, created.body.id);
      return (log.items[0]?.attemptLog.length ?? 0) > 0;
    });
    const [delivery] = (await deliveriesOf(org, created.body.id)).items;
    expect(delivery.status).toBe('pending');
    expect(delivery.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: null, error: 'ECONNREFUSED' });
    // The first retry is due one retry delay after the attempt (BullMQ's exponential backoff).
    const [attempt] = delivery.attemptLog;
    expect(Date.parse(attempt.nextAttemptAt!) - Date.parse(attempt.attemptedAt)).toBe(RETRY_DELAY_MS);
    expect(delivery.nextAttemptAt).not.toBeNull();
    // Disabled meanwhile: what was waiting is not sent either.
    await org.coordinator.http
      .patch(`/organisations/${org.organisationId}/webhook-subscriptions/${created.body.id}`)
      .send({ enabled: false })
      .expect(200);
    await waitFor('the waiting delivery cancelled', async () => {
      const log = await deliveriesOf(org, created.body.id);
      return log.items[0]?.status === 'cancelled';
    });
  });

  it('send nothing to a disabled subscription, and again once it is enabled', async () => {
    const org = await organisation();
    const on = path('on');
    const off = path('off');
    await subscribe(org, on);
    const disabled = await subscribe(org, off);
    const patched = await org.coordinator.http
      .patch(`/organisations/${org.organisationId}/webhook-subscriptions/${disabled.id}`)
      .send({ enabled: false })
      .expect(200);
    expect(patched.body.enabled).toBe(false);

    await moveVisit(org);
    // The other subscription of the same organisation hears the same event: it has been handled.
    await waitFor('the event at the enabled subscription', () => receiver.to(on).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.to(off)).toEqual([]);
    expect((await deliveriesOf(org, disabled.id)).items).toEqual([]);

    await org.coordinator.http
      .patch(`/organisations/${org.organisationId}/webhook-subscriptions/${disabled.id}`)
      .send({ enabled: true })
      .expect(200);
    await moveVisit(org);
    await waitFor('the event at the enabled-again subscription', () => receiver.to(off).length > 0);
    expect(receiver.to(off)[0].signatureValid).toBe(true);
  });

  it("keep each organisation's subscriptions and events its own", async () => {
    const mine = await organisation();
    const theirs = await organisation();
    const myPath = path('mine');
    const theirPath = path('theirs');
    const my = await subscribe(mine, myPath);
    await subscribe(theirs, theirPath);

    const base = `/organisations/${mine.organisationId}/webhook-subscriptions`;
    const other = theirs.coordinator.http;
    expectProblem(await other.get(base), 404);
    expectProblem(
      await other.post(base).send({ url: receiver.url('/x'), eventTypes: ['plan.published'] }),
      404,
    );
    // Through their own organisation, my subscription's id is not found either.
    const theirBase = `/organisations/${theirs.organisationId}/webhook-subscriptions`;
    expectProblem(await other.get(`${theirBase}/${my.id}`), 404);
    expectProblem(await other.patch(`${theirBase}/${my.id}`).send({ enabled: false }), 404);
    expectProblem(await other.post(`${theirBase}/${my.id}/rotate-secret`), 404);
    expectProblem(await other.get(`${theirBase}/${my.id}/deliveries`), 404);
    expectProblem(await other.delete(`${theirBase}/${my.id}`), 404);
    const theirList = await other.get(theirBase).expect(200);
    expect(theirList.body.map((subscription: { id: string }) => subscription.id)).not.toContain(my.id);

    await moveVisit(mine);
    await waitFor('my event', () => receiver.to(myPath).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.to(theirPath)).toEqual([]);
    // Nothing of theirs was touched by their attempts: mine is still enabled.
    const still = await mine.coordinator.http.get(`${base}/${my.id}`).expect(200);
    expect(still.body.enabled).toBe(true);
  });

  it('sign with the new secret once rotated, and forget a deleted subscription', async () => {
    const org = await organisation();
    const to = path('rotated');
    const subscription = await subscribe(org, to);
    const rotated = await org.coordinator.http
      .post(`/organisations/${org.organisationId}/webhook-subscriptions/${subscription.id}/rotate-secret`)
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(subscription.secret);

    // Still trusting the old secret, the receiver refuses (401) what is signed with the new one.
    await moveVisit(org);
    await waitFor('the first event', () => receiver.to(to).length > 0);
    expect(receiver.to(to)[0].signatureValid).toBe(false);
    receiver.trust(to, rotated.body.secret as string);
    await waitFor(
      'the retry, with the new secret',
      () => receiver.to(to).some((request) => request.signatureValid),
      30_000,
    );

    const base = `/organisations/${org.organisationId}/webhook-subscriptions`;
    await org.coordinator.http.delete(`${base}/${subscription.id}`).expect(204);
    expectProblem(await org.coordinator.http.get(`${base}/${subscription.id}`), 404);
    expectProblem(await org.coordinator.http.delete(`${base}/${subscription.id}`), 404);
    const before = receiver.to(to).length;
    await moveVisit(org);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.to(to)).toHaveLength(before);
  });

  it('refuse bad input with its rule and write nothing', async () => {
    const org = await organisation();
    const base = `/organisations/${org.organisationId}/webhook-subscriptions`;
    const create = (body: object) => org.coordinator.http.post(base).send(body);
    for (const url of [
      'not a url',
      'ftp://ecd.example.org/hooks',
      'http://ecd.example.org/hooks',
      'https://user:pw@ecd.example.org/',
    ])
      expect(expectProblem(await create({ url, eventTypes: ['plan.published'] }), 400).code).toBe(
        'webhook.url-invalid',
      );
    const unknown = expectProblem(
      await create({
        url: 'https://ecd.example.org/hooks',
        eventTypes: ['plan.published', 'visit.exploded'],
      }),
      400,
    );
    expect(unknown.code).toBe('webhook.unknown-event-type');
    expect(unknown.problems).toEqual([{ path: 'body.eventTypes[1]', message: 'is not an event type' }]);
    expect(
      expectProblem(await create({ url: 'https://ecd.example.org/hooks', eventTypes: [] }), 400).code,
    ).toBe('webhook.no-event-types');
    expect(expectProblem(await create({ url: 'https://ecd.example.org/hooks' }), 400).code).toBe(
      'request.invalid',
    );
    expect(expectProblem(await create({ url: 42, eventTypes: ['plan.published'] }), 400).code).toBe(
      'request.invalid',
    );
    await org.coordinator.http.get(base).expect(200, []);

    const good = await create({
      url: 'https://ecd.example.org/hooks',
      eventTypes: ['plan.published'],
    }).expect(201);
    const patch = await org.coordinator.http
      .patch(`${base}/${good.body.id}`)
      .send({ url: 'nope', enabled: false });
    expect(expectProblem(patch, 400).code).toBe('webhook.url-invalid');
    const unchanged = await org.coordinator.http.get(`${base}/${good.body.id}`).expect(200);
    expect(unchanged.body).toMatchObject({ url: 'https://ecd.example.org/hooks', enabled: true });
    expectProblem(await org.coordinator.http.get(`${base}/not-a-uuid`), 400);
  });

  it("tell an organisation's system that a plan went into review and was published", async () => {
    const team = await negotiatingTeam(api, 4411, { caregivers: 3, clients: 4, days: 1 });
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    const to = path('planning');
    const created = await coordinator.http
      .post(`/organisations/${team.organisationId}/webhook-subscriptions`)
      .send({ url: receiver.url(to), eventTypes: ['plan.review-opened', 'plan.published'] })
      .expect(201);
    receiver.trust(to, created.body.secret as string);

    const plan = await publishFirstProposal(team.members, team.teamId);
    await waitFor('both plan events', () => receiver.to(to).length >= 2, 30_000);
    const events = receiver.to(to);
    expect(events.every((request) => request.signatureValid && request.timestampFresh)).toBe(true);
    const facts = { organisationId: team.organisationId, teamId: team.teamId, planId: plan.id };
    expect(events.map((request) => request.body.type)).toEqual(['plan.review-opened', 'plan.published']);
    expect(events[0].body.data).toMatchObject(facts);
    expect(events[1].body.data).toEqual({
      ...facts,
      periodStart: expect.any(String),
      periodEnd: expect.any(String),
      unstaffedVisits: expect.any(Number),
    });
  }, 120_000);

  it("tell an organisation's system of an amendment, and of visits that have nobody after it", async () => {
    const team = await negotiatingTeam(api, 4412);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    const plan = await publishFirstProposal(team.members, team.teamId);
    const to = path('amended');
    const created = await coordinator.http
      .post(`/organisations/${team.organisationId}/webhook-subscriptions`)
      .send({ url: receiver.url(to), eventTypes: ['plan.amendment-recorded'] })
      .expect(201);
    receiver.trust(to, created.body.secret as string);

    const sick = team.members[0].caregiverId;
    await amendForSickCall(
      api,
      { team, plan, visits: () => Promise.resolve([]) },
      sick,
      `${WEEK.periodStart}T00:00`,
      `${WEEK.periodEnd}T23:59`,
    );
    await waitFor('the amendment event', () => receiver.to(to).length > 0, 30_000);
    const [event] = receiver.to(to);
    expect(event.signatureValid).toBe(true);
    expect(event.body).toEqual({
      type: 'plan.amendment-recorded',
      timestamp: expect.any(String),
      data: {
        organisationId: team.organisationId,
        teamId: team.teamId,
        planId: plan.id,
        periodStart: WEEK.periodStart,
        periodEnd: WEEK.periodEnd,
        caregiversAffected: expect.any(Number),
      },
    });
    expect(event.body.data.caregiversAffected).toBeGreaterThan(0);
  }, 180_000);

  it("tell an organisation's payroll system that a pay period is ready to approve again", async () => {
    const past = weekFromNow(-3);
    const scenario = {
      ...generateScenario({ seed: 41, caregivers: 3, clients: 6, days: 2, start: past.periodStart }),
      name: unique('ready-team'),
    };
    const imported = await api.http.post('/teams/import').send(scenario).expect(201);
    const organisationId = imported.body.organisationId as string;
    const members: { caregiverId: string; http: TestUser['http'] }[] = [];
    for (const caregiverId of Object.values(imported.body.ids.caregivers as Record<string, string>))
      members.push({
        caregiverId,
        http: (await signInAs(api, { role: 'caregiver', caregiverIds: [caregiverId] })).http,
      });
    await publishFirstProposal(members, imported.body.teamId as string, past);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    await coordinator.http
      .put(`/organisations/${organisationId}/payroll-settings`)
      .send({ frequency: 'weekly', anchorDate: past.periodStart })
      .expect(200);
    await coordinator.http
      .post(`/pay-periods/${past.periodStart}/approve`)
      .query({ organisationId })
      .expect(200);
    const to = path('payroll');
    const created = await coordinator.http
      .post(`/organisations/${organisationId}/webhook-subscriptions`)
      .send({ url: receiver.url(to), eventTypes: ['pay-period.ready'] })
      .expect(201);
    receiver.trust(to, created.body.secret as string);

    // A late check-in withdraws the approval: the period is ready to approve again.
    const roster = await api.http
      .get(`/teams/${imported.body.teamId}/published-roster`)
      .query({ from: past.periodStart, to: past.periodEnd })
      .expect(200);
    const [visit] = roster.body.visits as { visitId: string; caregiverIds: string[]; plannedStart: string }[];
    const checkIn = await members
      .find((member) => member.caregiverId === visit.caregiverIds[0])!
      .http.post(`/visits/${visit.visitId}/check-in`)
      .send({ at: visit.plannedStart, location: { latitude: 52.37, longitude: 4.89 } })
      .expect(201);
    expect(checkIn.body.payroll).toMatchObject({ approvalWithdrawn: true });
    await waitFor('the pay period event', () => receiver.to(to).length > 0, 30_000);
    const [event] = receiver.to(to);
    expect(event.signatureValid).toBe(true);
    expect(event.body).toEqual({
      type: 'pay-period.ready',
      timestamp: expect.any(String),
      data: {
        organisationId,
        periodKey: past.periodStart,
        periodStart: past.periodStart,
        periodEnd: past.periodEnd,
      },
    });
  }, 180_000);
});
