import { AvailabilityService } from '@homecare/core/availability';
import { createTeam, createTestApp, expectProblem, type TestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('caregiver availability', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  const createCaregiver = async (teamId: string, body: Record<string, unknown> = {}): Promise<string> =>
    (
      await api.http
        .post(`/teams/${teamId}/caregivers`)
        .send({ firstName: 'Fatima', maxMinutesPerWeek: 1920, ...body })
        .expect(201)
    ).body.id;

  it('adds, lists and deletes dated windows, local time in the team zone or ISO with an offset', async () => {
    const { teamId } = await createTeam(api.http);
    const caregiverId = await createCaregiver(teamId);
    const local = await api.http
      .post(`/caregivers/${caregiverId}/availability/windows`)
      .send({ start: '2026-03-29T07:00', end: '2026-03-29T13:00' })
      .expect(201);
    expect(local.body).toMatchObject({
      id: expect.any(String),
      caregiverId,
      start: '2026-03-29T07:00',
      end: '2026-03-29T13:00',
      startsAt: '2026-03-29T05:00:00.000Z',
      endsAt: '2026-03-29T11:00:00.000Z',
    });
    const offset = await api.http
      .post(`/caregivers/${caregiverId}/availability/windows`)
      .send({ start: '2026-04-02T08:00:00+02:00', end: '2026-04-02T10:00:00Z' })
      .expect(201);
    expect(offset.body).toMatchObject({ start: '2026-04-02T08:00', end: '2026-04-02T12:00' });

    const all = await api.http.get(`/caregivers/${caregiverId}/availability/windows`).expect(200);
    expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([local.body.id, offset.body.id]);
    const april = await api.http
      .get(`/caregivers/${caregiverId}/availability/windows`)
      .query({ from: '2026-04-01', to: '2026-04-30' })
      .expect(200);
    expect(april.body.items.map((item: { id: string }) => item.id)).toEqual([offset.body.id]);

    await api.http.delete(`/caregivers/${caregiverId}/availability/windows/${local.body.id}`).expect(204);
    const after = await api.http.get(`/caregivers/${caregiverId}/availability/windows`).expect(200);
    expect(after.body.total).toBe(1);
  });

  it('refuses a local time that the clocks skip, and an end before the start, with the path', async () => {
    const { teamId } = await createTeam(api.http);
    const caregiverId = await createCaregiver(teamId);
    const gap = expectProblem(
      await api.http
        .post(`/caregivers/${caregiverId}/availability/windows`)
        .send({ start: '2026-03-29T02:30', end: '2026-03-29T06:00' }),
      400,
    );
    expect(gap.problems).toEqual([
      { path: '$.start', message: expect.stringContaining('does not exist in Europe/Amsterdam') },
    ]);

    const backwards = expectProblem(
      await api.http
        .post(`/caregivers/${caregiverId}/availability/windows`)
        .send({ start: '2026-04-01T10:00', end: '2026-04-01T09:00' }),
      400,
    );
    expect(backwards.problems).toEqual([{ path: '$.end', message: 'end must be after start' }]);

    const malformed = expectProblem(
      await api.http
        .post(`/caregivers/${caregiverId}/availability/windows`)
        .send({ start: 'tomorrow at ten', end: 5, extra: 1 }),
      400,
    );
    expect(malformed.problems!.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['$.end', '$.extra']),
    );
    expect(
      (await api.http.get(`/caregivers/${caregiverId}/availability/windows`).expect(200)).body.total,
    ).toBe(0);
  });

  it('replaces the weekly pattern atomically', async () => {
    const { teamId } = await createTeam(api.http);
    const caregiverId = await createCaregiver(teamId);
    const empty = await api.http.get(`/caregivers/${caregiverId}/availability/pattern`).expect(200);
    expect(empty.body).toMatchObject({
      caregiverId,
      timezone: 'Europe/Amsterdam',
      validFrom: null,
      windows: [],
    });

    const pattern = {
      validFrom: '2026-03-23',
      windows: [
        { weekday: 7, start: '07:00', end: '13:00' },
        { weekday: 1, start: '22:00', end: '07:00' },
      ],
    };
    const saved = await api.http
      .put(`/caregivers/${caregiverId}/availability/pattern`)
      .send(pattern)
      .expect(200);
    expect(saved.body).toMatchObject({ validFrom: '2026-03-23', validUntil: null });
    expect(
      saved.body.windows.map((window: { weekday: number; start: string; end: string }) => [
        window.weekday,
        window.start,
        window.end,
      ]),
    ).toEqual([
      [1, '22:00', '07:00'],
      [7, '07:00', '13:00'],
    ]);

    // The second window is invalid (DTO), then overlapping (service): either way nothing changes.
    const invalid = await api.http.put(`/caregivers/${caregiverId}/availability/pattern`).send({
      validFrom: '2026-04-01',
      windows: [
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 8, start: '25:00', end: '12:00' },
      ],
    });
    expect(expectProblem(invalid, 400).problems!.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['$.windows[1].weekday', '$.windows[1].start']),
    );
    const overlapping = await api.http.put(`/caregivers/${caregiverId}/availability/pattern`).send({
      validFrom: '2026-04-01',
      windows: [
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '14:00' },
      ],
    });
    expect(expectProblem(overlapping, 400).problems).toEqual([
      { path: '$.windows[1]', message: expect.stringContaining('overlaps') },
    ]);
    const backwards = await api.http
      .put(`/caregivers/${caregiverId}/availability/pattern`)
      .send({ validFrom: '2026-04-01', validUntil: '2026-03-01', windows: [] });
    expect(expectProblem(backwards, 400).problems).toEqual([
      { path: '$.validUntil', message: expect.any(String) },
    ]);

    const unchanged = await api.http.get(`/caregivers/${caregiverId}/availability/pattern`).expect(200);
    expect(unchanged.body).toEqual(saved.body);
  });

  it('expands the pattern over the spring-forward week into the right instants', async () => {
    const { teamId } = await createTeam(api.http);
    const caregiverId = await createCaregiver(teamId);
    await api.http
      .put(`/caregivers/${caregiverId}/availability/pattern`)
      .send({
        validFrom: '2026-03-01',
        windows: [
          { weekday: 6, start: '07:00', end: '13:00' },
          { weekday: 7, start: '07:00', end: '13:00' },
        ],
      })
      .expect(200);
    const expanded = await api.http
      .get(`/caregivers/${caregiverId}/availability`)
      .query({ from: '2026-03-23', to: '2026-03-29' })
      .expect(200);
    expect(expanded.body).toMatchObject({
      caregiverId,
      timezone: 'Europe/Amsterdam',
      from: '2026-03-23',
      to: '2026-03-29',
    });
    expect(expanded.body.windows).toEqual([
      {
        start: '2026-03-28T07:00',
        end: '2026-03-28T13:00',
        startsAt: '2026-03-28T06:00:00.000Z',
        endsAt: '2026-03-28T12:00:00.000Z',
        source: 'pattern',
      },
      {
        start: '2026-03-29T07:00',
        end: '2026-03-29T13:00',
        startsAt: '2026-03-29T05:00:00.000Z',
        endsAt: '2026-03-29T11:00:00.000Z',
        source: 'pattern',
      },
    ]);
  });

  it('cuts a window with an exception, and lists and deletes exceptions', async () => {
    const { teamId } = await createTeam(api.http);
    const caregiverId = await createCaregiver(teamId);
    await api.http
      .put(`/caregivers/${caregiverId}/availability/pattern`)
      .send({ validFrom: '2026-06-01', windows: [{ weekday: 3, start: '08:00', end: '16:00' }] })
      .expect(200);
    const exception = await api.http
      .post(`/caregivers/${caregiverId}/availability/exceptions`)
      .send({ start: '2026-06-03T11:00', end: '2026-06-03T12:30', kind: 'appointment', note: 'Dentist' })
      .expect(201);
    expect(exception.body).toMatchObject({
      caregiverId,
      kind: 'appointment',
      note: 'Dentist',
      startsAt: '2026-06-03T09:00:00.000Z',
    });

    const cut = await api.http
      .get(`/caregivers/${caregiverId}/availability`)
      .query({ from: '2026-06-01', to: '2026-06-07' })
      .expect(200);
    expect(
      cut.body.windows.map((window: { start: string; end: string }) => `${window.start}/${window.end}`),
    ).toEqual(['2026-06-03T08:00/2026-06-03T11:00', '2026-06-03T12:30/2026-06-03T16:00']);

    const listed = await api.http
      .get(`/caregivers/${caregiverId}/availability/exceptions`)
      .query({ from: '2026-06-01', to: '2026-06-30' })
      .expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: exception.body.id }] });
    const badKind = await api.http
      .post(`/caregivers/${caregiverId}/availability/exceptions`)
      .send({ start: '2026-06-03T11:00', end: '2026-06-03T12:30', kind: 'holiday' });
    expect(expectProblem(badKind, 400).problems!.map((entry) => entry.path)).toEqual(['$.kind']);

    await api.http
      .delete(`/caregivers/${caregiverId}/availability/exceptions/${exception.body.id}`)
      .expect(204);
    const whole = await api.http
      .get(`/caregivers/${caregiverId}/availability`)
      .query({ from: '2026-06-01', to: '2026-06-07' })
      .expect(200);
    expect(whole.body.windows).toHaveLength(1);
  });

  it('answers 404 for unknown ids and for a window or exception of another caregiver', async () => {
    const { teamId } = await createTeam(api.http);
    const owner = await createCaregiver(teamId);
    const stranger = await createCaregiver(teamId);
    const window = await api.http
      .post(`/caregivers/${owner}/availability/windows`)
      .send({ start: '2026-06-01T08:00', end: '2026-06-01T12:00' })
      .expect(201);
    const exception = await api.http
      .post(`/caregivers/${owner}/availability/exceptions`)
      .send({ start: '2026-06-01T09:00', end: '2026-06-01T10:00', kind: 'sick' })
      .expect(201);

    expectProblem(
      await api.http.delete(`/caregivers/${stranger}/availability/windows/${window.body.id}`),
      404,
    );
    expectProblem(
      await api.http.delete(`/caregivers/${stranger}/availability/exceptions/${exception.body.id}`),
      404,
    );
    expectProblem(await api.http.delete(`/caregivers/${owner}/availability/windows/${UNKNOWN_ID}`), 404);
    expectProblem(
      await api.http.delete(`/caregivers/${UNKNOWN_ID}/availability/windows/${window.body.id}`),
      404,
    );
    expectProblem(
      await api.http
        .post(`/caregivers/${UNKNOWN_ID}/availability/windows`)
        .send({ start: '2026-06-01T08:00', end: '2026-06-01T12:00' }),
      404,
    );
    expectProblem(await api.http.get(`/caregivers/${UNKNOWN_ID}/availability/pattern`), 404);
    expectProblem(
      await api.http
        .get(`/caregivers/${UNKNOWN_ID}/availability`)
        .query({ from: '2026-06-01', to: '2026-06-02' }),
      404,
    );
    expectProblem(
      await api.http.get(`/teams/${UNKNOWN_ID}/availability`).query({ from: '2026-06-01', to: '2026-06-02' }),
      404,
    );
    // Still there for their owner.
    expect((await api.http.get(`/caregivers/${owner}/availability/windows`).expect(200)).body.total).toBe(1);
  });

  it('refuses a period that runs backwards or covers more than 92 days', async () => {
    const { teamId } = await createTeam(api.http);
    const caregiverId = await createCaregiver(teamId);
    const backwards = expectProblem(
      await api.http
        .get(`/caregivers/${caregiverId}/availability`)
        .query({ from: '2026-06-10', to: '2026-06-01' }),
      400,
    );
    expect(backwards.problems).toEqual([{ path: '$.to', message: expect.any(String) }]);
    expectProblem(
      await api.http.get(`/teams/${teamId}/availability`).query({ from: '2026-01-01', to: '2026-04-03' }),
      400,
    );
    await api.http
      .get(`/teams/${teamId}/availability`)
      .query({ from: '2026-01-01', to: '2026-04-02' })
      .expect(200);
    const missing = expectProblem(
      await api.http.get(`/caregivers/${caregiverId}/availability`).query({ from: '2026-02-30' }),
      400,
    );
    expect(missing.problems!.map((entry) => entry.path)).toEqual(expect.arrayContaining(['$.to']));
  });

  it("expands the availability of a team's active caregivers, and of many caregivers for the worker", async () => {
    const { teamId } = await createTeam(api.http);
    const active = await createCaregiver(teamId, { firstName: 'Anna', lastName: 'A' });
    const inactive = await createCaregiver(teamId, { firstName: 'Bram', lastName: 'B', active: false });
    for (const caregiverId of [active, inactive]) {
      await api.http
        .post(`/caregivers/${caregiverId}/availability/windows`)
        .send({ start: '2026-10-25T01:00', end: '2026-10-25T05:00' })
        .expect(201);
    }
    const team = await api.http
      .get(`/teams/${teamId}/availability`)
      .query({ from: '2026-10-25', to: '2026-10-25' })
      .expect(200);
    expect(team.body).toMatchObject({ teamId, timezone: 'Europe/Amsterdam', total: 1 });
    // Fall-back night: four local hours from 01:00 (+02:00) to 05:00 (+01:00) are five real hours.
    expect(team.body.items).toEqual([
      {
        caregiverId: active,
        firstName: 'Anna',
        lastName: 'A',
        windows: [
          {
            start: '2026-10-25T01:00',
            end: '2026-10-25T05:00',
            startsAt: '2026-10-24T23:00:00.000Z',
            endsAt: '2026-10-25T04:00:00.000Z',
            source: 'window',
          },
        ],
      },
    ]);

    const byCaregiver = await api.app
      .get(AvailabilityService)
      .availabilityFor([active, inactive, '00000000-0000-4000-8000-000000000001'], {
        from: '2026-10-25',
        to: '2026-10-25',
        timezone: 'Europe/Amsterdam',
      });
    expect([...byCaregiver.keys()]).toHaveLength(3);
    expect(byCaregiver.get(inactive)).toEqual([
      { start: new Date('2026-10-24T23:00:00Z'), end: new Date('2026-10-25T04:00:00Z'), source: 'window' },
    ]);
    expect(byCaregiver.get('00000000-0000-4000-8000-000000000001')).toEqual([]);
  });
});
