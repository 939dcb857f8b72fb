// The team dashboard: a small team's published week with check-ins, read back per week through
// HTTP, with figures the test works out from the fixture itself.
import { DataSource } from 'typeorm';
import { Clock } from '@homecare/common';
import { createTeam, createTestApp, expectProblem, signInAs, type TestApp } from './support/test-app';
import { ensureBuilt, startWorker, workerStarted, type ChildApp } from './support/processes';
import {
  PUBLISHED_WEEK_NOW,
  publishedTeam,
  type PublishedTeam,
  type PublishedVisitBody,
} from './support/published-team';
import { dayOf } from './support/clock';
import { WEEK } from './support/rosters';

jest.setTimeout(180_000);

/** The week is published on its Monday and looked back on at its end. */
class MovableClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}

interface WeekBody {
  weekStart: string;
  weekEnd: string;
  visits: number;
  coveredVisits: number;
  coverage: number;
  clients: number;
  meanDistinctCaregivers: number;
  primaryShare: number;
  withinTarget: boolean;
  visitMinutes: number;
  workedMinutes: number;
  contractMinutes: number;
  overtimeMinutes: number;
  flagCount: number;
  flags: { kind: string; count: number }[];
  amendments: number;
  changedVisits: number;
}
interface DashboardBody {
  teamId: string;
  targetDistinctCaregivers: number;
  weeks: WeekBody[];
  clients: {
    clientId: string;
    name: string;
    caregivers: { caregiverId: string; visitsPerWeek: number[] }[];
  }[];
}

const MINUTE_MS = 60_000;
const minutesOf = (visit: PublishedVisitBody) =>
  (Date.parse(visit.plannedEnd) - Date.parse(visit.plannedStart)) / MINUTE_MS;

