import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ScenariosService } from '@homecare/core/scenarios';
import {
  generateOrganisation,
  generateScenario,
  validateScenario,
  type ScenarioDocument,
} from '@homecare/scenario';
import { mergeScenarios, normalizeScenario, withPins } from './fixtures/scenario-equivalence';
import { createTestApp, expectProblem, type TestApp, unique } from './support/test-app';

const SHARED_SCENARIOS = path.resolve(__dirname, '../../shared/scenarios');
const sharedScenarioFiles = existsSync(SHARED_SCENARIOS)
  ? readdirSync(SHARED_SCENARIOS)
      .filter((file) => file.endsWith('.json'))
      .sort()
  : [];

const clone = <T>(value: T): T => structuredClone(value);

/** A small valid scenario to break in one place at a time. */
function smallScenario(name = unique('scenario')): ScenarioDocument {
  return { ...generateScenario({ seed: 3, caregivers: 3, clients: 6, days: 2 }), name };
}

/** Daylight-saving edge cases the generator does not produce: visits and a pin inside the changes. */
function clockChangeScenario(change: 'spring' | 'autumn'): ScenarioDocument {
  const spring = change === 'spring';
  return {
    format: 'homecare-scenario/v1',
    name: unique(`clock-${change}`),
    timezone: 'Europe/Amsterdam',
    period: spring ? { start: '2026-03-23', end: '2026-03-29' } : { start: '2026-10-19', end: '2026-10-25' },
    caregivers: [
      {
        id: 'night-nurse',
        name: 'Noor',
        skills: ['nursing'],
        maxMinutesPerWeek: 2400,
        // 01:00-05:00 is three real hours on the spring-forward night and five on the fall-back
        // night, where 02:xx means the first occurrence.
        availability: [
          spring
            ? { start: '2026-03-29T01:00', end: '2026-03-29T05:00' }
            : { start: '2026-10-25T01:00', end: '2026-10-25T05:00' },
        ],
      },
    ],
    clients: [{ id: 'c', name: 'Mevr. Night', location: { lat: 52.37, lon: 4.9 } }],
    visits: spring
      ? // 01:30 to 03:30 across the gap is one real hour: room for exactly 60 minutes.
        [
          {
            id: 'spring',
            clientId: 'c',
            earliestStart: '2026-03-29T01:30',
            latestEnd: '2026-03-29T03:30',
            durationMinutes: 60,
          },
        ]
      : [
          {
            id: 'autumn',
            clientId: 'c',
            earliestStart: '2026-10-25T02:30',
            latestEnd: '2026-10-25T04:00',
            durationMinutes: 60,
          },
        ],
    // The second 02:15 of the fall-back night can only be written with its offset.
    pinned: spring
      ? []
      : [{ visitId: 'autumn', caregiverIds: ['night-nurse'], start: '2026-10-25T02:15:00+01:00' }],
  };
}

