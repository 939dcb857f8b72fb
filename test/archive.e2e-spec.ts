// Deleting a caregiver or a client cascades into their visits and check-ins: hours of a pay period
// still open would vanish from payroll. Such a delete is refused with a rule-level code, and the
// way that keeps hours and history is offered instead: deactivating the caregiver, archiving the client.
import { DataSource } from 'typeorm';
import { dayOf } from './support/clock';
import { WEEK } from './support/rosters';
import { createTeam, createTestApp, expectProblem, signInAs, type TestApp } from './support/test-app';

describe('archive instead of delete while hours count', () => {
  let api: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses to delete a caregiver or a client with hours of an open pay period, and archives the client keeping them', async () => {
    const { organisationId, teamId } = await createTeam(api.http);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    const caregiverId = (
      await coordinator.http
        .post(`/teams/${teamId}/caregivers`)
        .send({ firstName: 'Mila', maxMinutesPerWeek: 1200 })
        .expect(201)
    ).body.id as string;
    const clientId = (
      await coordinator.http
        .post(`/teams/${teamId}/clients`)
        .send({ name: 'Hendrik Jansen', latitude: 52.36, longitude: 4.93 })
        .expect(201)
    ).body.id as string;
    await coordinator.http
      .post(`/clients/${clientId}/care-needs`)
      .send({
        description: 'insulin',
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        windowStart: '08:00',
        windowEnd: '09:00',
        durationMinutes: 20,
        startsOn: dayOf(WEEK, -29),
      })
      .expect(201);
    const worked = await coordinator.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId,
        earliestStart: `${dayOf(WEEK, -2)}T08:00`,
        latestEnd: `${dayOf(WEEK, -2)}T09:00`,
        durationMinutes: 45,
      })
      .expect(201);
    // Worked hours: a check-in and out of that visit (as the check-in route writes them; its
    // published roster is beside the point here). Nobody approved or locked its pay period.
    await dataSource.query(
      `INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at, checked_out_at)
       SELECT id, $2, earliest_start, earliest_start + interval '45 minutes' FROM visit WHERE id = $1`,
      [worked.body.id, caregiverId],
    );

    const caregiverRefused = expectProblem(await coordinator.http.delete(`/caregivers/${caregiverId}`), 409);
    expect(caregiverRefused).toMatchObject({ code: 'caregiver.has-open-hours', checkIns: 1 });
    const clientRefused = expectProblem(await coordinator.http.delete(`/clients/${clientId}`), 409);
    expect(clientRefused).toMatchObject({ code: 'client.has-open-hours', checkIns: 1 });

    // Archiving keeps the record of work: the client, the visit and its check-in are all there.
    const archived = await coordinator.http.post(`/clients/${clientId}/archive`).expect(200);
    expect(archived.body).toMatchObject({ id: clientId, archivedAt: expect.any(String) });
    const again = await coordinator.http.post(`/clients/${clientId}/archive`).expect(200);
    expect(again.body.archivedAt).toBe(archived.body.archivedAt);
    const [kept] = await dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM visit_check_in WHERE visit_id = $1',
      [worked.body.id],
    );
    expect(kept.count).toBe(1);
    const visits = await coordinator.http
      .get(`/teams/${teamId}/visits`)
      .query({ from: dayOf(WEEK, -3), to: dayOf(WEEK, 7), clientId, limit: 200 })
      .expect(200);
    expect(visits.body.items).toEqual([expect.objectContaining({ id: worked.body.id })]);
    // No new visits for an archived client: its care needs no longer generate any.
    const generated = await coordinator.http
      .post(`/teams/${teamId}/visits/generate`)
      .send({ from: dayOf(WEEK, 0), to: dayOf(WEEK, 6) })
      .expect(200);
    expect(generated.body).toMatchObject({ created: 0 });
    // The caregiver's way is deactivation (their hours stay, their access goes).
    await coordinator.http.patch(`/caregivers/${caregiverId}`).send({ active: false }).expect(200);

    // Without hours, a delete is still a delete.
    const empty = (
      await coordinator.http
        .post(`/teams/${teamId}/clients`)
        .send({ name: 'Nobody Yet', latitude: 52.36, longitude: 4.93 })
        .expect(201)
    ).body.id as string;
    await coordinator.http.delete(`/clients/${empty}`).expect(204);
  });
});
