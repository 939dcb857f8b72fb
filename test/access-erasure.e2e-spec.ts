import { randomBytes } from 'node:crypto';
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
  it('leaves no trace of a canary put into every personal field, anywhere in the database', async () => {
    const dataSource = api.app.get(DataSource);
    const canary = `canary${randomBytes(6).toString('hex')}`;
    // A phone number is digits only: its own canary, ten random ones.
    const phone = Array.from(randomBytes(10), (byte) => byte % 10).join('');
    // Coordinates no other row has: the client's door, and where the caregiver stood at it.
    const door = { latitude: 52.3 + Math.random() / 10, longitude: 4.8 + Math.random() / 10 };
    const { organisationId, teamId } = await createTeam(api.http);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    const caregiver = (
      await coordinator.http
        .post(`/teams/${teamId}/caregivers`)
        .send({ firstName: 'Mila', maxMinutesPerWeek: 1200 })
        .expect(201)
    ).body.id as string;
    const clientId = (
      await coordinator.http
        .post(`/teams/${teamId}/clients`)
        .send({
          name: `${canary} Jansen`,
          address: `${canary}straat 12, Amsterdam`,
          ...door,
          notes: `${canary} key under the mat`,
          familyContacts: [{ name: `${canary} Els`, relation: `${canary} daughter`, phone: `+31 ${phone}` }],
          externalRef: `${canary}-ref`,
        })
        .expect(201)
    ).body.id as string;
    await coordinator.http
      .post(`/clients/${clientId}/care-needs`)
      .send({
        description: `${canary} insulin`,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        windowStart: '08:00',
        windowEnd: '09:00',
        durationMinutes: 20,
        startsOn: dayOf(WEEK, -29),
      })
      .expect(201);
    await coordinator.http
      .post(`/teams/${teamId}/visits/generate`)
      .send({ from: dayOf(WEEK, 0), to: dayOf(WEEK, 6) })
      .expect(200);
    const past = await coordinator.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId,
        earliestStart: `${dayOf(WEEK, -28)}T08:00`,
        latestEnd: `${dayOf(WEEK, -28)}T09:00`,
        durationMinutes: 45,
      })
      .expect(201);
    // A check-in at the door, written as the check-in route writes it (its roster is beside the point).
    await dataSource.query(
      `INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at, checked_out_at, latitude, longitude,
                                   check_out_latitude, check_out_longitude)
       SELECT id, $2, earliest_start, latest_end, $3, $4, $3, $4 FROM visit WHERE id = $1`,
      [past.body.id, caregiver, door.latitude, door.longitude],
    );
    // Family invitations: one pending, one withdrawn, each with the canary in email, name and relation.
    for (const revoke of [false, true]) {
      const invitation = await coordinator.http
        .post('/invitations')
        .send({
          kind: 'family',
          email: `${canary}${revoke ? '.b' : ''}@homecare.test`,
          firstName: canary,
          relation: `${canary} son`,
          clientId,
        })
        .expect(201);
      if (revoke) await coordinator.http.post(`/invitations/${invitation.body.id}/revoke`).expect(200);
    }
    // A coordinator's calendar feed of the client, and a computation still to run (no worker here):
    // its stored input is the team's scenario, with the client's name and door.
    await coordinator.http.post(`/clients/${clientId}/calendar-feeds`).expect(201);
    const roster = await coordinator.http
      .post(`/teams/${teamId}/rosters`)
      .send({ periodStart: dayOf(WEEK, 0), periodEnd: dayOf(WEEK, 6) })
      .expect(202);

    /** Every text, json and array column of every table, and every float column, that holds the canary. */
    const traces = async (): Promise<string[]> => {
      const columns = await dataSource.query<
        { table_name: string; column_name: string; data_type: string }[]
      >(
        `SELECT c.table_name, c.column_name, c.data_type
           FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'double precision', 'numeric')`,
      );
      const found: string[] = [];
      for (const { table_name: table, column_name: column, data_type: type } of columns) {
        const numeric = type === 'double precision' || type === 'numeric';
        const [row] = await dataSource.query<{ count: number }[]>(
          numeric
            ? `SELECT count(*)::int AS count FROM "${table}" WHERE "${column}"::float8 IN ($1, $2)`
            : `SELECT count(*)::int AS count FROM "${table}"
                WHERE "${column}"::text ILIKE '%' || $1 || '%' OR "${column}"::text LIKE '%' || $2 || '%'`,
          numeric ? [door.latitude, door.longitude] : [canary, phone],
        );
        if (row.count > 0) found.push(`${table}.${column}`);
      }
      return found.sort();
    };
    // The search finds what it looks for: before erasure the canary is everywhere it was put.
    expect(await traces()).toEqual(
      expect.arrayContaining([
        'care_need.description',
        'client.address',
        'client.external_ref',
        'client.family_contacts',
        'client.latitude',
        'client.name',
        'client.notes',
        'invitation.email',
        'invitation.first_name',
        'invitation.relation',
        'roster.input',
        'visit_check_in.latitude',
        'visit_check_in.check_out_longitude',
      ]),
    );
    const feeds = await dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM calendar_feed WHERE client_id = $1',
      [clientId],
    );
    expect(feeds[0].count).toBe(1);

    const erased = await coordinator.http.post(`/clients/${clientId}/erasure`).expect(200);
    expect(erased.body).toMatchObject({
      checkInPositionsRemoved: 1,
      calendarFeedsRemoved: 1,
      pendingRosterInputsScrubbed: 1,
    });
    expect(await traces()).toEqual([]);
    const [after] = await dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM calendar_feed WHERE client_id = $1',
      [clientId],
    );
    expect(after.count).toBe(0);
    // The work stays: the check-in's hours, and the computation, still pending, with the anonymous client.
    const [checkIn] = await dataSource.query<{ checked_out_at: Date | null }[]>(
      'SELECT checked_out_at FROM visit_check_in WHERE visit_id = $1',
      [past.body.id],
    );
    expect(checkIn.checked_out_at).not.toBeNull();
    const [pending] = await dataSource.query<
      { status: string; input: { clients: { id: string; name: string }[] } }[]
    >('SELECT status, input FROM roster WHERE id = $1', [roster.body.rosterId]);
    expect(pending.input.clients).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'erased client' })]),
    );
  });
});
