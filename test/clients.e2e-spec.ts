import { DataSource } from 'typeorm';
import { Caregiver } from '@homecare/database';
import { createTeam, createTestApp, expectProblem, type TestApp, unique } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('clients and care needs', () => {
  let api: TestApp;
  let addCaregiver: (teamId: string) => Promise<string>;

  beforeAll(async () => {
    api = await createTestApp();
    const caregivers = api.app.get(DataSource).getRepository(Caregiver);
    addCaregiver = async (teamId) =>
      (
        await caregivers.save(
          caregivers.create({ teamId, firstName: unique('carer'), maxMinutesPerWeek: 1800 }),
        )
      ).id;
  });
  afterAll(async () => {
    await api.close();
  });

  const clientBody = (overrides: Record<string, unknown> = {}) => ({
    name: unique('client'),
    address: 'Linnaeusstraat 12',
    latitude: 52.36,
    longitude: 4.93,
    ...overrides,
  });

  it('creates, reads, searches, updates and deletes a client', async () => {
    const { teamId } = await createTeam(api.http);
    const [anna, bert] = [await addCaregiver(teamId), await addCaregiver(teamId)];
    const created = await api.http
      .post(`/teams/${teamId}/clients`)
      .send(
        clientBody({
          name: 'Mevrouw Jansen',
          preferredCaregiverIds: [anna],
          excludedCaregiverIds: [bert],
          familyContacts: [{ name: 'Els', relation: 'daughter', email: 'els@example.org' }],
        }),
      )
      .expect(201);
    expect(created.body).toMatchObject({
      teamId,
      name: 'Mevrouw Jansen',
      preferredCaregiverIds: [anna],
      excludedCaregiverIds: [bert],
      familyContacts: [{ name: 'Els', relation: 'daughter' }],
    });
    const clientId: string = created.body.id;
    await api.http
      .post(`/teams/${teamId}/clients`)
      .send(clientBody({ name: 'Meneer de Boer' }))
      .expect(201);

    const read = await api.http.get(`/clients/${clientId}`).expect(200);
    expect(read.body).toMatchObject({ id: clientId, latitude: 52.36, history: [] });

    const search = await api.http
      .get(`/teams/${teamId}/clients`)
      .query({ search: 'jans', limit: 10 })
      .expect(200);
    expect(search.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(search.body.items[0].id).toBe(clientId);
    const all = await api.http.get(`/teams/${teamId}/clients`).expect(200);
    expect(all.body.items.map((client: { name: string }) => client.name)).toEqual([
      'Meneer de Boer',
      'Mevrouw Jansen',
    ]);

    const updated = await api.http
      .patch(`/clients/${clientId}`)
      .send({ notes: 'key under the mat', preferredCaregiverIds: [anna, bert], excludedCaregiverIds: [] })
      .expect(200);
    expect(updated.body).toMatchObject({
      notes: 'key under the mat',
      preferredCaregiverIds: [anna, bert],
      excludedCaregiverIds: [],
    });

    await api.http.delete(`/clients/${clientId}`).expect(204);
    expectProblem(await api.http.get(`/clients/${clientId}`), 404);
    expectProblem(await api.http.delete(`/clients/${clientId}`), 404);
  });

  it('refuses a caregiver of another team among the preferred, with the path of the offending id', async () => {
    const { teamId } = await createTeam(api.http);
    const other = await createTeam(api.http);
    const own = await addCaregiver(teamId);
    const foreign = await addCaregiver(other.teamId);
    const problem = expectProblem(
      await api.http
        .post(`/teams/${teamId}/clients`)
        .send(clientBody({ preferredCaregiverIds: [own, foreign] })),
      400,
    );
    expect(problem.problems).toEqual([
      {
        path: '$.preferredCaregiverIds[1]',
        message: expect.stringContaining('not a caregiver of this team'),
      },
    ]);

    const client = await api.http.post(`/teams/${teamId}/clients`).send(clientBody()).expect(201);
    const patch = expectProblem(
      await api.http.patch(`/clients/${client.body.id}`).send({ excludedCaregiverIds: [foreign] }),
      400,
    );
    expect(patch.problems!.map((entry) => entry.path)).toEqual(['$.excludedCaregiverIds[0]']);
  });

  it('refuses a caregiver who is both preferred and excluded', async () => {
    const { teamId } = await createTeam(api.http);
    const anna = await addCaregiver(teamId);
    const problem = expectProblem(
      await api.http
        .post(`/teams/${teamId}/clients`)
        .send(clientBody({ preferredCaregiverIds: [anna], excludedCaregiverIds: [anna] })),
      400,
    );
    expect(problem.problems).toEqual([
      { path: '$.excludedCaregiverIds[0]', message: expect.stringContaining('both preferred and excluded') },
    ]);
  });

  it('validates location and family contacts, reporting every field at once', async () => {
    const { teamId } = await createTeam(api.http);
    const contacts = Array.from({ length: 11 }, (_, index) => ({ name: `contact ${index}` }));
    const tooMany = expectProblem(
      await api.http.post(`/teams/${teamId}/clients`).send(clientBody({ familyContacts: contacts })),
      400,
    );
    expect(tooMany.problems!.map((entry) => entry.path)).toContain('$.familyContacts');

    const bad = expectProblem(
      await api.http.post(`/teams/${teamId}/clients`).send(
        clientBody({
          latitude: 91,
          longitude: -181,
          familyContacts: [{ name: 'Els', email: 'not-an-email' }, { relation: 'son' }],
        }),
      ),
      400,
    );
    expect(bad.problems!.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        '$.latitude',
        '$.longitude',
        '$.familyContacts[0].email',
        '$.familyContacts[1].name',
      ]),
    );
  });

  it('replaces the imported history and shows it on the client', async () => {
    const { teamId } = await createTeam(api.http);
    const [anna, bert] = [await addCaregiver(teamId), await addCaregiver(teamId)];
    const foreign = await addCaregiver((await createTeam(api.http)).teamId);
    const client = await api.http.post(`/teams/${teamId}/clients`).send(clientBody()).expect(201);

    await api.http
      .put(`/clients/${client.body.id}/history`)
      .send({
        entries: [
          { caregiverId: anna, visits: 3 },
          { caregiverId: bert, visits: 12 },
        ],
      })
      .expect(200);
    const replaced = await api.http
      .put(`/clients/${client.body.id}/history`)
      .send({ entries: [{ caregiverId: anna, visits: 5 }] })
      .expect(200);
    expect(replaced.body).toEqual({ history: [{ caregiverId: anna, visits: 5 }] });
    expect((await api.http.get(`/clients/${client.body.id}`).expect(200)).body.history).toEqual([
      { caregiverId: anna, visits: 5 },
    ]);

    const refused = expectProblem(
      await api.http
        .put(`/clients/${client.body.id}/history`)
        .send({ entries: [{ caregiverId: foreign, visits: 1 }] }),
      400,
    );
    expect(refused.problems).toEqual([{ path: '$.entries[0].caregiverId', message: expect.any(String) }]);
    expectProblem(
      await api.http
        .put(`/clients/${client.body.id}/history`)
        .send({ entries: [{ caregiverId: anna, visits: -1 }] }),
      400,
    );
  });

  it('answers 404 for unknown teams and clients and 400 for malformed ids', async () => {
    expectProblem(await api.http.post(`/teams/${UNKNOWN_ID}/clients`).send(clientBody()), 404);
    expectProblem(await api.http.get(`/teams/${UNKNOWN_ID}/clients`), 404);
    expectProblem(await api.http.get(`/clients/${UNKNOWN_ID}`), 404);
    expectProblem(await api.http.patch(`/clients/${UNKNOWN_ID}`).send({ name: 'x' }), 404);
    expectProblem(await api.http.get('/clients/not-a-uuid'), 400);
    expectProblem(
      await api.http.post(`/clients/${UNKNOWN_ID}/care-needs`).send({
        weekdays: [1],
        windowStart: '08:00',
        windowEnd: '09:00',
        durationMinutes: 30,
        startsOn: '2027-01-01',
      }),
      404,
    );
    expectProblem(await api.http.get(`/care-needs/${UNKNOWN_ID}`), 404);
    expectProblem(await api.http.delete(`/care-needs/${UNKNOWN_ID}`), 404);
  });

  describe('care needs', () => {
    let clientId: string;
    beforeAll(async () => {
      const { teamId } = await createTeam(api.http);
      clientId = (await api.http.post(`/teams/${teamId}/clients`).send(clientBody()).expect(201)).body.id;
    });

    const needBody = (overrides: Record<string, unknown> = {}) => ({
      description: 'morning care',
      weekdays: [1, 3, 5],
      windowStart: '07:30',
      windowEnd: '09:30',
      durationMinutes: 45,
      requiredSkills: ['personal-care'],
      startsOn: '2027-01-04',
      ...overrides,
    });

    it('creates, lists, reads, updates and deletes a care need', async () => {
      const created = await api.http.post(`/clients/${clientId}/care-needs`).send(needBody()).expect(201);
      expect(created.body).toMatchObject({
        clientId,
        weekdays: [1, 3, 5],
        windowStart: '07:30',
        windowEnd: '09:30',
        caregiversNeeded: 1,
        endsOn: null,
      });
      const id: string = created.body.id;

      const list = await api.http.get(`/clients/${clientId}/care-needs`).expect(200);
      expect(list.body.items.map((need: { id: string }) => need.id)).toContain(id);
      await api.http.get(`/care-needs/${id}`).expect(200);

      const updated = await api.http
        .patch(`/care-needs/${id}`)
        .send({ weekdays: [2], caregiversNeeded: 2, endsOn: '2027-06-30' })
        .expect(200);
      expect(updated.body).toMatchObject({
        weekdays: [2],
        caregiversNeeded: 2,
        endsOn: '2027-06-30',
        windowStart: '07:30',
      });

      await api.http.delete(`/care-needs/${id}`).expect(204);
      expectProblem(await api.http.get(`/care-needs/${id}`), 404);
    });

    it('reports every malformed field at once', async () => {
      const problem = expectProblem(
        await api.http.post(`/clients/${clientId}/care-needs`).send(
          needBody({
            weekdays: [0, 8],
            windowStart: '7:30',
            windowEnd: '25:00',
            durationMinutes: 0,
            caregiversNeeded: 5,
            startsOn: '2027-02-30',
            requiredSkills: [''],
          }),
        ),
        400,
      );
      expect(problem.problems!.map((entry) => entry.path)).toEqual(
        expect.arrayContaining([
          '$.weekdays',
          '$.windowStart',
          '$.windowEnd',
          '$.durationMinutes',
          '$.caregiversNeeded',
          '$.startsOn',
          '$.requiredSkills',
        ]),
      );
      const empty = expectProblem(
        await api.http.post(`/clients/${clientId}/care-needs`).send(needBody({ weekdays: [] })),
        400,
      );
      expect(empty.problems!.map((entry) => entry.path)).toEqual(['$.weekdays']);
      const repeated = expectProblem(
        await api.http.post(`/clients/${clientId}/care-needs`).send(needBody({ weekdays: [1, 1] })),
        400,
      );
      expect(repeated.problems).toEqual([{ path: '$.weekdays', message: 'weekdays must not repeat' }]);
    });

    it('refuses windows that end before they start, are shorter than the duration, or dates out of order', async () => {
      const overnight = expectProblem(
        await api.http
          .post(`/clients/${clientId}/care-needs`)
          .send(needBody({ windowStart: '22:00', windowEnd: '01:00' })),
        400,
      );
      expect(overnight.problems).toEqual([
        { path: '$.windowEnd', message: expect.stringContaining('across midnight are not supported') },
      ]);

      const short = expectProblem(
        await api.http.post(`/clients/${clientId}/care-needs`).send(
          needBody({
            windowStart: '08:00',
            windowEnd: '08:30',
            durationMinutes: 45,
            startsOn: '2027-03-01',
            endsOn: '2027-02-01',
          }),
        ),
        400,
      );
      expect(short.problems).toEqual([
        { path: '$.durationMinutes', message: expect.stringContaining('window shorter than the duration') },
        { path: '$.endsOn', message: 'endsOn must not be before startsOn' },
      ]);

      // A change is checked against the care need as it would become.
      const need = await api.http.post(`/clients/${clientId}/care-needs`).send(needBody()).expect(201);
      const patch = expectProblem(
        await api.http.patch(`/care-needs/${need.body.id}`).send({ durationMinutes: 180 }),
        400,
      );
      expect(patch.problems![0].message).toContain('window shorter than the duration');
    });
  });
});
