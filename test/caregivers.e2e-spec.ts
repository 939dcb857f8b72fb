import { DataSource } from 'typeorm';
import { Client, Visit, VisitPin } from '@homecare/database';
import { createTeam, createTestApp, expectProblem, type TestApp, unique } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('caregivers', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const createCaregiver = async (teamId: string, body: Record<string, unknown> = {}) =>
    (
      await api.http
        .post(`/teams/${teamId}/caregivers`)
        .send({ firstName: 'Fatima', maxMinutesPerWeek: 1920, ...body })
        .expect(201)
    ).body;

  it('creates, reads, updates and deletes a caregiver', async () => {
    const { teamId } = await createTeam(api.http);
    const created = await createCaregiver(teamId, {
      lastName: 'El Amrani',
      skills: ['personal-care', 'medication'],
      maxMinutesPerDay: 480,
      externalRef: 'cg-1',
    });
    expect(created).toMatchObject({
      id: expect.any(String),
      teamId,
      firstName: 'Fatima',
      lastName: 'El Amrani',
      skills: ['personal-care', 'medication'],
      maxMinutesPerWeek: 1920,
      maxMinutesPerDay: 480,
      travelSpeedKmh: null,
      active: true,
      externalRef: 'cg-1',
    });

    const read = await api.http.get(`/caregivers/${created.id}`).expect(200);
    expect(read.body).toMatchObject({ id: created.id, firstName: 'Fatima' });

    const updated = await api.http
      .patch(`/caregivers/${created.id}`)
      .send({ active: false, maxMinutesPerDay: null, travelSpeedKmh: 22 })
      .expect(200);
    expect(updated.body).toMatchObject({
      active: false,
      maxMinutesPerDay: null,
      travelSpeedKmh: 22,
      firstName: 'Fatima',
    });
    const reactivated = await api.http.patch(`/caregivers/${created.id}`).send({ active: true }).expect(200);
    expect(reactivated.body.active).toBe(true);

    await api.http.delete(`/caregivers/${created.id}`).expect(204);
    expectProblem(await api.http.get(`/caregivers/${created.id}`), 404);
    expectProblem(await api.http.delete(`/caregivers/${created.id}`), 404);
  });

  it("lists a team's caregivers filtered by active and skill, a page at a time", async () => {
    const { teamId } = await createTeam(api.http);
    const other = await createTeam(api.http);
    await createCaregiver(other.teamId, { skills: ['nursing'] });
    const anna = await createCaregiver(teamId, {
      firstName: 'Anna',
      lastName: 'A',
      skills: ['nursing', 'medication'],
    });
    const bram = await createCaregiver(teamId, {
      firstName: 'Bram',
      lastName: 'B',
      skills: ['personal-care'],
    });
    const cor = await createCaregiver(teamId, {
      firstName: 'Cor',
      lastName: 'C',
      skills: ['nursing'],
      active: false,
    });

    const all = await api.http.get(`/teams/${teamId}/caregivers`).expect(200);
    expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([anna.id, bram.id, cor.id]);

    const nurses = await api.http.get(`/teams/${teamId}/caregivers`).query({ skill: 'nursing' }).expect(200);
    expect(nurses.body.items.map((item: { id: string }) => item.id)).toEqual([anna.id, cor.id]);

    const activeNurses = await api.http
      .get(`/teams/${teamId}/caregivers`)
      .query({ skill: 'nursing', active: 'true' })
      .expect(200);
    expect(activeNurses.body.items.map((item: { id: string }) => item.id)).toEqual([anna.id]);

    const inactive = await api.http.get(`/teams/${teamId}/caregivers`).query({ active: 'false' }).expect(200);
    expect(inactive.body.items.map((item: { id: string }) => item.id)).toEqual([cor.id]);

    const second = await api.http
      .get(`/teams/${teamId}/caregivers`)
      .query({ limit: 1, offset: 1 })
      .expect(200);
    expect(second.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([bram.id]);

    const problem = expectProblem(
      await api.http.get(`/teams/${teamId}/caregivers`).query({ active: 'maybe', limit: 0 }),
      400,
    );
    expect(problem.problems!.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['$.active', '$.limit']),
    );
  });

  it('refuses invalid and unknown fields, listing every one', async () => {
    const { teamId } = await createTeam(api.http);
    const response = await api.http.post(`/teams/${teamId}/caregivers`).send({
      skills: ['Personal Care', 'x'.repeat(60)],
      maxMinutesPerWeek: 5000,
      maxMinutesPerDay: 1.5,
      colour: 'red',
    });
    const problem = expectProblem(response, 400);
    const paths = problem.problems!.map((entry) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.firstName',
        '$.skills',
        '$.maxMinutesPerWeek',
        '$.maxMinutesPerDay',
        '$.colour',
      ]),
    );
    expect(problem.problems!.find((entry) => entry.path === '$.colour')!.message).toMatch(/unknown field/);

    const tooMany = await api.http.post(`/teams/${teamId}/caregivers`).send({
      firstName: 'X',
      maxMinutesPerWeek: 100,
      skills: Array.from({ length: 21 }, (_, index) => `skill-${index}`),
    });
    expect(expectProblem(tooMany, 400).problems!.map((entry) => entry.path)).toContain('$.skills');

    const created = await createCaregiver(teamId);
    const nulls = await api.http
      .patch(`/caregivers/${created.id}`)
      .send({ firstName: null, active: null, maxMinutesPerDay: 2000 });
    expect(expectProblem(nulls, 400).problems!.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['$.firstName', '$.active', '$.maxMinutesPerDay']),
    );
  });

  it('answers 404 for an unknown team or caregiver and 400 for a malformed id', async () => {
    expectProblem(
      await api.http.post(`/teams/${UNKNOWN_ID}/caregivers`).send({ firstName: 'X', maxMinutesPerWeek: 100 }),
      404,
    );
    expectProblem(await api.http.get(`/teams/${UNKNOWN_ID}/caregivers`), 404);
    expectProblem(await api.http.get(`/caregivers/${UNKNOWN_ID}`), 404);
    expectProblem(await api.http.patch(`/caregivers/${UNKNOWN_ID}`).send({ active: false }), 404);
    expectProblem(await api.http.get('/caregivers/not-a-uuid'), 400);
  });

  it('refuses a second caregiver with the same external reference in a team', async () => {
    const { teamId } = await createTeam(api.http);
    const reference = unique('cg');
    await createCaregiver(teamId, { externalRef: reference });
    expectProblem(
      await api.http
        .post(`/teams/${teamId}/caregivers`)
        .send({ firstName: 'X', maxMinutesPerWeek: 100, externalRef: reference }),
      409,
    );
  });

  it('refuses to delete a caregiver pinned to a visit and suggests deactivation', async () => {
    const { teamId } = await createTeam(api.http);
    const caregiver = await createCaregiver(teamId);
    const dataSource = api.app.get(DataSource);
    const client = await dataSource
      .getRepository(Client)
      .save({ teamId, name: 'Mevrouw Jansen', latitude: 52.36, longitude: 4.93 });
    const visit = await dataSource.getRepository(Visit).save({
      teamId,
      clientId: client.id,
      date: '2026-06-01',
      earliestStart: new Date('2026-06-01T06:00:00Z'),
      latestEnd: new Date('2026-06-01T08:00:00Z'),
      durationMinutes: 30,
    });
    await dataSource.getRepository(VisitPin).save({ visitId: visit.id, caregiverIds: [caregiver.id] });

    const problem = expectProblem(
      await api.http.delete(`/caregivers/${caregiver.id}`).set('Accept-Language', 'en'),
      409,
    );
    expect(problem.detail).toMatch(/deactivate/);
    expect(problem.visitIds).toEqual([visit.id]);
    await api.http.get(`/caregivers/${caregiver.id}`).expect(200);

    await api.http.patch(`/caregivers/${caregiver.id}`).send({ active: false }).expect(200);
  });
});