describe('scenario import and export', () => {
  let api: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api.close();
  });

  /** Rows that carry the scenario's name or ids: tests running in parallel never touch them. */
  async function writtenFor(
    name: string,
    idPrefix = '~none~',
  ): Promise<{ organisations: number; teams: number; caregivers: number }> {
    const [row] = await dataSource.query<{ organisations: number; teams: number; caregivers: number }[]>(
      `SELECT (SELECT count(*)::int FROM organisation WHERE name = $1) AS organisations,
              (SELECT count(*)::int FROM team WHERE name = $1) AS teams,
              (SELECT count(*)::int FROM caregiver WHERE starts_with(external_ref, $2)) AS caregivers`,
      [name, idPrefix],
    );
    return row;
  }

  /** Imports, exports the scenario's own period and expects the same document back. */
  async function expectRoundTrip(scenario: ScenarioDocument): Promise<{ teamId: string; importMs: number }> {
    const started = performance.now();
    const imported = await api.http.post('/teams/import').send(scenario).expect(201);
    const importMs = performance.now() - started;
    expect(imported.body.counts).toMatchObject({
      caregivers: scenario.caregivers.length,
      clients: scenario.clients.length,
      visits: scenario.visits.length,
      pins: scenario.pinned?.length ?? 0,
    });
    expect(Object.keys(imported.body.ids.visits)).toHaveLength(scenario.visits.length);

    const exported = await api.http
      .get(`/teams/${imported.body.teamId}/scenario`)
      .query({ from: scenario.period.start, to: scenario.period.end })
      .expect(200);
    const document = exported.body as ScenarioDocument;
    expect(normalizeScenario(document)).toEqual(normalizeScenario(scenario));
    // What we export, we can import again.
    expect(validateScenario(document)).toMatchObject({ ok: true });
    return { teamId: imported.body.teamId, importMs };
  }

  describe('round trip', () => {
    // The generator's scenario is always there, so the table is never empty without ../shared.
    const roundTripCases: Array<[string, () => ScenarioDocument]> = [
      ...sharedScenarioFiles.map((file): [string, () => ScenarioDocument] => [
        `shared scenario ${file}`,
        () => JSON.parse(readFileSync(path.join(SHARED_SCENARIOS, file), 'utf8')) as ScenarioDocument,
      ]),
      [
        'a scenario of the project generator',
        () => generateScenario({ seed: 2, caregivers: 4, clients: 12 }),
      ],
    ];
    it.each(roundTripCases)('exports %s as it was imported', async (_label, load) => {
      await expectRoundTrip(load());
    });

    it('exports a generated scenario with pins, extra fields dropped and references kept', async () => {
      const scenario = withPins(generateScenario({ seed: 11, caregivers: 12, clients: 50 }), 12);
      expect(scenario.pinned).toHaveLength(12);
      const { teamId } = await expectRoundTrip(scenario);
      const exported = await api.http
        .get(`/teams/${teamId}/scenario`)
        .query({ from: scenario.period.start, to: scenario.period.end })
        .expect(200);
      expect(exported.body.clients[0]).not.toHaveProperty('careProfile');
      expect(exported.body).not.toHaveProperty('notes');
    });

    it.each([
      ['the spring-forward week in Amsterdam', { start: '2026-03-23', timezone: 'Europe/Amsterdam' }],
      ['the fall-back week in Amsterdam', { start: '2026-10-19', timezone: 'Europe/Amsterdam' }],
      [
        'the fall-back week in New York',
        { start: '2026-10-26', timezone: 'America/New_York', lat: 40.73, lon: -73.99 },
      ],
      [
        'the spring-forward week in New York',
        { start: '2026-03-02', timezone: 'America/New_York', lat: 40.73, lon: -73.99 },
      ],
    ])('keeps local times exact across %s', async (_label, options) => {
      await expectRoundTrip(
        withPins(generateScenario({ seed: 5, caregivers: 8, clients: 30, ...options }), 6),
      );
    });

    it('keeps visits inside clock changes and a pin in the repeated hour', async () => {
      await expectRoundTrip(clockChangeScenario('spring'));
      const { teamId } = await expectRoundTrip(clockChangeScenario('autumn'));
      const exported = await api.http
        .get(`/teams/${teamId}/scenario`)
        .query({ from: '2026-10-19', to: '2026-10-25' })
        .expect(200);
      expect(exported.body.visits).toEqual([
        expect.objectContaining({
          id: 'autumn',
          earliestStart: '2026-10-25T02:30',
          latestEnd: '2026-10-25T04:00',
        }),
      ]);
      expect(exported.body.pinned).toEqual([
        { visitId: 'autumn', caregiverIds: ['night-nurse'], start: '2026-10-25T02:15:00+01:00' },
      ]);
      expect(exported.body.caregivers[0].availability).toEqual([
        { start: '2026-10-25T01:00', end: '2026-10-25T05:00' },
      ]);
    });
  });

  describe('export', () => {
    it('covers only the period asked for', async () => {
      const scenario = generateScenario({
        seed: 4,
        caregivers: 4,
        clients: 10,
        start: '2026-11-23',
        days: 7,
      });
      const imported = await api.http.post('/teams/import').send(scenario).expect(201);
      const exported = await api.http
        .get(`/teams/${imported.body.teamId}/scenario`)
        .query({ from: '2026-11-24', to: '2026-11-25' })
        .expect(200);
      expect(exported.body.period).toEqual({ start: '2026-11-24', end: '2026-11-25' });
      const expectedVisits = scenario.visits.filter(
        (visit) =>
          visit.earliestStart.slice(0, 10) >= '2026-11-24' &&
          visit.earliestStart.slice(0, 10) <= '2026-11-25',
      );
      expect(exported.body.visits.map((visit: { id: string }) => visit.id).sort()).toEqual(
        expectedVisits.map((visit) => visit.id).sort(),
      );
      const windows = exported.body.caregivers.flatMap(
        (caregiver: ScenarioDocument['caregivers'][number]) => caregiver.availability,
      );
      expect(windows.length).toBeGreaterThan(0);
      for (const window of windows)
        expect(window.start.slice(0, 10) >= '2026-11-24' && window.start.slice(0, 10) <= '2026-11-25').toBe(
          true,
        );
    });

    it('refuses a period over 92 days, a reversed period and a malformed date; 404 for an unknown team', async () => {
      const imported = await api.http.post('/teams/import').send(smallScenario()).expect(201);
      const url = `/teams/${imported.body.teamId}/scenario`;
      expect(
        expectProblem(await api.http.get(url).query({ from: '2026-01-01', to: '2026-04-03' }), 400).problems,
      ).toEqual([{ path: '$.to', message: expect.stringContaining('93 days') }]);
      await api.http.get(url).query({ from: '2026-01-01', to: '2026-04-02' }).expect(200);
      expect(
        expectProblem(await api.http.get(url).query({ from: '2026-02-01', to: '2026-01-31' }), 400)
          .problems![0].path,
      ).toBe('$.to');
      expect(
        expectProblem(await api.http.get(url).query({ from: '2026-02-30', to: '2026-03-01' }), 400)
          .problems![0].path,
      ).toBe('$.from');
      expect(
        expectProblem(await api.http.get(url).query({ from: 'monday' }), 400).problems!.map(
          (problem) => problem.path,
        ),
      ).toEqual(expect.arrayContaining(['$.from', '$.to']));
      expectProblem(
        await api.http
          .get('/teams/00000000-0000-4000-8000-000000000000/scenario')
          .query({ from: '2026-01-01', to: '2026-01-07' }),
        404,
      );
    });
  });

  describe('import', () => {
    it('adds the team to a given organisation and answers the new ids', async () => {
      const organisation = await api.http
        .post('/organisations')
        .send({ name: unique('org') })
        .expect(201);
      const scenario = smallScenario();
      const imported = await api.http
        .post('/teams/import')
        .query({ organisationId: organisation.body.id })
        .send(scenario)
        .expect(201);
      expect(imported.body).toMatchObject({
        organisationId: organisation.body.id,
        teamId: expect.any(String),
      });
      expect(Object.keys(imported.body.ids.caregivers).sort()).toEqual(
        scenario.caregivers.map((caregiver) => caregiver.id).sort(),
      );
      const team = await api.http.get(`/teams/${imported.body.teamId}`).expect(200);
      expect(team.body).toMatchObject({
        name: scenario.name,
        timezone: scenario.timezone,
        travelSpeedKmh: 15,
        travelDetourFactor: 1.3,
      });
      const [caregiver] = await dataSource.query<
        { first_name: string; last_name: string; external_ref: string }[]
      >('SELECT first_name, last_name, external_ref FROM caregiver WHERE id = $1', [
        imported.body.ids.caregivers[scenario.caregivers[0].id],
      ]);
      const [firstName, ...rest] = scenario.caregivers[0].name!.split(' ');
      expect(caregiver).toEqual({
        first_name: firstName,
        last_name: rest.join(' '),
        external_ref: scenario.caregivers[0].id,
      });
    });

    it('documents the document format with an example in OpenAPI', async () => {
      const openApi = await api.http.get('/docs-json').expect(200);
      const body = openApi.body.paths['/teams/import'].post.requestBody.content['application/json'].schema;
      expect(body.required).toEqual(
        expect.arrayContaining(['format', 'timezone', 'caregivers', 'clients', 'visits']),
      );
      expect(validateScenario(body.example)).toMatchObject({ ok: true });
      expect(
        openApi.body.paths['/teams/{teamId}/scenario'].get.parameters.map(
          (parameter: { name: string }) => parameter.name,
        ),
      ).toEqual(expect.arrayContaining(['teamId', 'from', 'to']));
    });

    it('creates an organisation named after the scenario when none is given', async () => {
      const scenario = smallScenario();
      const imported = await api.http.post('/teams/import').send(scenario).expect(201);
      const organisation = await api.http.get(`/organisations/${imported.body.organisationId}`).expect(200);
      expect(organisation.body.name).toBe(scenario.name);
    });

    it('reports every problem by JSON path and writes nothing', async () => {
      const scenario = smallScenario();
      const broken = clone(scenario);
      broken.visits[3].clientId = 'nobody';
      broken.visits[5].latestEnd = broken.visits[5].earliestStart;
      broken.caregivers[1].id = broken.caregivers[0].id;
      broken.caregivers[2].availability = [{ start: '2026-03-29T02:30', end: '2026-03-29T06:00' }];
      const response = await api.http.post('/teams/import').send(broken);
      const problems = expectProblem(response, 400).problems!;
      expect(problems).toEqual(
        expect.arrayContaining([
          { path: '$.visits[3].clientId', message: expect.stringContaining('unknown client') },
          { path: '$.visits[5].latestEnd', message: expect.stringContaining('shorter than the duration') },
          { path: '$.caregivers[1].id', message: expect.stringContaining('duplicate id') },
          {
            path: '$.caregivers[2].availability[0].start',
            message: expect.stringContaining('does not exist'),
          },
        ]),
      );
      expect(await writtenFor(scenario.name!)).toEqual({ organisations: 0, teams: 0, caregivers: 0 });
    });

    it('refuses an unknown time zone, a nonexistent local time and what the database could not store', async () => {
      const zone = { ...smallScenario(), timezone: 'Mars/Olympus' };
      expect(expectProblem(await api.http.post('/teams/import').send(zone), 400).problems).toEqual(
        expect.arrayContaining([{ path: '$.timezone', message: expect.stringContaining('IANA') }]),
      );
      expect(await writtenFor(zone.name!)).toMatchObject({ organisations: 0, teams: 0 });

      const gap = clockChangeScenario('spring');
      gap.visits[0].earliestStart = '2026-03-29T02:30';
      expect(expectProblem(await api.http.post('/teams/import').send(gap), 400).problems).toEqual([
        { path: '$.visits[0].earliestStart', message: expect.stringContaining('does not exist') },
      ]);
      expect(await writtenFor(gap.name!)).toMatchObject({ organisations: 0, teams: 0 });

      const unstorable = smallScenario();
      unstorable.clients[0].history = { [unstorable.caregivers[0].id]: 2.5 };
      unstorable.clients[1].name = 'Nul\u0000';
      const problems = expectProblem(await api.http.post('/teams/import').send(unstorable), 400).problems!;
      expect(problems.map((problem) => problem.path).sort()).toEqual([
        '$.clients[0].history["cg-01"]',
        '$.clients[1].name',
      ]);
      expect(await writtenFor(unstorable.name!)).toMatchObject({ organisations: 0, teams: 0 });
    });

    it('refuses more than four caregivers on one visit', async () => {
      const scenario = {
        ...generateScenario({ seed: 3, caregivers: 6, clients: 3, days: 1 }),
        name: unique('crowded'),
      };
      scenario.visits[0].caregiversNeeded = 5;
      expect(expectProblem(await api.http.post('/teams/import').send(scenario), 400).problems).toEqual([
        { path: '$.visits[0].caregiversNeeded', message: expect.stringContaining('at most 4') },
      ]);
    });

    it('rolls back everything when writing fails halfway', async () => {
      const prefix = `${unique('rollback')}-`;
      const scenario = {
        ...generateScenario({ seed: 8, caregivers: 4, clients: 10, idPrefix: prefix }),
        name: unique('rollback'),
      };
      const service = ScenariosService.prototype as unknown as {
        writePlan: (...args: unknown[]) => Promise<void>;
      };
      const writePlan = service.writePlan;
      const spy = jest.spyOn(service, 'writePlan').mockImplementationOnce(async function (
        this: unknown,
        ...args: unknown[]
      ) {
        await writePlan.apply(this, args);
        throw new Error('the disk is full');
      });
      try {
        expectProblem(await api.http.post('/teams/import').send(scenario), 500);
      } finally {
        spy.mockRestore();
      }
      expect(await writtenFor(scenario.name, prefix)).toEqual({ organisations: 0, teams: 0, caregivers: 0 });
      await api.http.post('/teams/import').send(scenario).expect(201);
      expect(await writtenFor(scenario.name, prefix)).toEqual({ organisations: 1, teams: 1, caregivers: 4 });
    });

    it('answers 404 for an unknown organisation, 400 for a malformed one, and writes nothing', async () => {
      const scenario = smallScenario();
      expectProblem(
        await api.http
          .post('/teams/import')
          .query({ organisationId: '00000000-0000-4000-8000-000000000000' })
          .send(scenario),
        404,
      );
      expect(
        expectProblem(
          await api.http.post('/teams/import').query({ organisationId: 'acme' }).send(scenario),
          400,
        ).problems![0].path,
      ).toBe('$.organisationId');
      expect(await writtenFor(scenario.name!)).toEqual({ organisations: 0, teams: 0, caregivers: 0 });
    });

    it('answers 415 for a body that is not JSON, 400 for broken JSON and 413 over the import limit', async () => {
      expectProblem(
        await api.http
          .post('/teams/import')
          .set('content-type', 'text/plain')
          .send('format=homecare-scenario/v1'),
        415,
      );
      expectProblem(
        await api.http.post('/teams/import').set('content-type', 'application/json').send('{"format":'),
        400,
      );
      expect(
        expectProblem(
          await api.http
            .post('/teams/import')
            .set('Accept-Language', 'en')
            .send({ padding: 'x'.repeat(21 * 1024 * 1024) }),
          413,
        ).detail,
      ).toMatch(/larger/);
      expectProblem(await api.http.post('/teams/import').send([]), 400);
    });

    it('imports a large organisation-sized document in one request', async () => {
      const teams = generateOrganisation({ teams: 3, caregivers: 14, clients: 70, seed: 21 });
      const scenario = withPins(mergeScenarios(teams, unique('large')), 30);
      await expectRoundTrip(scenario);
      expect(scenario.visits.length).toBeGreaterThan(2000);
    }, 60_000);

    it('imports a 10 MB document in one request', async () => {
      const teams = generateOrganisation({
        teams: 80,
        caregivers: 12,
        clients: 60,
        seed: 99,
        idPrefix: 'big-',
      });
      const scenario = mergeScenarios(teams, unique('ten-megabytes'));
      const body = JSON.stringify(scenario);
      expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
      const started = performance.now();
      const imported = await api.http
        .post('/teams/import')
        .set('content-type', 'application/json')
        .send(body)
        .expect(201);
      const importMs = performance.now() - started;
      expect(imported.body.counts.visits).toBe(scenario.visits.length);
      console.log(
        `imported ${(body.length / 1024 / 1024).toFixed(1)} MB (${scenario.visits.length} visits) in ${Math.round(importMs)} ms`,
      );
      // Speed is a benchmark's business, not a test's: this test proves the size is accepted whole.
    }, 120_000);
  });
});
