// The notification feed through HTTP: a family hears that a coming visit moved or was cancelled,
// in their language, grouped, only their own, and the count goes down as they read.
import http from 'node:http';
import { localAt, weekFromNow } from './support/clock';
import {
  createTeam,
  createTestApp,
  expectProblem,
  signInAs,
  type TestApp,
  type TestUser,
  unique,
} from './support/test-app';

interface NotificationBody {
  id: string;
  kind: string;
  text: string;
  link: string;
  count: number;
  readAt: string | null;
}

describe('notifications', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
    await api.app.listen(0, '127.0.0.1'); // the stream is read with node:http
  });
  afterAll(async () => api?.close());

  const nextWeek = weekFromNow(1);

  /** A team with a client, a coming one-off visit on next week's Tuesday, and a family member. */
  async function clientWithFamily(): Promise<{
    organisationId: string;
    teamId: string;
    clientId: string;
    visitId: string;
    family: TestUser;
  }> {
    const { organisationId, teamId } = await createTeam(api.http);
    const client = await api.http
      .post(`/teams/${teamId}/clients`)
      .send({ name: unique('client'), latitude: 52.36, longitude: 4.93 })
      .expect(201);
    const visit = await api.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId: client.body.id,
        earliestStart: localAt(nextWeek, 1, '09:00'),
        latestEnd: localAt(nextWeek, 1, '10:00'),
        durationMinutes: 30,
      })
      .expect(201);
    const family = await signInAs(api, { role: 'family', clientIds: [client.body.id] });
    return { organisationId, teamId, clientId: client.body.id, visitId: visit.body.id, family };
  }

  const feed = async (user: TestUser, query: Record<string, string> = {}, language?: string) => {
    const request = user.http.get('/users/me/notifications').query(query);
    if (language) request.set('Accept-Language', language);
    return (await request.expect(200)).body as {
      items: NotificationBody[];
      unreadCount: number;
      nextBefore: string | null;
    };
  };

  it('tells the family that a coming visit moved, in Dutch by default and in English when asked', async () => {
    const { clientId, visitId, family } = await clientWithFamily();
    expect((await feed(family)).items).toEqual([]);

    await api.http
      .patch(`/visits/${visitId}`)
      .send({ earliestStart: localAt(nextWeek, 1, '11:00'), latestEnd: localAt(nextWeek, 1, '12:00') })
      .expect(200);

    const dutch = await feed(family);
    expect(dutch.unreadCount).toBe(1);
    expect(dutch.items).toEqual([
      expect.objectContaining({
        kind: 'visit.moved',
        count: 1,
        link: `/clients/${clientId}/plan`,
        readAt: null,
      }),
    ]);
    expect(dutch.items[0].text).toMatch(/^Een bezoek is verplaatst: nu .*11:00/);
    const english = await feed(family, {}, 'en-GB,en;q=0.9,nl;q=0.5');
    expect(english.items[0].text).toMatch(/^A visit has moved: now .*11:00/);
  });

  it('groups repeated changes into one unread message, and tells of a cancellation', async () => {
    const { visitId, family } = await clientWithFamily();
    for (const hour of ['11', '13', '15'])
      await api.http
        .patch(`/visits/${visitId}`)
        .send({
          earliestStart: localAt(nextWeek, 1, `${hour}:00`),
          latestEnd: localAt(nextWeek, 1, `${hour}:45`),
        })
        .expect(200);
    let body = await feed(family, {}, 'en');
    expect(body.items.map((item) => [item.kind, item.count])).toEqual([['visit.moved', 3]]);
    expect(body.items[0].text).toMatch(/^3 visits have moved\. The latest: now .*15:00/);

    await api.http.patch(`/visits/${visitId}`).send({ status: 'cancelled' }).expect(200);
    body = await feed(family, {}, 'en');
    expect(body.items.map((item) => item.kind)).toEqual(['visit.cancelled', 'visit.moved']);
    expect(body.items[0].text).toMatch(/^The visit of .*15:00 is cancelled\.$/);
    // A change that is not a move or a cancellation tells no one.
    await api.http.patch(`/visits/${visitId}`).send({ durationMinutes: 40 }).expect(200);
    expect((await feed(family)).unreadCount).toBe(2);
  });

  it("marks messages read, one or all, and nobody can read or mark another person's", async () => {
    const { visitId, family } = await clientWithFamily();
    const other = await clientWithFamily();
    await api.http
      .patch(`/visits/${visitId}`)
      .send({ earliestStart: localAt(nextWeek, 1, '11:00'), latestEnd: localAt(nextWeek, 1, '12:00') })
      .expect(200);
    await api.http.patch(`/visits/${other.visitId}`).send({ status: 'cancelled' }).expect(200);

    const [mine] = (await feed(family)).items;
    expect((await feed(other.family)).items.map((item) => item.id)).not.toContain(mine.id);
    // Someone else's id marks nothing.
    const foreign = await other.family.http
      .post('/users/me/notifications/read')
      .send({ ids: [mine.id] })
      .expect(200);
    expect(foreign.body).toEqual({ marked: 0, unreadCount: 1 });
    expect((await feed(family)).unreadCount).toBe(1);

    const marked = await family.http
      .post('/users/me/notifications/read')
      .send({ ids: [mine.id] })
      .expect(200);
    expect(marked.body).toEqual({ marked: 1, unreadCount: 0 });
    expect((await family.http.get('/users/me/notifications/unread-count').expect(200)).body).toEqual({
      unreadCount: 0,
    });
    expect((await feed(family, { unread: 'true' })).items).toEqual([]);
    expect((await feed(family)).items[0].readAt).toEqual(expect.any(String));

    expect((await other.family.http.post('/users/me/notifications/read').send({}).expect(200)).body).toEqual({
      marked: 1,
      unreadCount: 0,
    });
  });

  it('does not tell of changes to visits already over, nor the person who made the change', async () => {
    const { organisationId, teamId, clientId, family } = await clientWithFamily();
    const lastWeek = weekFromNow(-1);
    const past = await api.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId,
        earliestStart: localAt(lastWeek, 1, '09:00'),
        latestEnd: localAt(lastWeek, 1, '10:00'),
        durationMinutes: 30,
      })
      .expect(201);
    await api.http.patch(`/visits/${past.body.id}`).send({ status: 'cancelled' }).expect(200);
    expect((await feed(family)).items).toEqual([]);

    // A coordinator who moves a visit of a client they also follow is not told of their own change.
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId, clientIds: [clientId] });
    const coming = await api.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId,
        earliestStart: localAt(nextWeek, 2, '09:00'),
        latestEnd: localAt(nextWeek, 2, '10:00'),
        durationMinutes: 30,
      })
      .expect(201);
    await coordinator.http.patch(`/visits/${coming.body.id}`).send({ status: 'cancelled' }).expect(200);
    expect((await feed(coordinator)).items).toEqual([]);
    expect((await feed(family)).items.map((item) => item.kind)).toEqual(['visit.cancelled']);
  });

  it('refuses bad queries and bodies with a problem and a code', async () => {
    const { family } = await clientWithFamily();
    const tooMany = expectProblem(
      await family.http.get('/users/me/notifications').query({ limit: 1000 }),
      400,
    );
    expect(tooMany.code).toBe('request.invalid');
    const badIds = expectProblem(
      await family.http.post('/users/me/notifications/read').send({ ids: ['nope'] }),
      400,
    );
    expect(badIds.code).toBe('request.invalid');
    expectProblem(await api.anonymous.get('/users/me/notifications'), 401);
  });

  it('pages through the feed with nextBefore', async () => {
    const { teamId, clientId, family } = await clientWithFamily();
    // Three clients' worth of messages: one per visit cancelled (different groups per client).
    const visits: string[] = [];
    for (const day of [2, 3, 4]) {
      const visit = await api.http
        .post(`/teams/${teamId}/visits`)
        .send({
          clientId,
          earliestStart: localAt(nextWeek, day, '09:00'),
          latestEnd: localAt(nextWeek, day, '10:00'),
          durationMinutes: 30,
        })
        .expect(201);
      visits.push(visit.body.id);
    }
    await api.http
      .patch(`/visits/${visits[0]}`)
      .send({ earliestStart: localAt(nextWeek, 2, '11:00'), latestEnd: localAt(nextWeek, 2, '12:00') })
      .expect(200);
    await api.http.patch(`/visits/${visits[1]}`).send({ status: 'cancelled' }).expect(200);
    const first = await feed(family, { limit: '1' });
    expect(first.items).toHaveLength(1);
    expect(first.nextBefore).toBe(first.items[0].id);
    const second = await feed(family, { limit: '1', before: first.nextBefore! });
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextBefore).toBeNull();
  });

  it('streams the unread count to the web app as it changes', async () => {
    const { visitId, family } = await clientWithFamily();
    const address = api.app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const events: string[] = [];
    const request = http.get({
      host: '127.0.0.1',
      port,
      path: '/users/me/notifications/stream',
      headers: { Authorization: `Bearer ${family.accessToken}`, Accept: 'text/event-stream' },
    });
    const received = new Promise<void>((resolve, reject) => {
      request.on('response', (response) => {
        expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          events.push(...chunk.split('\n').filter((line) => line.startsWith('data:')));
          if (events.length === 1)
            void api.http.patch(`/visits/${visitId}`).send({ status: 'cancelled' }).expect(200).catch(reject);
          if (events.length >= 2) resolve();
        });
      });
      request.on('error', reject);
    });
    await received;
    request.destroy();
    expect(events.slice(0, 2).map((line) => JSON.parse(line.slice(5)))).toEqual([
      { unreadCount: 0 },
      { unreadCount: 1 },
    ]);
  });
});