describe('team dashboard', () => {
  const clock = new MovableClock(PUBLISHED_WEEK_NOW);
  let api: TestApp;
  let worker: ChildApp;
  let dataSource: DataSource;
  let published: PublishedTeam;
  let visits: PublishedVisitBody[];
  /** The visit checked in 15 minutes longer than planned, by its own caregiver. */
  let longer: PublishedVisitBody;
  /** The visit a colleague came to instead of the one planned. */
  let swapped: PublishedVisitBody;
  let cameInstead: string;
  let dashboard: DashboardBody;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp((builder) => builder.overrideProvider(Clock).useValue(clock));
    worker = startWorker();
    await workerStarted(worker);
    dataSource = api.app.get(DataSource);
    published = await publishedTeam(api, 47);
    visits = (await published.visits()).filter((visit) => visit.status !== 'cancelled');
    const single = visits.filter((visit) => visit.caregiverIds.length === 1);
    expect(single.length).toBeGreaterThanOrEqual(2);
    [longer, swapped] = single;
    cameInstead = published.team.members.find(
      (member) => member.caregiverId !== swapped.caregiverIds[0],
    )!.caregiverId;
    // Arranged in the table (the check-in route checks a caregiver in only now and only to their
    // own visit): the one longer visit, and the swap on the doorstep.
    await dataSource.query(
      'INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at, checked_out_at) VALUES ($1, $2, $3, $4)',
      [
        longer.visitId,
        longer.caregiverIds[0],
        longer.plannedStart,
        new Date(Date.parse(longer.plannedEnd) + 15 * MINUTE_MS),
      ],
    );
    await dataSource.query(
      'INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at, checked_out_at) VALUES ($1, $2, $3, $4)',
      [swapped.visitId, cameInstead, swapped.plannedStart, swapped.plannedEnd],
    );
    // Sunday noon of the published week: every visit is over, and the week is still the current one.
    clock.set(new Date(`${dayOf(WEEK, 6)}T12:00:00Z`));
    expect(visits.every((visit) => visit.plannedEnd < clock.now().toISOString())).toBe(true);
    dashboard = (
      await published.team.members[0].http.get(`/teams/${published.team.teamId}/dashboard`).expect(200)
    ).body as DashboardBody;
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it('shows twelve ISO weeks ending with the current one', () => {
    expect(dashboard.weeks).toHaveLength(12);
    expect(dashboard.weeks[11]).toMatchObject({ weekStart: WEEK.periodStart, weekEnd: WEEK.periodEnd });
    expect(dashboard.weeks[0].weekStart).toBe(dayOf(WEEK, -77));
    expect(dashboard.targetDistinctCaregivers).toBe(2);
    // Nothing happened in the weeks before: no visits, no hours, nothing flagged.
    for (const week of dashboard.weeks.slice(0, 11))
      expect(week).toMatchObject({ visits: 0, clients: 0, visitMinutes: 0, flagCount: 0, amendments: 0 });
  });

  it("counts the week's coverage against the visits the team has", async () => {
    const [{ total, needed }] = await dataSource.query<{ total: number; needed: Record<string, number> }[]>(
      `SELECT count(*)::int AS total, json_object_agg(id, caregivers_needed) AS needed FROM visit
        WHERE team_id = $1 AND status <> 'cancelled' AND date BETWEEN $2 AND $3`,
      [published.team.teamId, WEEK.periodStart, WEEK.periodEnd],
    );
    const covered = visits.filter((visit) => visit.caregiverIds.length >= needed[visit.visitId]).length;
    const week = dashboard.weeks[11];
    expect(week.visits).toBe(total);
    expect(week.coveredVisits).toBe(covered);
    expect(week.coverage).toBeCloseTo(covered / total, 3);
  });

  it('measures continuity by who came: the check-in over the plan', () => {
    const perClient = new Map<string, Map<string, number>>();
    for (const visit of visits)
      for (const caregiverId of visit.visitId === swapped.visitId ? [cameInstead] : visit.caregiverIds) {
        const counts = perClient.get(visit.clientId) ?? new Map<string, number>();
        counts.set(caregiverId, (counts.get(caregiverId) ?? 0) + 1);
        perClient.set(visit.clientId, counts);
      }
    let distinct = 0;
    let slots = 0;
    let primary = 0;
    for (const counts of perClient.values()) {
      distinct += counts.size;
      slots += [...counts.values()].reduce((sum, count) => sum + count, 0);
      primary += Math.max(...counts.values());
    }
    const week = dashboard.weeks[11];
    expect(week.clients).toBe(perClient.size);
    expect(week.meanDistinctCaregivers).toBeCloseTo(distinct / perClient.size, 3);
    expect(week.primaryShare).toBeCloseTo(primary / slots, 3);
    expect(week.withinTarget).toBe(distinct / perClient.size <= 2);

    // Per client: the colleague who came shows in the current week.
    const client = dashboard.clients.find((each) => each.clientId === swapped.clientId)!;
    const colleague = client.caregivers.find((each) => each.caregiverId === cameInstead)!;
    expect(colleague.visitsPerWeek[11]).toBe(perClient.get(swapped.clientId)!.get(cameInstead));
    expect(dashboard.clients).toHaveLength(perClient.size);
  });

  it('counts hours from check-ins where present, else planned, against the contracts', async () => {
    const planned = visits.reduce((sum, visit) => sum + minutesOf(visit) * visit.caregiverIds.length, 0);
    const week = dashboard.weeks[11];
    // Payroll counts each caregiver's own visits: the longer check-in adds its 15 minutes, the
    // swapped visit counts at its planned times for the one planned.
    expect(week.visitMinutes).toBe(planned + 15);
    expect(week.workedMinutes).toBeGreaterThanOrEqual(week.visitMinutes);
    const [{ contract }] = await dataSource.query<{ contract: number }[]>(
      'SELECT sum(max_minutes_per_week)::int AS contract FROM caregiver WHERE team_id = $1 AND active',
      [published.team.teamId],
    );
    expect(week.contractMinutes).toBe(contract);
    expect(week.overtimeMinutes).toBe(0);
    // Every caregiver slot without a check-in of its own caregiver is flagged missed.
    const slots = visits.reduce((sum, visit) => sum + visit.caregiverIds.length, 0);
    expect(week.flags.find((flag) => flag.kind === 'missed')?.count).toBe(slots - 1);
    expect(week.flagCount).toBe(week.flags.reduce((sum, flag) => sum + flag.count, 0));
    expect(week.amendments).toBe(0);
  });

  it('logs the read of every client it names, for the reader', async () => {
    const reader = published.team.members[1];
    const [{ userId }] = await dataSource.query<{ userId: string }[]>(
      'SELECT user_id AS "userId" FROM caregiver WHERE id = $1',
      [reader.caregiverId],
    );
    const body = (
      await reader.http.get(`/teams/${published.team.teamId}/dashboard`).query({ weeks: 2 }).expect(200)
    ).body as DashboardBody;
    expect(body.weeks).toHaveLength(2);
    const logged = await dataSource.query<{ client_id: string }[]>(
      `SELECT DISTINCT client_id FROM access_log_entry
        WHERE user_id = $1 AND route = 'GET /teams/:teamId/dashboard' AND action = 'read'`,
      [userId],
    );
    expect(logged.map((row) => row.client_id).sort()).toEqual(body.clients.map((c) => c.clientId).sort());
    expect(logged.length).toBeGreaterThan(0);
  });

  it('uses the target the team set', async () => {
    await api.http
      .patch(`/teams/${published.team.teamId}/planning-settings`)
      .send({ continuityTargetDistinctCaregivers: 1 })
      .expect(200);
    const body = (
      await api.http.get(`/teams/${published.team.teamId}/dashboard`).query({ weeks: 1 }).expect(200)
    ).body as DashboardBody;
    expect(body.targetDistinctCaregivers).toBe(1);
    expect(body.weeks[0].withinTarget).toBe(body.weeks[0].meanDistinctCaregivers <= 1);
    expectProblem(
      await api.http
        .patch(`/teams/${published.team.teamId}/planning-settings`)
        .send({ continuityTargetDistinctCaregivers: 0.5 }),
      400,
    );
  });

  it('refuses outsiders (404), families (403) and more than twelve weeks (400)', async () => {
    const other = await createTeam(api.http);
    const outsider = await signInAs(api, { role: 'coordinator', organisationId: other.organisationId });
    expect(
      expectProblem(await outsider.http.get(`/teams/${published.team.teamId}/dashboard`), 404).code,
    ).toBe('resource.not-found');
    const otherCaregiver = await signInAs(api, { role: 'caregiver', teamIds: [other.teamId] });
    expectProblem(await otherCaregiver.http.get(`/teams/${published.team.teamId}/dashboard`), 404);
    const family = await signInAs(api, { role: 'family', clientIds: [visits[0].clientId] });
    expectProblem(await family.http.get(`/teams/${published.team.teamId}/dashboard`), 403);
    const coordinator = await signInAs(api, {
      role: 'coordinator',
      organisationId: published.team.organisationId,
    });
    await coordinator.http.get(`/teams/${published.team.teamId}/dashboard`).expect(200);
    expectProblem(await api.http.get(`/teams/${published.team.teamId}/dashboard`).query({ weeks: 13 }), 400);
    expectProblem(await api.http.get(`/teams/${published.team.teamId}/dashboard`).query({ weeks: 'x' }), 400);
  });
});
