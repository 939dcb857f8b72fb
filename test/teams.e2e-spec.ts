import { createTeam, createTestApp, expectProblem, type TestApp, unique } from './support/test-app';

describe('organisations and teams', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates, reads, updates, lists and deletes a team', async () => {
    const { organisationId, teamId } = await createTeam(api.http);
    const read = await api.http.get(`/teams/${teamId}`).expect(200);
    expect(read.body).toMatchObject({
      id: teamId,
      organisationId,
      timezone: 'Europe/Amsterdam',
      travelSpeedKmh: 15,
      travelDetourFactor: 1.3,
    });

    const renamed = unique('renamed');
    await api.http.patch(`/teams/${teamId}`).send({ name: renamed, travelSpeedKmh: 18 }).expect(200);
    const list = await api.http.get('/teams').query({ organisationId, limit: 10 }).expect(200);
    expect(list.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(list.body.items[0]).toMatchObject({ id: teamId, name: renamed, travelSpeedKmh: 18 });

    await api.http.delete(`/teams/${teamId}`).expect(204);
    expectProblem(await api.http.get(`/teams/${teamId}`), 404);
  });

  it('refuses an unknown time zone, unknown fields and missing fields all at once', async () => {
    const organisation = await api.http
      .post('/organisations')
      .send({ name: unique('org') })
      .expect(201);
    const bad = await api.http
      .post('/teams')
      .send({ organisationId: organisation.body.id, timezone: 'Mars/Olympus', colour: 'red' });
    const problem = expectProblem(bad, 400);
    const paths = problem.problems!.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.name', '$.colour']));

    const zone = await api.http
      .post('/teams')
      .send({ organisationId: organisation.body.id, name: 'x', timezone: 'Mars/Olympus' });
    expect(expectProblem(zone, 400).problems).toEqual([
      { path: '$.timezone', message: expect.stringContaining('IANA') },
    ]);
  });

  it('answers 404 for a team of an unknown organisation and 400 for a malformed id', async () => {
    expectProblem(
      await api.http.post('/teams').send({
        organisationId: '00000000-0000-4000-8000-000000000000',
        name: 'x',
        timezone: 'Europe/Amsterdam',
      }),
      404,
    );
    expectProblem(await api.http.get('/teams/not-a-uuid'), 400);
  });

  it('answers 415 for a body that is not JSON, 400 for broken JSON and 413 for a body over the limit', async () => {
    expectProblem(
      await api.http.post('/organisations').set('content-type', 'text/plain').send('name=x'),
      415,
    );
    expectProblem(
      await api.http.post('/organisations').set('content-type', 'application/json').send('{"name":'),
      400,
    );
    expectProblem(await api.http.post('/organisations').send({ name: 'x'.repeat(2 * 1024 * 1024) }), 413);
  });

  it('caps the page size', async () => {
    const problem = expectProblem(await api.http.get('/teams').query({ limit: 5000 }), 400);
    expect(problem.problems![0].path).toBe('$.limit');
  });

  it('reports Postgres and Redis on /health', async () => {
    const health = await api.http.get('/health').expect(200);
    expect(health.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });
});
