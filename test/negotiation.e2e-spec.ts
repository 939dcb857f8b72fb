import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PlanWrites } from '@homecare/core/negotiation';
import { createDataSource } from '@homecare/database';
import { addDays, startOfLocalDate } from '@homecare/scenario';
import { createTestApp, expectProblem, signInAs, type TestApp } from './support/test-app';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import { smallTeamScenario, WEEK, type RosterBody } from './support/rosters';
import {
  findMove,
  findSwap,
  negotiatingTeam,
  rowsOf,
  waitForPlan,
  type NegotiatingTeam,
} from './support/negotiation';
import { dayOf, instantFromNow } from './support/clock';
import { machineTime } from '@homecare/common';

jest.setTimeout(120_000);

const PLAN = { ...WEEK, timeLimitMs: 400 };

describe('team negotiation: proposal to published roster', () => {
  let api: TestApp;
  let worker: ChildApp;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    worker = startWorker();
    await workerStarted(worker);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  /** A plan whose first proposal is computed; returns it as the first member reads it. */
  async function computedPlan(team: NegotiatingTeam): Promise<RosterBody> {
    const created = await team.members[0].http
      .post(`/teams/${team.teamId}/roster-plans`)
      .send(PLAN)
      .expect(202);
    expect(created.headers.location).toBe(`/roster-plans/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'proposal',
      currentVersion: 0,
      computation: { status: expect.any(String) },
    });
    return waitForPlan(
      team.members[0].http,
      created.body.id,
      (plan) => plan.currentVersion === 1,
      'the first proposal',
    );
  }

  /** Every member consents, then the first one publishes. */
  async function agreeAndPublish(team: NegotiatingTeam, plan: RosterBody): Promise<RosterBody> {
    let current = plan;
    if (current.status === 'proposal')
      current = (
        await team.members[0].http
          .post(`/roster-plans/${plan.id}/review`)
          .set('If-Match', current.etag)
          .send({})
          .expect(200)
      ).body;
    for (const member of team.members)
      current = (
        await member.http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', current.etag).expect(200)
      ).body;
    expect(current.status).toBe('agreed');
    const published = await team.members[1].http
      .post(`/roster-plans/${plan.id}/publish`)
      .set('If-Match', current.etag)
      .expect(200);
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: current.currentVersion });
    return published.body;
  }

  it('goes from a computed proposal to a published roster with an objection, a pin, a swap and a recompute', async () => {
    const team = await negotiatingTeam(api, 21);
    const [anna, bram, carla, daan] = team.members;
    let plan = await computedPlan(team);
    expect(plan.members).toHaveLength(4);
    expect(plan.assignments.length).toBeGreaterThan(0);
    const etag = await anna.http.get(`/roster-plans/${plan.id}`).expect(200);
    expect(etag.headers.etag).toBe(plan.etag);

    plan = (
      await anna.http.post(`/roster-plans/${plan.id}/review`).set('If-Match', plan.etag).send({}).expect(200)
    ).body;
    expect(plan.status).toBe('in-review');

    // Bram objects to one of his visits: agreement is blocked while it is open.
    const bramsVisit = (plan.assignments as RosterBody[]).find((assignment) =>
      assignment.caregiverIds.includes(bram.caregiverId),
    )!;
    expect(bramsVisit).toBeDefined();
    plan = (
      await bram.http
        .post(`/roster-plans/${plan.id}/objections`)
        .set('If-Match', plan.etag)
        .send({ visitId: bramsVisit.visitId, reason: "I can't do this visit" })
        .expect(200)
    ).body;
    expect(plan.objections).toEqual([
      expect.objectContaining({ visitId: bramsVisit.visitId, caregiverId: bram.caregiverId, status: 'open' }),
    ]);

    // Anna pins one of her visits: every recompute must keep it.
    const annasVisit = (plan.assignments as RosterBody[]).find((assignment) =>
      assignment.caregiverIds.includes(anna.caregiverId),
    )!;
    plan = (
      await anna.http
        .post(`/roster-plans/${plan.id}/pins`)
        .set('If-Match', plan.etag)
        .send({ visitId: annasVisit.visitId })
        .expect(200)
    ).body;
    expect(plan.currentVersion).toBe(2);
    expect(
      plan.assignments.find((assignment: RosterBody) => assignment.visitId === annasVisit.visitId).pinned,
    ).toBe(true);

    // A swap: two visits change hands together, checked against the hard rules as one change.
    const period = await team.period();
    const swap = findSwap(period, rowsOf(plan), [carla.caregiverId, daan.caregiverId, anna.caregiverId]);
    expect(swap).toBeDefined();
    const [mine, theirs, from, to] = swap!;
    plan = (
      await team
        .member(from)
        .http.post(`/roster-plans/${plan.id}/offers`)
        .set('If-Match', plan.etag)
        .send({ visitId: mine, toCaregiverId: to, exchangeVisitId: theirs })
        .expect(200)
    ).body;
    const [offer] = plan.offers as RosterBody[];
    expect(offer).toMatchObject({ visitId: mine, exchangeVisitId: theirs, status: 'open' });
    plan = (
      await team
        .member(to)
        .http.post(`/roster-plans/${plan.id}/offers/${offer.id}/accept`)
        .set('If-Match', plan.etag)
        .expect(200)
    ).body;
    expect(plan.currentVersion).toBe(3);
    const holder = (visitId: string) =>
      plan.assignments.find((assignment: RosterBody) => assignment.visitId === visitId).caregiverIds;
    expect(holder(mine)).toEqual([to]);
    expect(holder(theirs)).toEqual([from]);

    // Recompute: keeps the pin, honours the objection, changes as little as possible.
    plan = (
      await bram.http.post(`/roster-plans/${plan.id}/recomputes`).set('If-Match', plan.etag).expect(202)
    ).body;
    expect(plan.computation).toMatchObject({ status: expect.stringMatching(/queued|running/) });
    // While it runs, other changes wait for its version.
    expectProblem(
      await anna.http
        .post(`/roster-plans/${plan.id}/pins/`)
        .set('If-Match', plan.etag)
        .send({ visitId: mine }),
      409,
    );
    plan = await waitForPlan(
      anna.http,
      plan.id,
      (body) => body.currentVersion === 4 && body.computation === null,
      'the recompute',
    );
    expect(
      plan.assignments.find((assignment: RosterBody) => assignment.visitId === annasVisit.visitId),
    ).toMatchObject({
      caregiverIds: annasVisit.caregiverIds,
      pinned: true,
    });
    expect(holder(bramsVisit.visitId)).not.toContain(bram.caregiverId);
    expect(plan.objections).toEqual([]);
    const versions = (await anna.http.get(`/roster-plans/${plan.id}/versions`).expect(200)).body
      .items as RosterBody[];
    expect(versions.map((version) => version.kind)).toEqual(['computed', 'edit', 'edit', 'recompute']);
    // Fewest changes: the objected visit moves, little else.
    expect(versions[3].changedCount).toBeGreaterThanOrEqual(1);
    expect(versions[3].changedCount).toBeLessThan(plan.assignments.length);

    // Everyone consents to the current version: agreed; a member publishes.
    const published = await agreeAndPublish(team, plan);
    const roster = await carla.http
      .get(`/teams/${team.teamId}/published-roster`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    const assigned = (published.assignments as RosterBody[]).filter(
      (assignment) => assignment.caregiverIds.length > 0,
    );
    expect(roster.body.visits).toHaveLength(assigned.length);
    expect(roster.body.visits[0]).toMatchObject({
      visitId: expect.any(String),
      caregiverIds: expect.any(Array),
      plannedStart: expect.any(String),
      plannedEnd: expect.any(String),
      status: 'planned',
    });
    // The period is of local dates in the team's zone: one day holds the visits that overlap it.
    const day = WEEK.periodStart;
    const dayRange = [
      startOfLocalDate(day, team.scenario.timezone),
      startOfLocalDate(addDays(day, 1), team.scenario.timezone),
    ];
    const oneDay = await carla.http
      .get(`/teams/${team.teamId}/published-roster`)
      .query({ from: day, to: day })
      .expect(200);
    const overlapping = (roster.body.visits as RosterBody[]).filter(
      (visit) =>
        Date.parse(visit.plannedStart) < dayRange[1] * 60_000 &&
        Date.parse(visit.plannedEnd) > dayRange[0] * 60_000,
    );
    expect(overlapping.length).toBeGreaterThan(0);
    expect(overlapping.length).toBeLessThan(roster.body.visits.length);
    expect((oneDay.body.visits as RosterBody[]).map((visit) => visit.visitId)).toEqual(
      overlapping.map((visit) => visit.visitId),
    );
    expectProblem(
      await carla.http.get(`/teams/${team.teamId}/published-roster`).query({ from: '2026-02-30', to: day }),
      400,
    );

    // Any two versions compare: what moved, from whom to whom, and why.
    const diff = (await anna.http.get(`/roster-plans/${plan.id}/diff`).query({ from: 1, to: 4 }).expect(200))
      .body;
    const swapped = diff.changes.find((change: RosterBody) => change.visitId === mine);
    expect(swapped).toMatchObject({ before: { caregiverIds: [from] }, after: { caregiverIds: [to] } });
    expect(swapped.why).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: 3, kind: 'edit', reason: expect.stringMatching(/swapped/) }),
      ]),
    );
    expect(diff.changes.find((change: RosterBody) => change.visitId === bramsVisit.visitId).why).toEqual(
      expect.arrayContaining([expect.objectContaining({ version: 4, kind: 'recompute' })]),
    );

    // The trail: who did what, when, before and after.
    const events = (await daan.http.get(`/roster-plans/${plan.id}/events`).query({ limit: 200 }).expect(200))
      .body.items as RosterBody[];
    const kinds = events.map((event) => event.kind);
    for (const kind of [
      'created',
      'computed',
      'review-opened',
      'objected',
      'pinned',
      'swap-offered',
      'swapped',
      'recompute-requested',
      'objections-resolved',
      'consented',
      'agreed',
      'published',
    ])
      expect(kinds).toContain(kind);
    expect(events.find((event) => event.kind === 'objected')).toMatchObject({
      actorCaregiverId: bram.caregiverId,
      at: expect.any(String),
      after: { reason: "I can't do this visit" },
    });

    // Published: manual changes are refused; only amendments change it.
    expectProblem(
      await anna.http
        .post(`/roster-plans/${plan.id}/pins`)
        .set('If-Match', published.etag)
        .send({ visitId: mine }),
      409,
    );
  });

  it('lets a colleague claim a visit its caregiver objected to, which answers the objection; a full visit nobody objected to is not claimable', async () => {
    const team = await negotiatingTeam(api, 59);
    let plan = await computedPlan(team);
    const period = await team.period();
    // A single-caregiver visit and a colleague the hard rules let take it over.
    let found: { visitId: string; from: string; to: string } | undefined;
    for (const from of team.members)
      for (const to of team.members) {
        if (found || from === to) continue;
        const visitId = findMove(period, rowsOf(plan), from.caregiverId, to.caregiverId);
        const row = rowsOf(plan).find((candidate) => candidate.visitId === visitId);
        if (visitId && row?.caregiverIds.length === 1)
          found = { visitId, from: from.caregiverId, to: to.caregiverId };
      }
    expect(found).toBeDefined();
    const { visitId } = found!;
    const objector = team.member(found!.from);
    const colleague = team.member(found!.to);

    // Before the objection the visit is full: not claimable.
    const refused = expectProblem(
      await colleague.http
        .post(`/roster-plans/${plan.id}/claims`)
        .set('If-Match', plan.etag)
        .set('Accept-Language', 'en')
        .send({ visitId }),
      409,
    );
    expect(refused.detail).toContain('already has');

    plan = (
      await objector.http
        .post(`/roster-plans/${plan.id}/objections`)
        .set('If-Match', plan.etag)
        .send({ visitId, reason: 'I have a training that morning' })
        .expect(200)
    ).body;
    plan = (
      await colleague.http
        .post(`/roster-plans/${plan.id}/claims`)
        .set('If-Match', plan.etag)
        .send({ visitId })
        .expect(200)
    ).body;
    const claimed = (plan.assignments as RosterBody[]).find((assignment) => assignment.visitId === visitId)!;
    expect(claimed.caregiverIds).toEqual([colleague.caregiverId]);
    // The plan lists open objections only: the claim answered this one.
    expect(plan.objections).toEqual([]);
    const events = JSON.stringify(
      (await colleague.http.get(`/roster-plans/${plan.id}/events`).expect(200)).body,
    );
    expect(events).toContain('"claimed"');
    expect(events).toContain('"objections-resolved"');
  });

  it('lets exactly one of 50 concurrent acceptances of one offer win; the others get 409 with the current ETag', async () => {
    const team = await negotiatingTeam(api, 22);
    let plan = await computedPlan(team);
    const period = await team.period();
    const rows = rowsOf(plan);
    let offer: { from: string; takers: string[]; visitId: string } | undefined;
    for (const giver of team.members) {
      const takers = team.members.filter(
        (other) => other !== giver && findMove(period, rows, giver.caregiverId, other.caregiverId),
      );
      const byTaker = takers.map((taker) => findMove(period, rows, giver.caregiverId, taker.caregiverId));
      // One visit every taker could take.
      const visitId = byTaker[0];
      const able = takers.filter((_, index) => byTaker[index] === visitId);
      if (visitId && able.length > 0) {
        offer = { from: giver.caregiverId, takers: able.map((taker) => taker.caregiverId), visitId };
        break;
      }
    }
    expect(offer).toBeDefined();
    plan = (
      await team
        .member(offer!.from)
        .http.post(`/roster-plans/${plan.id}/offers`)
        .set('If-Match', plan.etag)
        .send({ visitId: offer!.visitId })
        .expect(200)
    ).body;
    const offerId = (plan.offers as RosterBody[])[0].id as string;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        team
          .member(offer!.takers[index % offer!.takers.length])
          .http.post(`/roster-plans/${plan.id}/offers/${offerId}/accept`)
          .set('If-Match', plan.etag),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = responses.find((response) => response.status === 200)!;
    const stale = expectProblem(
      responses.find((response) => response.status === 409)!,
      409,
    );
    expect(stale).toMatchObject({ currentRevision: winner.body.revision, etag: winner.body.etag });
    expect(stale.code).toBe('plan.stale-revision');

    // Consistent: one new version, the visit with exactly one taker, the offer accepted once.
    const after = (await api.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(after.currentVersion).toBe(2);
    const holder = after.assignments.find((assignment: RosterBody) => assignment.visitId === offer!.visitId)
      .caregiverIds as string[];
    expect(holder).toHaveLength(1);
    expect(offer!.takers).toContain(holder[0]);
    const dataSource = api.app.get(DataSource);
    const [row] = await dataSource.query('SELECT status, accepted_by FROM roster_plan_offer WHERE id = $1', [
      offerId,
    ]);
    expect(row).toEqual({ status: 'accepted', accepted_by: holder[0] });
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM roster_plan_event WHERE plan_id = $1 AND kind = 'offer-accepted'`,
      [plan.id],
    );
    expect(count).toBe(1);
  });

  it('refuses every change it must, with its reason: 422 rule, 409 stale, 428 no If-Match, 403 coordinator, 404 other team', async () => {
    const team = await negotiatingTeam(api, 23);
    const [anna, bram] = team.members;
    const plan = await computedPlan(team);
    const visit = (plan.assignments as RosterBody[]).find(
      (assignment) =>
        assignment.caregiverIds.length === 1 && assignment.caregiverIds.includes(anna.caregiverId),
    )!;
    expect(visit).toBeDefined();

    // 428: a write without If-Match.
    const missing = expectProblem(
      await anna.http.post(`/roster-plans/${plan.id}/consents`).set('Accept-Language', 'en'),
      428,
    );
    expect(missing.detail).toMatch(/If-Match/);

    // 422: the engine's own checker, in plain words, with the rule.
    const early = await anna.http
      .put(`/roster-plans/${plan.id}/assignments/${visit.visitId}`)
      .set('If-Match', plan.etag)
      .set('Accept-Language', 'en')
      .send({ caregiverIds: visit.caregiverIds, start: `${dayOf(WEEK, 0)}T00:05` });
    const tooEarly = expectProblem(early, 422);
    expect(tooEarly).toMatchObject({ rule: 'time-window', code: 'assignment.breaks-rule' });
    expect(tooEarly.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'time-window', visitId: visit.visitId })]),
    );
    expect(tooEarly.detail).toMatch(/outside the agreed time/);
    // Giving a visit to two caregivers when it needs one breaks staffing.
    const staffing = expectProblem(
      await anna.http
        .put(`/roster-plans/${plan.id}/assignments/${visit.visitId}`)
        .set('If-Match', plan.etag)
        .set('Accept-Language', 'en')
        .send({ caregiverIds: [anna.caregiverId, bram.caregiverId] }),
      422,
    );
    expect(String(staffing.detail)).toMatch(/needs|cannot reach|skill|has not said|would work/);
    // A skill the caregiver lacks, when the team has such a visit.
    const skilled = (await team.period()).scenario;
    const skillVisit = skilled.visits.find(
      (candidate) => (candidate.requiredSkills ?? []).length > 0 && (candidate.caregiversNeeded ?? 1) === 1,
    );
    const unskilled =
      skillVisit &&
      skilled.caregivers.find(
        (caregiver) => !(skillVisit.requiredSkills ?? []).every((skill) => caregiver.skills.includes(skill)),
      );
    if (skillVisit && unskilled) {
      const period = await team.period();
      const visitId = period.visitFromScenario.get(skillVisit.id)!;
      const row = (plan.assignments as RosterBody[]).find((assignment) => assignment.visitId === visitId)!;
      const refused = expectProblem(
        await anna.http
          .put(`/roster-plans/${plan.id}/assignments/${visitId}`)
          .set('If-Match', plan.etag)
          .set('Accept-Language', 'en')
          .send({
            caregiverIds: [period.caregiverFromScenario.get(unskilled.id)],
            start: row.start ?? `${skillVisit.earliestStart}`,
          }),
        422,
      );
      expect(refused.detail).toMatch(/does not have the skill/);
    }
    // Nothing was stored by the refusals.
    const unchanged = (await anna.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(unchanged).toMatchObject({ currentVersion: 1, revision: plan.revision });

    // 409: a write on a revision that has moved on, with the current ETag to catch up.
    const moved = (
      await anna.http
        .post(`/roster-plans/${plan.id}/pins`)
        .set('If-Match', plan.etag)
        .send({ visitId: visit.visitId })
        .expect(200)
    ).body;
    const stale = expectProblem(
      await bram.http.post(`/roster-plans/${plan.id}/review`).set('If-Match', plan.etag).send({}),
      409,
    );
    expect(stale).toMatchObject({ currentRevision: moved.revision, etag: moved.etag, currentVersion: 2 });
    // The rule is named in `code`, so a client tells a stale revision from a plan not in review.
    expect(stale.code).toBe('plan.stale-revision');
    const notInReview = expectProblem(
      await anna.http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', moved.etag),
      409,
    );
    expect(notInReview).toMatchObject({ code: 'plan.not-in-review', planStatus: 'proposal' });

    // 403: a coordinator reads, but never acts as a member.
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    await coordinator.http.get(`/roster-plans/${plan.id}`).expect(200);
    expectProblem(
      await coordinator.http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', moved.etag),
      403,
    );
    expectProblem(
      await coordinator.http.post(`/roster-plans/${plan.id}/publish`).set('If-Match', moved.etag),
      403,
    );
    // An objection to someone else's visit is refused too.
    const notMine = (moved.assignments as RosterBody[]).find(
      (assignment) =>
        assignment.caregiverIds.length > 0 && !assignment.caregiverIds.includes(bram.caregiverId),
    )!;
    const notTheirs = expectProblem(
      await bram.http
        .post(`/roster-plans/${plan.id}/review`)
        .set('If-Match', moved.etag)
        .send({})
        .then(async (response) =>
          bram.http
            .post(`/roster-plans/${plan.id}/objections`)
            .set('If-Match', response.body.etag)
            .send({ visitId: notMine.visitId, reason: 'not mine' }),
        ),
      422,
    );
    expect(notTheirs.code).toBe('objection.not-your-visit');

    // 404: a member of another team learns nothing, not even that the plan exists.
    const other = await negotiatingTeam(api, 24, { caregivers: 2, clients: 2, days: 1 });
    expectProblem(await other.members[0].http.get(`/roster-plans/${plan.id}`), 404);
    expectProblem(
      await other.members[0].http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', moved.etag),
      404,
    );
    expectProblem(await other.members[0].http.post(`/roster-plans/${plan.id}/consents`), 404);
  });

  it('flags assignments that no longer fit when a member changes their availability', async () => {
    const team = await negotiatingTeam(api, 25);
    const plan = await computedPlan(team);
    const visit = (plan.assignments as RosterBody[]).find(
      (assignment) => assignment.caregiverIds.length === 1 && assignment.start,
    )!;
    const member = team.member(visit.caregiverIds[0]);
    const exception = await member.http
      .post(`/caregivers/${member.caregiverId}/availability/exceptions`)
      .send({ start: visit.startLocal, end: localPlus(visit.startLocal, 30), kind: 'appointment' })
      .expect(201);
    const flagged = (await member.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(flagged.flaggedCount).toBeGreaterThanOrEqual(1);
    expect(
      flagged.assignments.find((assignment: RosterBody) => assignment.visitId === visit.visitId).flags,
    ).toEqual([
      expect.objectContaining({
        rule: 'availability',
        caregiverId: member.caregiverId,
        message: expect.stringMatching(/has not said they can work/),
      }),
    ]);
    const diff = (
      await member.http.get(`/roster-plans/${plan.id}/diff`).query({ from: 1, to: 1 }).expect(200)
    ).body;
    expect(diff.flagged).toEqual(
      expect.arrayContaining([expect.objectContaining({ visitId: visit.visitId })]),
    );
    // A change that moves no flag (an empty weekly pattern: the imported availability is dated
    // windows) keeps the flag as it is and records nothing, though the assignment is flagged.
    await member.http
      .put(`/caregivers/${member.caregiverId}/availability/pattern`)
      .send({ validFrom: visit.startLocal.slice(0, 10), windows: [] })
      .expect(200);
    const still = (await member.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(still.flaggedCount).toBe(flagged.flaggedCount);
    expect(still.assignments).toEqual(flagged.assignments);
    // Taking the exception back clears the flag.
    await member.http
      .delete(`/caregivers/${member.caregiverId}/availability/exceptions/${exception.body.id}`)
      .expect(204);
    const cleared = (await member.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(
      cleared.assignments.find((assignment: RosterBody) => assignment.visitId === visit.visitId).flags,
    ).toEqual([]);
    const events = (await member.http.get(`/roster-plans/${plan.id}/events`).expect(200)).body
      .items as RosterBody[];
    expect(events.filter((event) => event.kind === 'availability-changed')).toHaveLength(2);
  });

  it("answers a member's consent, objection and withdrawal with the plan exactly as a read shows it; a deleted visit loses its client", async () => {
    const team = await negotiatingTeam(api, 26);
    let plan = await computedPlan(team);
    plan = (
      await team.members[0].http
        .post(`/roster-plans/${plan.id}/review`)
        .set('If-Match', plan.etag)
        .send({})
        .expect(200)
    ).body;
    const member = team.members[1];
    const visit = (plan.assignments as RosterBody[]).find((assignment) =>
      assignment.caregiverIds.includes(member.caregiverId),
    )!;
    let etag = plan.etag as string;
    /** The step's answer, byte for byte the plan read right after it, with the new ETag. */
    const step = async (path: string, body: object): Promise<RosterBody> => {
      const answer = await member.http
        .post(`/roster-plans/${plan.id}${path}`)
        .set('If-Match', etag)
        .send(body)
        .expect(200);
      const read = await member.http.get(`/roster-plans/${plan.id}`).expect(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers.etag).toBe(read.headers.etag);
      expect(answer.headers.etag).not.toBe(etag);
      expect(answer.text).toBe(read.text);
      etag = answer.headers.etag;
      return answer.body;
    };
    const consented = await step('/consents', {});
    expect(
      consented.members.find((entry: RosterBody) => entry.caregiverId === member.caregiverId).consented,
    ).toBe(true);
    const objected = await step('/objections', { visitId: visit.visitId, reason: 'dentist' });
    const objection = objected.objections.find(
      (entry: RosterBody) => entry.caregiverId === member.caregiverId,
    );
    expect(objection).toMatchObject({ visitId: visit.visitId, reason: 'dentist', status: 'open' });
    expect(
      objected.members.find((entry: RosterBody) => entry.caregiverId === member.caregiverId).consented,
    ).toBe(false);
    const withdrawn = await step(`/objections/${objection.id}/withdraw`, {});
    expect(withdrawn.objections).toEqual([]);
    const events = (await member.http.get(`/roster-plans/${plan.id}/events`).expect(200)).body
      .items as RosterBody[];
    // The trail, oldest first: each step's event with the revision it answered.
    expect(events.slice(-3).map((event) => [event.kind, event.revision, event.after])).toEqual([
      ['consented', consented.revision, { version: consented.currentVersion }],
      [
        'objected',
        objected.revision,
        { objectionId: objection.id, visitId: visit.visitId, reason: 'dentist' },
      ],
      ['objection-withdrawn', withdrawn.revision, { status: 'withdrawn', objectionId: objection.id }],
    ]);

    // Kept assignments still follow what may change under a version: its visits being deleted.
    await api.app.get(DataSource).query('DELETE FROM visit WHERE id = $1', [visit.visitId]);
    const read = (await member.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(read.assignments.find((entry: RosterBody) => entry.visitId === visit.visitId).clientId).toBeNull();
  });

  it('stores nothing and answers 503 when the connection is lost half-way through an availability change or a pin', async () => {
    const team = await negotiatingTeam(api, 27);
    const plan = await computedPlan(team);
    const visit = (plan.assignments as RosterBody[]).find(
      (assignment) => assignment.caregiverIds.length === 1 && assignment.start,
    )!;
    const member = team.member(visit.caregiverIds[0]);
    const exceptionCount = async (): Promise<number> =>
      (await member.http.get(`/caregivers/${member.caregiverId}/availability/exceptions`).expect(200)).body
        .total;
    const exceptionsBefore = await exceptionCount();

    // The connection fails (SQLSTATE 08006) while the flags the change causes are stored, on this
    // plan only (other tests share the database). The change must not stay behind the error.
    const dataSource = api.app.get(DataSource);
    const failFlags = `fail_flags_${plan.id.replace(/-/g, '_')}`;
    await dataSource.query(
      `CREATE FUNCTION ${failFlags}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.version_id IN (SELECT id FROM roster_plan_version WHERE plan_id = '${plan.id}') THEN
           RAISE EXCEPTION 'connection lost' USING ERRCODE = '08006';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await dataSource.query(
      `CREATE TRIGGER ${failFlags} BEFORE UPDATE ON roster_plan_assignment FOR EACH ROW EXECUTE FUNCTION ${failFlags}()`,
    );
    try {
      const refused = await member.http
        .post(`/caregivers/${member.caregiverId}/availability/exceptions`)
        .send({ start: visit.startLocal, end: localPlus(visit.startLocal, 30), kind: 'appointment' });
      expectProblem(refused, 503);
    } finally {
      await dataSource.query(`DROP TRIGGER ${failFlags} ON roster_plan_assignment`);
      await dataSource.query(`DROP FUNCTION ${failFlags}()`);
    }
    expect(await exceptionCount()).toBe(exceptionsBefore);

    // The connection is lost while the answer to a pin is read: the pin must not stay either
    // (the answer is read in the pin's own transaction).
    const before = (await member.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    // planView of the write path, which reads every write's answer in the write's transaction.
    const plans = api.app.get(PlanWrites);
    const planView = jest
      .spyOn(plans, 'planView')
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    try {
      const refused = await member.http
        .post(`/roster-plans/${plan.id}/pins`)
        .set('If-Match', before.etag)
        .send({ visitId: visit.visitId });
      expectProblem(refused, 503);
    } finally {
      planView.mockRestore();
    }
    const after = (await member.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(after.revision).toBe(before.revision);
    expect(
      after.assignments.find((assignment: RosterBody) => assignment.visitId === visit.visitId).pinned,
    ).toBe(false);
  });

  it('counts silence as consent once the review deadline passes (a delayed job settles it)', async () => {
    const team = await negotiatingTeam(api, 26, { caregivers: 3, clients: 4, days: 1 });
    const plan = await computedPlan(team);
    const deadline = instantFromNow(2500);
    const opened = (
      await team.members[0].http
        .post(`/roster-plans/${plan.id}/review`)
        .set('If-Match', plan.etag)
        .send({ reviewDeadline: deadline })
        .expect(200)
    ).body;
    await team.members[1].http
      .post(`/roster-plans/${plan.id}/consents`)
      .set('If-Match', opened.etag)
      .expect(200);
    const dataSource = api.app.get(DataSource);
    // Read straight from the table: no GET settles it here, the worker's job does.
    await waitFor(
      'the deadline job to agree the plan',
      async () => {
        const [row] = await dataSource.query('SELECT status FROM roster_plan WHERE id = $1', [plan.id]);
        return row.status === 'agreed';
      },
      30_000,
      200,
    );
    const events = (await team.members[0].http.get(`/roster-plans/${plan.id}/events`).expect(200)).body
      .items as RosterBody[];
    expect(events.find((event) => event.kind === 'agreed')?.summary).toMatch(/deadline passed/);
  });

  it('names an administrator in the trail by role to members, by id only to coordinators and administrators', async () => {
    const team = await negotiatingTeam(api, 29);
    const created = await api.http.post(`/teams/${team.teamId}/roster-plans`).send(PLAN).expect(202);
    const adminId = (await api.http.get('/users/me').expect(200)).body.id as string;
    const trailOf = async (http: typeof api.http) =>
      (await http.get(`/roster-plans/${created.body.id}/events`).expect(200)).body.items as RosterBody[];
    const [asMember] = await trailOf(team.members[0].http);
    expect(asMember).toMatchObject({ kind: 'created', actorUserId: null, actorRole: 'administrator' });
    expect(JSON.stringify(await trailOf(team.members[0].http))).not.toContain(adminId);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    const [asCoordinator] = await trailOf(coordinator.http);
    expect(asCoordinator).toMatchObject({
      kind: 'created',
      actorUserId: adminId,
      actorRole: 'administrator',
    });
    // Its first proposal finishes before the next test starts.
    await waitForPlan(api.http, created.body.id, (plan) => plan.currentVersion === 1, 'v1');
  });

  it('amends a published roster after a sick call: re-rostered with few changes, published at once, confirmed by those affected', async () => {
    const team = await negotiatingTeam(api, 27);
    const plan = await computedPlan(team);
    const published = await agreeAndPublish(team, plan);
    // Changes are stamped by the database's clock: "since" is the machine's time.
    const lookedAt = machineTime.now();
    const sick = team.members
      .map((member) => ({
        member,
        visits: (published.assignments as RosterBody[]).filter((assignment) =>
          assignment.caregiverIds.includes(member.caregiverId),
        ),
      }))
      .sort((first, second) => second.visits.length - first.visits.length)[0];
    expect(sick.visits.length).toBeGreaterThan(0);
    const from = `${WEEK.periodStart}T00:00`;
    const to = `${dayOf(WEEK, 2)}T00:00`;
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    expectProblem(
      await coordinator.http
        .post(`/roster-plans/${plan.id}/amendments`)
        .send({ caregiverId: sick.member.caregiverId, from, to, reason: 'sick' }),
      428,
    );
    // A colleague does not report someone else sick (the organisation has not allowed it): refused
    // before anything is recorded.
    const colleague = team.members.find((member) => member !== sick.member)!;
    const refused = expectProblem(
      await colleague.http
        .post(`/roster-plans/${plan.id}/amendments`)
        .set('If-Match', published.etag)
        .send({ caregiverId: sick.member.caregiverId, from, to, reason: 'sick: flu' }),
      403,
    );
    expect(refused.code).toBe('amendment.not-own-absence');
    // The caregiver reports themselves.
    const requested = await sick.member.http
      .post(`/roster-plans/${plan.id}/amendments`)
      .set('If-Match', published.etag)
      .send({ caregiverId: sick.member.caregiverId, from, to, reason: 'sick: flu' })
      .expect(202);
    expect(requested.body.status).toBe('published');
    const amended = await waitForPlan(
      api.http,
      plan.id,
      (body) => body.publishedVersion === published.currentVersion + 1,
      'the amendment',
    );
    expect(amended.status).toBe('published');
    const [amendment] = (await api.http.get(`/roster-plans/${plan.id}/amendments`).expect(200)).body
      .items as RosterBody[];
    expect(amendment).toMatchObject({
      status: 'published',
      version: amended.currentVersion,
      changedCount: expect.any(Number),
      reason: 'sick: flu',
    });
    // The reason is the absent person's and the coordinators' to read: not a colleague's, not in
    // the team's trail of events or its versions, not in the exception the team's availability shows.
    const [ownView] = (await sick.member.http.get(`/roster-plans/${plan.id}/amendments`).expect(200)).body
      .items as RosterBody[];
    expect(ownView.reason).toBe('sick: flu');
    const [coordinatorView] = (await coordinator.http.get(`/roster-plans/${plan.id}/amendments`).expect(200))
      .body.items as RosterBody[];
    expect(coordinatorView.reason).toBe('sick: flu');
    const [colleagueView] = (await colleague.http.get(`/roster-plans/${plan.id}/amendments`).expect(200)).body
      .items as RosterBody[];
    expect(colleagueView).toMatchObject({ id: amendment.id, reason: null });
    const seenByColleague = JSON.stringify([
      (await colleague.http.get(`/roster-plans/${plan.id}/events`).query({ limit: 200 }).expect(200)).body,
      (await colleague.http.get(`/roster-plans/${plan.id}/versions`).expect(200)).body,
      (await colleague.http.get(`/roster-plans/${plan.id}`).expect(200)).body,
      (await colleague.http.get(`/caregivers/${sick.member.caregiverId}/availability/exceptions`).expect(200))
        .body,
    ]);
    expect(seenByColleague).not.toContain('flu');
    // The sick caregiver's visits moved (or are open); few others did.
    expect(amendment.changedCount).toBeGreaterThanOrEqual(sick.visits.length);
    expect(amendment.changedCount).toBeLessThan(amended.assignments.length);
    const diff = (
      await api.http
        .get(`/roster-plans/${plan.id}/diff`)
        .query({ from: published.currentVersion, to: amended.currentVersion })
        .expect(200)
    ).body;
    expect(diff.changedCount).toBe(amendment.changedCount);
    for (const assignment of amended.assignments as RosterBody[])
      expect(assignment.caregiverIds).not.toContain(sick.member.caregiverId);

    // Published at once: the published roster already shows it, and says what changed since.
    const roster = await api.http
      .get(`/teams/${team.teamId}/published-roster`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd, since: lookedAt.toISOString() })
      .expect(200);
    for (const visit of roster.body.visits as RosterBody[])
      expect(visit.caregiverIds).not.toContain(sick.member.caregiverId);
    expect(roster.body.changedSince.length).toBeGreaterThanOrEqual(sick.visits.length);
    expect(roster.body.changedSince[0]).toMatchObject({
      visitId: expect.any(String),
      before: expect.anything(),
      changedAt: expect.any(String),
    });

    // Each affected member confirms; until then the amendment says who has not.
    let current = amended;
    for (const caregiverId of amendment.affectedCaregiverIds as string[])
      current = (
        await team
          .member(caregiverId)
          .http.post(`/roster-plans/${plan.id}/amendments/${amendment.id}/confirm`)
          .set('If-Match', current.etag)
          .expect(200)
      ).body;
    const confirmed = (await api.http.get(`/roster-plans/${plan.id}/amendments`).expect(200)).body.items[0];
    expect(confirmed.awaitingConfirmation).toEqual([]);
    expect(confirmed.confirmedBy.sort()).toEqual([...(amendment.affectedCaregiverIds as string[])].sort());
    const kinds = (
      (await api.http.get(`/roster-plans/${plan.id}/events`).query({ limit: 200 }).expect(200)).body
        .items as RosterBody[]
    ).map((event) => event.kind);
    expect(kinds).toEqual(expect.arrayContaining(['amendment-requested', 'amended', 'amendment-confirmed']));
  });
});

describe('the database forbids overlapping published visits of one caregiver', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('refuses an overlapping row inserted straight with SQL (exclusion constraint)', async () => {
    const dataSource = api.app.get(DataSource);
    const imported = await api.http
      .post('/teams/import')
      .send(smallTeamScenario(28, { caregivers: 2, clients: 2, days: 1 }))
      .expect(201);
    const teamId = imported.body.teamId as string;
    const caregiverId = Object.values(imported.body.ids.caregivers as Record<string, string>)[0];
    const [visitA, visitB] = Object.values(imported.body.ids.visits as Record<string, string>);
    const [{ client_id: clientId }] = await dataSource.query('SELECT client_id FROM visit WHERE id = $1', [
      visitA,
    ]);
    const [{ id: planId }] = await dataSource.query(
      `INSERT INTO roster_plan (team_id, period_start, period_end, time_limit_ms) VALUES ($1, '${dayOf(WEEK, 0)}', '${dayOf(WEEK, 6)}', 500) RETURNING id`,
      [teamId],
    );
    const insert = (visitId: string, start: string, end: string) =>
      dataSource.query(
        `INSERT INTO published_assignment (plan_id, version, team_id, client_id, visit_id, caregiver_id, starts_at, ends_at)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7)`,
        [planId, teamId, clientId, visitId, caregiverId, start, end],
      );
    await insert(visitA, `${dayOf(WEEK, 0)}T08:00:00Z`, `${dayOf(WEEK, 0)}T09:00:00Z`);
    await expect(
      insert(visitB, `${dayOf(WEEK, 0)}T08:30:00Z`, `${dayOf(WEEK, 0)}T09:30:00Z`),
    ).rejects.toMatchObject({
      code: '23P01',
      constraint: 'ex_published_assignment_caregiver_overlap',
    });
    // Touching ends do not overlap; a removed row no longer counts.
    await insert(visitB, `${dayOf(WEEK, 0)}T09:00:00Z`, `${dayOf(WEEK, 0)}T09:30:00Z`);
    await dataSource.query('UPDATE published_assignment SET removed_at = now() WHERE visit_id = $1', [
      visitA,
    ]);
    await insert(visitA, `${dayOf(WEEK, 0)}T08:15:00Z`, `${dayOf(WEEK, 0)}T08:45:00Z`);
  });

  it('is known to migration:generate: nothing pending with it, and its absence shows as a pending migration', async () => {
    const adminUrl = process.env.TEST_ADMIN_DATABASE_URL!;
    const scratch = `homecare_scratch_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    const url = new URL(adminUrl);
    url.pathname = `/${scratch}`;
    const dataSource = createDataSource(url.toString());
    try {
      await dataSource.initialize();
      await dataSource.runMigrations();
      // What `npm run db:check` runs (migration:generate --check): the schema builder's diff.
      const pending = async () =>
        (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query);
      expect(await pending()).toEqual([]);
      await dataSource.query(
        'ALTER TABLE published_assignment DROP CONSTRAINT ex_published_assignment_caregiver_overlap',
      );
      expect((await pending()).join('\n')).toMatch(
        /ex_published_assignment_caregiver_overlap.*EXCLUDE USING gist/s,
      );
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.end();
    }
  });
});

/** `YYYY-MM-DDTHH:mm` plus minutes (same day, as the tests use it). */
function localPlus(local: string, minutes: number): string {
  const [date, time] = local.split('T');
  const [hours, mins] = time.split(':').map(Number);
  const total = hours * 60 + mins + minutes;
  return `${date}T${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
