// Continuity that lasts: a week the team published, and who actually checked in, become the history
// of the next week's scenario (what the engine computes the next proposal from), and the client's
// page says who knows them.
import { DataSource } from 'typeorm';
import { Clock } from '@homecare/common';
import { addDays, type ScenarioDocument } from '@homecare/scenario';
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

/** A clock the test moves: the week is published on its Monday, then looked back on later. */
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

const NEXT_WEEK = { from: addDays(WEEK.periodStart, 7), to: addDays(WEEK.periodEnd, 7) };

describe('history from what happened', () => {
  const clock = new MovableClock(PUBLISHED_WEEK_NOW);
  let api: TestApp;
  let worker: ChildApp;
  let dataSource: DataSource;
  let published: PublishedTeam;
  let visits: PublishedVisitBody[];
  /** database id -> id in the exported scenario */
  let clientRef: Map<string, string>;
  let caregiverRef: Map<string, string>;

  const exportOf = async (period: { from: string; to: string }): Promise<ScenarioDocument> =>
    (await api.http.get(`/teams/${published.team.teamId}/scenario`).query(period).expect(200))
      .body as ScenarioDocument;
  /** client id -> caregiver id -> history, in database ids. */
  const historyOf = (document: ScenarioDocument, clientId: string, caregiverId: string): number =>
    document.clients.find((client) => client.id === clientRef.get(clientId))?.history?.[
      caregiverRef.get(caregiverId)!
    ] ?? 0;
  /** Published visits per client and caregiver. */
  const publishedCount = (clientId: string, caregiverId: string): number =>
    visits.filter((visit) => visit.clientId === clientId && visit.caregiverIds.includes(caregiverId)).length;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp((builder) => builder.overrideProvider(Clock).useValue(clock));
    worker = startWorker();
    await workerStarted(worker);
    dataSource = api.app.get(DataSource);
    published = await publishedTeam(api, 43);
    visits = await published.visits();
    expect(visits.length).toBeGreaterThan(0);
    const clients = await dataSource.query<{ id: string; external_ref: string | null }[]>(
      'SELECT id, external_ref FROM client WHERE team_id = $1',
      [published.team.teamId],
    );
    clientRef = new Map(clients.map((row) => [row.id, row.external_ref ?? row.id]));
    caregiverRef = new Map(published.team.members.map((member) => [member.caregiverId, member.scenarioId]));
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it("carries the published week's caregivers into the next week's history, on top of the imported", async () => {
    // The published week's own export knows only the imported counts: nothing happened before it.
    const thisWeek = await exportOf({ from: WEEK.periodStart, to: WEEK.periodEnd });
    const nextWeek = await exportOf(NEXT_WEEK);
    for (const visit of visits)
      for (const caregiverId of visit.caregiverIds)
        // Every visit lies in the week just before the next one: each weighs 1.
        expect(historyOf(nextWeek, visit.clientId, caregiverId)).toBeCloseTo(
          historyOf(thisWeek, visit.clientId, caregiverId) + publishedCount(visit.clientId, caregiverId),
          5,
        );
  });

  describe('a colleague who checked in instead of the one planned', () => {
    let visit: PublishedVisitBody;
    let planned: string;
    let cameInstead: string;
    let before: ScenarioDocument;

    beforeAll(async () => {
      visit = visits.find((candidate) => candidate.caregiverIds.length === 1)!;
      expect(visit).toBeDefined();
      planned = visit.caregiverIds[0];
      cameInstead = published.team.members.find((member) => member.caregiverId !== planned)!.caregiverId;
      before = await exportOf(NEXT_WEEK);
      // Arranged in the table: the check-in route lets only the planned caregiver check in, but a
      // check-in that no longer matches the roster (a swap on the doorstep, an amendment after it)
      // is exactly what the history must follow.
      await dataSource.query(
        'INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at) VALUES ($1, $2, $3)',
        [visit.visitId, cameInstead, visit.plannedStart],
      );
      // Looked back on after the visits: two days into the week after them all.
      clock.set(new Date(`${dayOf(WEEK, 3)}T12:00:00Z`));
      expect(visits.every((each) => each.plannedStart < clock.now().toISOString())).toBe(true);
    });

    it('counts who came for the visit, not who was planned', async () => {
      const after = await exportOf(NEXT_WEEK);
      expect(historyOf(after, visit.clientId, planned)).toBeCloseTo(
        historyOf(before, visit.clientId, planned) - 1,
        5,
      );
      expect(historyOf(after, visit.clientId, cameInstead)).toBeCloseTo(
        historyOf(before, visit.clientId, cameInstead) + 1,
        5,
      );
    });

    it("lists who knows the client, logs the read, and hides it from another team's caregiver", async () => {
      const member = published.team.member(planned);
      const response = await member.http.get(`/clients/${visit.clientId}/continuity`).expect(200);
      const body = response.body as {
        clientId: string;
        windowWeeks: number;
        distinctCaregiversLast4Weeks: number;
        caregivers: {
          caregiverId: string;
          firstName: string;
          publishedVisits: number;
          checkedInVisits: number;
          lastVisitDate: string | null;
          weight: number;
        }[];
      };
      expect(body).toMatchObject({ clientId: visit.clientId, windowWeeks: 8 });
      const entryOf = (caregiverId: string) =>
        body.caregivers.find((each) => each.caregiverId === caregiverId);
      expect(entryOf(planned)).toMatchObject({ publishedVisits: publishedCount(visit.clientId, planned) });
      expect(entryOf(cameInstead)).toMatchObject({
        checkedInVisits: 1,
        lastVisitDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        firstName: expect.any(String),
      });
      // What the client's page shows is what the next roster is computed with.
      const nextWeek = await exportOf(NEXT_WEEK);
      for (const entry of body.caregivers)
        expect(entry.weight).toBeCloseTo(historyOf(nextWeek, visit.clientId, entry.caregiverId), 5);
      const cameThisWeek = new Set(
        visits
          .filter((each) => each.clientId === visit.clientId && each.visitId !== visit.visitId)
          .flatMap((each) => each.caregiverIds),
      ).add(cameInstead);
      expect(body.distinctCaregiversLast4Weeks).toBe(cameThisWeek.size);

      const coordinator = await signInAs(api, {
        role: 'coordinator',
        organisationId: published.team.organisationId,
      });
      const log = await coordinator.http
        .get(`/clients/${visit.clientId}/access-log`)
        .query({ limit: 200 })
        .expect(200);
      expect(log.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            userId: expect.any(String),
            clientId: visit.clientId,
            action: 'read',
            route: 'GET /clients/:clientId/continuity',
          }),
        ]),
      );

      const other = await createTeam(api.http);
      const stranger = await signInAs(api, { role: 'caregiver', teamIds: [other.teamId] });
      expectProblem(await stranger.http.get(`/clients/${visit.clientId}/continuity`), 404);
    });

    it('keeps the window an organisation setting of 1 to 26 weeks', async () => {
      const organisation = `/organisations/${published.team.organisationId}`;
      expectProblem(await api.http.patch(organisation).send({ continuityWindowWeeks: 27 }), 400);
      await api.http.patch(organisation).send({ continuityWindowWeeks: 3 }).expect(200);
      expect((await api.http.get(organisation).expect(200)).body.continuityWindowWeeks).toBe(3);
      const member = published.team.member(planned);
      const body = (await member.http.get(`/clients/${visit.clientId}/continuity`).expect(200)).body;
      expect(body.windowWeeks).toBe(3);
    });
  });
});
