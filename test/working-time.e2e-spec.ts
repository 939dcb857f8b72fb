import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';
import { checkRoster } from '@homecare/roster-engine';
import { createTestApp, createTeam, expectProblem, type TestApp } from './support/test-app';
import { ensureBuilt, startWorker, workerStarted, type ChildApp } from './support/processes';
import { importTeam, waitForRoster, WEEK } from './support/rosters';
import { dayOf } from './support/clock';
import { unique } from './support/unique';

jest.setTimeout(120_000);

/** One caregiver, a 22:30 visit and a 07:00 visit the next morning: 8 h 00 between them. */
function lateEarlyScenario(): ScenarioDocument {
  const first = dayOf(WEEK, 1);
  const second = dayOf(WEEK, 2);
  return {
    format: 'homecare-scenario/v1',
    name: unique('late-early'),
    timezone: 'Europe/Amsterdam',
    period: { start: WEEK.periodStart, end: WEEK.periodEnd },
    rules: { minRestMinutes: 660 },
    caregivers: [
      {
        id: 'anna',
        name: 'Anna',
        skills: [],
        maxMinutesPerWeek: 2400,
        availability: [
          { start: `${first}T22:00`, end: `${first}T23:30` },
          { start: `${second}T06:30`, end: `${second}T08:00` },
        ],
        wishes: [{ start: `${second}T06:00`, end: `${second}T07:30`, kind: 'avoid' }],
      },
    ],
    clients: [{ id: 'c1', name: 'Client', location: { lat: 52.36, lon: 4.93 } }],
    visits: [
      {
        id: 'late',
        clientId: 'c1',
        earliestStart: `${first}T22:30`,
        latestEnd: `${first}T23:00`,
        durationMinutes: 30,
        priority: 'critical',
      },
      {
        id: 'early',
        clientId: 'c1',
        earliestStart: `${second}T07:00`,
        latestEnd: `${second}T07:30`,
        durationMinutes: 30,
      },
    ],
  };
}

describe('working-time rules, priorities and wishes through the API', () => {
  let api: TestApp;
  let worker: ChildApp;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    await api.app.listen(0, '127.0.0.1');
    worker = startWorker();
    await workerStarted(worker);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it('gives organisations the EU defaults, validates changes with rule-level codes, lets teams override', async () => {
    const { organisationId, teamId } = await createTeam(api.http);
    const defaults = await api.http.get(`/organisations/${organisationId}/working-time-rules`).expect(200);
    expect(defaults.body).toEqual({ organisationId, minRestMinutes: 660, maxConsecutiveDays: 6 });

    const bad = await api.http
      .patch(`/organisations/${organisationId}/working-time-rules`)
      .send({ minRestMinutes: -5, maxConsecutiveDays: 1.5 });
    const problem = expectProblem(bad, 400);
    expect(problem.code).toBe('working-time.min-rest-invalid');
    expect(problem.problems?.map((p) => p.path).sort()).toEqual(['$.maxConsecutiveDays', '$.minRestMinutes']);
    const unchanged = await api.http.get(`/organisations/${organisationId}/working-time-rules`).expect(200);
    expect(unchanged.body.minRestMinutes).toBe(660);

    await api.http
      .patch(`/organisations/${organisationId}/working-time-rules`)
      .send({ maxConsecutiveDays: 5 })
      .expect(200);
    const overridden = await api.http
      .patch(`/teams/${teamId}/working-time-rules`)
      .send({ minRestMinutes: null })
      .expect(200);
    expect(overridden.body).toMatchObject({
      organisation: { minRestMinutes: 660, maxConsecutiveDays: 5 },
      overrides: { minRestMinutes: null },
      effective: { minRestMinutes: null, maxConsecutiveDays: 5 },
    });
    const back = await api.http
      .patch(`/teams/${teamId}/working-time-rules`)
      .send({ inherit: ['minRestMinutes'] })
      .expect(200);
    expect(back.body.effective).toEqual({ minRestMinutes: 660, maxConsecutiveDays: 5 });
  });

  it('plans with the rest rule: no 22:30 and 07:00 for one caregiver with 11 h rest, both without it', async () => {
    const scenario = lateEarlyScenario();
    const { teamId } = await importTeam(api.http, scenario);

    const exported = await api.http
      .get(`/teams/${teamId}/scenario`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    expect(exported.body.rules).toEqual({ minRestMinutes: 660 });
    expect(exported.body.visits.find((v: { id: string }) => v.id === 'late').priority).toBe('critical');
    expect(exported.body.caregivers[0].wishes).toEqual(scenario.caregivers[0].wishes);

    const withRest = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 500 })
      .expect(202);
    const restRoster = await waitForRoster(api.http, withRest.body.rosterId);
    expect(restRoster.status).toBe('done');
    expect(restRoster.assignments).toHaveLength(1);
    const restExport = await api.http.get(`/rosters/${withRest.body.rosterId}/export`).expect(200);
    const own = checkRoster(exported.body as ScenarioDocument, restExport.body as RosterDocument);
    expect(own.violations).toEqual([]);

    await api.http.patch(`/teams/${teamId}/working-time-rules`).send({ minRestMinutes: null }).expect(200);
    const noRules = await api.http
      .get(`/teams/${teamId}/scenario`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    expect(noRules.body.rules).toBeUndefined();
    const withoutRest = await api.http
      .post(`/teams/${teamId}/rosters`)
      .send({ ...WEEK, timeLimitMs: 500 })
      .expect(202);
    const freeRoster = await waitForRoster(api.http, withoutRest.body.rosterId);
    expect(freeRoster.status).toBe('done');
    expect(freeRoster.assignments).toHaveLength(2);
  });

  it('lets a caregiver’s wishes be replaced and refuses invalid ones with wish.invalid', async () => {
    const { teamId } = await importTeam(api.http, lateEarlyScenario());
    const caregivers = await api.http.get(`/teams/${teamId}/caregivers`).expect(200);
    const caregiverId = caregivers.body.items[0].id as string;
    const day = dayOf(WEEK, 3);
    const bad = await api.http
      .put(`/caregivers/${caregiverId}/availability/wishes`)
      .send({ wishes: [{ start: `${day}T18:00`, end: `${day}T17:00`, kind: 'avoid' }] });
    expect(expectProblem(bad, 400).code).toBe('wish.invalid');
    const put = await api.http
      .put(`/caregivers/${caregiverId}/availability/wishes`)
      .send({ wishes: [{ start: `${day}T18:00`, end: `${day}T22:00`, kind: 'prefer' }] })
      .expect(200);
    expect(put.body.wishes).toEqual([
      expect.objectContaining({ start: `${day}T18:00`, end: `${day}T22:00`, kind: 'prefer' }),
    ]);
    const got = await api.http.get(`/caregivers/${caregiverId}/availability/wishes`).expect(200);
    expect(got.body.wishes).toHaveLength(1);
  });
});
