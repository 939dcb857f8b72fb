import { createTeam, createTestApp, expectProblem, type TestApp, unique } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
// A week in the future that ends on the spring-forward Sunday of Amsterdam (2027-03-28).
const WEEK = { from: '2027-03-22', to: '2027-03-28' };

interface VisitBody {
  id: string;
  requiredSkills: string[];
  date: string;
  careNeedId: string | null;
  earliestStart: string;
  latestEnd: string;
  earliestStartLocal: string;
  latestEndLocal: string;
  status: string;
  detached: boolean;
}

describe('visits', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  async function createClient(teamId: string): Promise<string> {
    const client = await api.http
      .post(`/teams/${teamId}/clients`)
      .send({ name: unique('client'), latitude: 52.36, longitude: 4.93 })
      .expect(201);
    return client.body.id;
  }

  async function createCareNeed(clientId: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const need = await api.http
      .post(`/clients/${clientId}/care-needs`)
      .send({
        weekdays: [1, 3, 5],
        windowStart: '08:00',
        windowEnd: '10:00',
        durationMinutes: 45,
        requiredSkills: ['personal-care'],
        startsOn: '2027-03-01',
        ...overrides,
      })
      .expect(201);
    return need.body.id;
  }

  async function listVisits(teamId: string, query: Record<string, string> = {}): Promise<VisitBody[]> {
    const response = await api.http
      .get(`/teams/${teamId}/visits`)
      .query({ ...WEEK, ...query })
      .expect(200);
    return response.body.items;
  }

  it('generates the visits of the care needs, and a second run changes nothing', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    const careNeedId = await createCareNeed(clientId);

    const first = await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    expect(first.body).toEqual({ created: 3, updated: 0, unchanged: 0, cancelled: 0 });
    const visits = await listVisits(teamId);
    expect(visits.map((visit) => visit.date)).toEqual(['2027-03-22', '2027-03-24', '2027-03-26']);
    expect(visits[0]).toMatchObject({
      careNeedId,
      earliestStartLocal: '2027-03-22T08:00',
      latestEndLocal: '2027-03-22T10:00',
      earliestStart: '2027-03-22T07:00:00.000Z',
      status: 'planned',
      detached: false,
      requiredSkills: ['personal-care'],
      durationMinutes: 45,
      caregiversNeeded: 1,
    });

    const second = await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    expect(second.body).toEqual({ created: 0, updated: 0, unchanged: 3, cancelled: 0 });
    expect((await listVisits(teamId)).map((visit) => visit.id)).toEqual(visits.map((visit) => visit.id));
  });

  it('converts the window with the offset of each date across the DST change', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    await createCareNeed(clientId, { weekdays: [6, 7], windowStart: '07:00', windowEnd: '09:00' });
    await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    const [saturday, sunday] = await listVisits(teamId);
    expect(saturday).toMatchObject({
      date: '2027-03-27',
      earliestStart: '2027-03-27T06:00:00.000Z',
      earliestStartLocal: '2027-03-27T07:00',
    });
    expect(sunday).toMatchObject({
      date: '2027-03-28',
      earliestStart: '2027-03-28T05:00:00.000Z',
      earliestStartLocal: '2027-03-28T07:00',
    });
  });

  it('updates generated visits after a care need change, but leaves a hand-edited one alone', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    const careNeedId = await createCareNeed(clientId);
    await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    const [monday, wednesday] = await listVisits(teamId);

    const edited = await api.http
      .patch(`/visits/${wednesday.id}`)
      .send({ earliestStart: '2027-03-24T08:30' })
      .expect(200);
    expect(edited.body).toMatchObject({
      detached: true,
      earliestStartLocal: '2027-03-24T08:30',
      latestEndLocal: '2027-03-24T10:00',
      date: '2027-03-24',
    });

    await api.http
      .patch(`/care-needs/${careNeedId}`)
      .send({ windowStart: '07:00', windowEnd: '09:00' })
      .expect(200);
    const regenerated = await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    expect(regenerated.body).toEqual({ created: 0, updated: 2, unchanged: 1, cancelled: 0 });

    const after = await listVisits(teamId);
    expect(after.find((visit) => visit.id === monday.id)).toMatchObject({
      earliestStartLocal: '2027-03-22T07:00',
      latestEndLocal: '2027-03-22T09:00',
      detached: false,
    });
    expect(after.find((visit) => visit.id === wednesday.id)).toMatchObject({
      earliestStartLocal: '2027-03-24T08:30',
      latestEndLocal: '2027-03-24T10:00',
      detached: true,
    });
  });

  it('cancels, never deletes, the visits of a weekday that was removed, and brings them back when it returns', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    const careNeedId = await createCareNeed(clientId);
    await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    const friday = (await listVisits(teamId)).find((visit) => visit.date === '2027-03-26')!;

    await api.http
      .patch(`/care-needs/${careNeedId}`)
      .send({ weekdays: [1, 3] })
      .expect(200);
    const regenerated = await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    expect(regenerated.body).toEqual({ created: 0, updated: 0, unchanged: 2, cancelled: 1 });
    expect((await api.http.get(`/visits/${friday.id}`).expect(200)).body).toMatchObject({
      status: 'cancelled',
      detached: false,
    });
    expect((await listVisits(teamId, { status: 'cancelled' })).map((visit) => visit.id)).toEqual([friday.id]);
    expect(await listVisits(teamId, { status: 'planned' })).toHaveLength(2);

    await api.http
      .patch(`/care-needs/${careNeedId}`)
      .send({ weekdays: [1, 3, 5] })
      .expect(200);
    const restored = await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    expect(restored.body).toEqual({ created: 0, updated: 1, unchanged: 2, cancelled: 0 });
    expect((await api.http.get(`/visits/${friday.id}`).expect(200)).body.status).toBe('planned');
  });

  it('cancels a generated visit by hand instead of deleting it, and regeneration keeps it cancelled', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    await createCareNeed(clientId);
    await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    const [monday] = await listVisits(teamId);

    const refused = expectProblem(
      await api.http.delete(`/visits/${monday.id}`).set('Accept-Language', 'en'),
      409,
    );
    expect(refused.detail).toContain('cancel it instead');
    await api.http.patch(`/visits/${monday.id}`).send({ status: 'cancelled' }).expect(200);
    await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    expect((await api.http.get(`/visits/${monday.id}`).expect(200)).body).toMatchObject({
      status: 'cancelled',
      detached: true,
    });
  });

  it('keeps the visits of a deleted care need as one-offs that generation leaves alone', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    const careNeedId = await createCareNeed(clientId);
    await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    await api.http.delete(`/care-needs/${careNeedId}`).expect(204);
    const regenerated = await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);
    expect(regenerated.body).toEqual({ created: 0, updated: 0, unchanged: 0, cancelled: 0 });
    const visits = await listVisits(teamId);
    expect(visits).toHaveLength(3);
    expect(visits.every((visit) => visit.careNeedId === null && visit.status === 'planned')).toBe(true);
  });

  it('lists visits by date range and client, ordered by earliest start', async () => {
    const { teamId } = await createTeam(api.http);
    const [ann, bob] = [await createClient(teamId), await createClient(teamId)];
    await createCareNeed(ann, { weekdays: [1, 2], windowStart: '09:00', windowEnd: '11:00' });
    await createCareNeed(bob, {
      weekdays: [1],
      windowStart: '07:00',
      windowEnd: '08:00',
      durationMinutes: 30,
    });
    await api.http.post(`/teams/${teamId}/visits/generate`).send(WEEK).expect(200);

    const all = await listVisits(teamId);
    expect(all.map((visit) => visit.earliestStartLocal)).toEqual([
      '2027-03-22T07:00',
      '2027-03-22T09:00',
      '2027-03-23T09:00',
    ]);
    expect((await listVisits(teamId, { clientId: ann })).map((visit) => visit.date)).toEqual([
      '2027-03-22',
      '2027-03-23',
    ]);
    expect(
      (await listVisits(teamId, { from: '2027-03-23', to: '2027-03-23' })).map((visit) => visit.date),
    ).toEqual(['2027-03-23']);
    const page = await api.http
      .get(`/teams/${teamId}/visits`)
      .query({ ...WEEK, limit: 1, offset: 1 })
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items[0].earliestStartLocal).toBe('2027-03-22T09:00');

    expect(
      expectProblem(
        await api.http.get(`/teams/${teamId}/visits`).query({ from: '2027-01-01', to: '2027-06-30' }),
        400,
      ).problems,
    ).toEqual([{ path: '$.to', message: expect.stringContaining('92 days') }]);
    expect(
      expectProblem(
        await api.http.get(`/teams/${teamId}/visits`).query({ to: '2027-03-28' }),
        400,
      ).problems!.map((entry) => entry.path),
    ).toEqual(['$.from']);
    expectProblem(
      await api.http.post(`/teams/${teamId}/visits/generate`).send({ from: '2027-03-28', to: '2027-03-22' }),
      400,
    );
  });

  it('creates, edits and deletes a one-off visit, in local time or with an offset', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    const created = await api.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId,
        earliestStart: '2027-03-23T14:00',
        latestEnd: '2027-03-23T16:00',
        durationMinutes: 30,
        requiredSkills: ['wound-care'],
        caregiversNeeded: 2,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      clientId,
      careNeedId: null,
      date: '2027-03-23',
      earliestStart: '2027-03-23T13:00:00.000Z',
      earliestStartLocal: '2027-03-23T14:00',
      latestEndLocal: '2027-03-23T16:00',
      caregiversNeeded: 2,
      status: 'planned',
    });
    const withOffset = await api.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId,
        earliestStart: '2027-03-29T06:00:00Z',
        latestEnd: '2027-03-29T09:00+02:00',
        durationMinutes: 30,
      })
      .expect(201);
    expect(withOffset.body).toMatchObject({
      earliestStartLocal: '2027-03-29T08:00',
      latestEndLocal: '2027-03-29T09:00',
      date: '2027-03-29',
    });

    const moved = await api.http
      .patch(`/visits/${created.body.id}`)
      .send({ earliestStart: '2027-03-24T14:00', latestEnd: '2027-03-24T15:00' })
      .expect(200);
    expect(moved.body).toMatchObject({ date: '2027-03-24', detached: false });
    const short = expectProblem(
      await api.http.patch(`/visits/${created.body.id}`).send({ durationMinutes: 90 }),
      400,
    );
    expect(short.problems).toEqual([
      { path: '$.latestEnd', message: expect.stringContaining('window shorter than the duration') },
    ]);

    await api.http.delete(`/visits/${created.body.id}`).expect(204);
    expectProblem(await api.http.get(`/visits/${created.body.id}`), 404);
  });

  it('refuses a one-off visit at a local time the clocks skip', async () => {
    const { teamId } = await createTeam(api.http);
    const clientId = await createClient(teamId);
    const problem = expectProblem(
      await api.http.post(`/teams/${teamId}/visits`).send({
        clientId,
        earliestStart: '2027-03-28T02:30',
        latestEnd: '2027-03-28T04:00',
        durationMinutes: 30,
      }),
      400,
    );
    expect(problem.problems).toEqual([
      { path: '$.earliestStart', message: expect.stringContaining('does not exist') },
    ]);
    const malformed = expectProblem(
      await api.http.post(`/teams/${teamId}/visits`).send({
        clientId,
        earliestStart: '28-03-2027 10:00',
        latestEnd: '2027-03-28T04:00',
        durationMinutes: 30,
      }),
      400,
    );
    expect(malformed.problems!.map((entry) => entry.path)).toEqual(['$.earliestStart']);
  });

  it('answers 404 for unknown ids and for a client of another team', async () => {
    const { teamId } = await createTeam(api.http);
    const other = await createTeam(api.http);
    const foreignClient = await createClient(other.teamId);
    expectProblem(
      await api.http.post(`/teams/${teamId}/visits`).send({
        clientId: foreignClient,
        earliestStart: '2027-03-23T14:00',
        latestEnd: '2027-03-23T16:00',
        durationMinutes: 30,
      }),
      404,
    );
    expectProblem(
      await api.http.post(`/teams/${teamId}/visits`).send({
        clientId: UNKNOWN_ID,
        earliestStart: '2027-03-23T14:00',
        latestEnd: '2027-03-23T16:00',
        durationMinutes: 30,
      }),
      404,
    );
    expectProblem(await api.http.get(`/teams/${UNKNOWN_ID}/visits`).query(WEEK), 404);
    expectProblem(await api.http.post(`/teams/${UNKNOWN_ID}/visits/generate`).send(WEEK), 404);
    expectProblem(await api.http.get(`/visits/${UNKNOWN_ID}`), 404);
    expectProblem(await api.http.patch(`/visits/${UNKNOWN_ID}`).send({ status: 'cancelled' }), 404);
    expectProblem(await api.http.delete(`/visits/${UNKNOWN_ID}`), 404);
  });
});
