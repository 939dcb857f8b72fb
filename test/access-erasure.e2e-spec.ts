import { DataSource } from 'typeorm';
import { createTeam, createTestApp, expectProblem, signInAs, type TestApp, unique } from './support/test-app';
import { dayOf } from './support/clock';
import { WEEK } from './support/rosters';

describe('erasure of a client on request', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('removes personal data, keeps the anonymous record of work, and revokes every access link', async () => {
    const { organisationId, teamId } = await createTeam(api.http);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    const caregiver = (
      await coordinator.http
        .post(`/teams/${teamId}/caregivers`)
        .send({ firstName: 'Mila', maxMinutesPerWeek: 1200 })
        .expect(201)
    ).body.id as string;
    const client = await coordinator.http
      .post(`/teams/${teamId}/clients`)
      .send({
        name: 'Hendrik Jansen',
        address: 'Kerkstraat 12, Amsterdam',
        latitude: 52.366712,
        longitude: 4.897219,
        notes: 'key under the mat; diabetic',
        familyContacts: [{ name: 'Els Jansen', relation: 'daughter', phone: '+31 6 1234 5678' }],
        externalRef: 'BSN-123',
        preferredCaregiverIds: [caregiver],
      })
      .expect(201);
    const clientId = client.body.id as string;
    await coordinator.http
      .put(`/clients/${clientId}/history`)
      .send({ entries: [{ caregiverId: caregiver, visits: 12 }] })
      .expect(200);
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
    const past = await coordinator.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId,
        earliestStart: `${dayOf(WEEK, -28)}T08:00`,
        latestEnd: `${dayOf(WEEK, -28)}T09:00`,
        durationMinutes: 45,
      })
      .expect(201);
    await coordinator.http
      .post(`/teams/${teamId}/visits/generate`)
      .send({ from: dayOf(WEEK, 1), to: dayOf(WEEK, 7) })
      .expect(200);
    const family = await signInAs(api, { role: 'family', clientIds: [clientId] });
    const pending = await coordinator.http
      .post('/invitations')
      .send({ kind: 'family', email: `${unique('son')}@homecare.test`, clientId })
      .expect(201);

    const erased = await coordinator.http.post(`/clients/${clientId}/erasure`).expect(200);
    expect(erased.body).toMatchObject({
      clientId,
      careNeedsRemoved: 1,
      futureVisitsCancelled: 7,
      accessLinksRevoked: 1,
      invitationsRevoked: 1,
    });

    const after = await coordinator.http.get(`/clients/${clientId}`).expect(200);
    expect(after.body).toMatchObject({
      name: 'erased client',
      address: '',
      notes: '',
      familyContacts: [],
      externalRef: null,
      preferredCaregiverIds: [],
      latitude: 52.37,
      longitude: 4.9,
      // The history stays, attached to the anonymous record (continuity statistics, payroll).
      history: [{ caregiverId: caregiver, visits: 12 }],
    });
    expect(JSON.stringify(after.body)).not.toMatch(/Hendrik|Jansen|Kerkstraat|mat|BSN|6 1234/);
    expect((await coordinator.http.get(`/clients/${clientId}/care-needs`).expect(200)).body.items).toEqual(
      [],
    );

    // The hours of past visits stay for payroll; future ones are cancelled.
    const visits = await coordinator.http
      .get(`/teams/${teamId}/visits`)
      .query({ from: dayOf(WEEK, -29), to: dayOf(WEEK, 31), clientId, limit: 200 })
      .expect(200);
    expect(visits.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: past.body.id, status: 'planned', durationMinutes: 45 }),
      ]),
    );
    const future = visits.body.items.filter((visit: { date: string }) => visit.date >= dayOf(WEEK, 1));
    expect(future).toHaveLength(7);
    expect(future.every((visit: { status: string }) => visit.status === 'cancelled')).toBe(true);

    const links = (await coordinator.http.get(`/clients/${clientId}/access-links`).expect(200)).body.items;
    expect(links).toEqual([
      expect.objectContaining({ userId: family.user.id, revokedAt: expect.any(String) }),
    ]);
    expectProblem(await api.anonymous.get(`/invitations/${pending.body.token}`), 404);
    const [invitation] = await api.app
      .get(DataSource)
      .query<{ email: string }[]>('SELECT email FROM invitation WHERE id = $1', [pending.body.id]);
    expect(invitation.email).toBe('');

    const log = await coordinator.http
      .get(`/clients/${clientId}/access-log`)
      .query({ limit: 200 })
      .expect(200);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: coordinator.user.id,
          action: 'erase',
          route: 'POST /clients/:clientId/erasure',
        }),
      ]),
    );

    // Erasing again changes nothing and still answers.
    const again = await coordinator.http.post(`/clients/${clientId}/erasure`).expect(200);
    expect(again.body).toMatchObject({
      careNeedsRemoved: 0,
      futureVisitsCancelled: 0,
      accessLinksRevoked: 0,
    });
  });
});
