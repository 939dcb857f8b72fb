// A team with a published roster, through the negotiation API (a worker computes the proposal),
// and a sick call that amends it: what visit plans and calendar feeds are built on.
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@homecare/common';
import { createTestApp, type TestApp } from './test-app';
import { negotiatingTeam, waitForPlan, type NegotiatingTeam } from './negotiation';
import { ensureBuilt, startWorker, workerStarted, type ChildApp } from './processes';
import { WEEK, type RosterBody } from './rosters';

/** The published roster's Monday at 06:00 UTC: "now" for tests that depend on the day. */
export const PUBLISHED_WEEK_NOW = new Date(`${WEEK.periodStart}T06:00:00Z`);

/** The API with "now" fixed on the published week (default periods, feed windows), and a worker. */
export async function apiAndWorkerOnPublishedWeek(): Promise<{ api: TestApp; worker: ChildApp }> {
  ensureBuilt();
  const api = await createTestApp((builder) =>
    builder.overrideProvider(Clock).useValue(new FixedClock(PUBLISHED_WEEK_NOW)),
  );
  const worker = startWorker();
  await workerStarted(worker);
  return { api, worker };
}

/** caregiver id -> first and last name, as the team knows them. */
export async function caregiverNames(
  api: TestApp,
  teamId: string,
): Promise<Map<string, { firstName: string; lastName: string }>> {
  const rows = await api.app
    .get(DataSource)
    .query<{ id: string; first_name: string; last_name: string }[]>(
      'SELECT id, first_name, last_name FROM caregiver WHERE team_id = $1',
      [teamId],
    );
  return new Map(rows.map((row) => [row.id, { firstName: row.first_name, lastName: row.last_name }]));
}

export interface PublishedVisitBody {
  visitId: string;
  clientId: string;
  caregiverIds: string[];
  plannedStart: string;
  plannedEnd: string;
  status: string;
}

export interface PublishedTeam {
  team: NegotiatingTeam;
  plan: RosterBody;
  /** The published visits of the week, as GET /teams/{id}/published-roster lists them. */
  visits: () => Promise<PublishedVisitBody[]>;
}

/** Imports a small team, has the worker compute a proposal, every member consent, one publish. */
export async function publishedTeam(api: TestApp, seed: number): Promise<PublishedTeam> {
  const team = await negotiatingTeam(api, seed);
  const created = await team.members[0].http
    .post(`/teams/${team.teamId}/roster-plans`)
    .send({ ...WEEK, timeLimitMs: 400 })
    .expect(202);
  let plan = await waitForPlan(
    team.members[0].http,
    created.body.id,
    (body) => body.currentVersion === 1,
    'the first proposal',
  );
  plan = (
    await team.members[0].http
      .post(`/roster-plans/${plan.id}/review`)
      .set('If-Match', plan.etag)
      .send({})
      .expect(200)
  ).body;
  for (const member of team.members)
    plan = (
      await member.http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', plan.etag).expect(200)
    ).body;
  expect(plan.status).toBe('agreed');
  plan = (
    await team.members[0].http.post(`/roster-plans/${plan.id}/publish`).set('If-Match', plan.etag).expect(200)
  ).body;
  expect(plan.status).toBe('published');
  return {
    team,
    plan,
    visits: async () =>
      (
        await api.http
          .get(`/teams/${team.teamId}/published-roster`)
          .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
          .expect(200)
      ).body.visits as PublishedVisitBody[],
  };
}

/**
 * A sick call for `caregiverId` over `from`..`to` (local), reported by the caregiver: the worker
 * re-rosters and the amended version is published at once. Returns the plan once it is.
 */
export async function amendForSickCall(
  api: TestApp,
  published: PublishedTeam,
  caregiverId: string,
  from: string,
  to: string,
): Promise<RosterBody> {
  const { team } = published;
  const current = (await api.http.get(`/roster-plans/${published.plan.id}`).expect(200)).body as RosterBody;
  await team
    .member(caregiverId)
    .http.post(`/roster-plans/${published.plan.id}/amendments`)
    .set('If-Match', current.etag)
    .send({ caregiverId, from, to, reason: 'sick' })
    .expect(202);
  return waitForPlan(
    api.http,
    published.plan.id,
    (body) => body.publishedVersion === current.publishedVersion + 1,
    'the amendment to be published',
  );
}
