// Rolling planning: a team's settings, and the hourly schedule that prepares the week ahead once
// its review opens (visits generated, a plan made by the schedule, its review opened with the
// team's deadline once proposed), run as of the review-opening moment of this week.
import { Queue } from 'bullmq';
import { ConfigService } from '@nestjs/config';
import { Clock, FixedClock, machineTime, type AppConfig } from '@homecare/common';
import { RollingPlanner } from '@homecare/core/planning';
import { PLANNING_QUEUE, redisConnectionFromUrl, type PrepareRollingWeeksJob } from '@homecare/jobs';
import { startOfLocalDate } from '@homecare/scenario';
import { negotiatingTeam, waitForPlan, type NegotiatingTeam } from './support/negotiation';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import { WEEK, type RosterBody } from './support/rosters';
import { dayOf, localDateTimeOf, TEST_ZONE, weekFromNow } from './support/clock';
import { createTeam, createTestApp, expectProblem, signInAs, type TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** This week, as of the tests' clock: the week whose Wednesday opens the review of next week (WEEK). */
const THIS_WEEK = weekFromNow(0);
/** A minute after the default opening (Wednesday 00:00 in the team's zone) of next week's review. */
const REVIEW_OPENS_NOW = new Date(startOfLocalDate(dayOf(THIS_WEEK, 2), TEST_ZONE) * 60_000 + 60_000);

const DEFAULTS = {
  rollingPlanningEnabled: false,
  weeksAhead: 1,
  reviewOpensWeekday: 3,
  reviewDeadlineWeekday: 5,
  reviewDeadlineTime: '17:00',
  continuityTargetDistinctCaregivers: 2,
};

describe('rolling planning', () => {
  let api: TestApp;
  let worker: ChildApp;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp((builder) =>
      builder.overrideProvider(Clock).useValue(new FixedClock(REVIEW_OPENS_NOW)),
    );
    // The worker's clock starts at the same moment (it opens the reviews and runs the schedule).
    worker = startWorker({
      CLOCK_NOW: REVIEW_OPENS_NOW.toISOString(),
      CLOCK_NOW_ANCHOR_MS: String(machineTime.nowMs()),
    });
    await workerStarted(worker);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  const tick = () => api.app.get(RollingPlanner).tick();

  const plansOf = async (teamId: string): Promise<RosterBody[]> =>
    (await api.http.get(`/teams/${teamId}/roster-plans`).expect(200)).body.items as RosterBody[];

  /** A negotiating team with rolling planning on and a care need that asks for a visit every day. */
  async function rollingTeam(seed: number): Promise<NegotiatingTeam & { careNeedId: string }> {
    const team = await negotiatingTeam(api, seed);
    const clients = (await api.http.get(`/teams/${team.teamId}/clients`).expect(200)).body
      .items as RosterBody[];
    const careNeed = await api.http
      .post(`/clients/${clients[0].id}/care-needs`)
      .send({
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        windowStart: '10:00',
        windowEnd: '12:00',
        durationMinutes: 30,
        startsOn: WEEK.periodStart,
      })
      .expect(201);
    await api.http
      .patch(`/teams/${team.teamId}/planning-settings`)
      .send({ rollingPlanningEnabled: true })
      .expect(200);
    return { ...team, careNeedId: careNeed.body.id as string };
  }

  /** The plan the schedule prepared, once its review is open. */
  async function expectPreparedAndInReview(team: NegotiatingTeam & { careNeedId: string }): Promise<void> {
    const plans = await plansOf(team.teamId);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ periodStart: WEEK.periodStart, periodEnd: WEEK.periodEnd });
    const plan = await waitForPlan(
      api.http,
      plans[0].id,
      (body) => body.status === 'in-review',
      'the prepared plan to be in review',
    );
    expect(plan.currentVersion).toBe(1);
    // The team's deadline: Friday 17:00 in its zone, of the week the review opened.
    expect(localDateTimeOf(plan.reviewDeadline)).toBe(`${dayOf(THIS_WEEK, 4)}T17:00`);
    // The week's visits were generated from the care need, and the proposal covers them.
    const visits = (
      await api.http
        .get(`/teams/${team.teamId}/visits`)
        .query({ from: WEEK.periodStart, to: WEEK.periodEnd, status: 'planned', limit: 100 })
        .expect(200)
    ).body.items as RosterBody[];
    expect(visits.filter((visit) => visit.careNeedId === team.careNeedId)).toHaveLength(7);
    const planned = new Set((plan.assignments as RosterBody[]).map((row) => row.visitId));
    for (const visit of visits) expect(planned.has(visit.id)).toBe(true);
    // The trail names the schedule, not a user.
    const events = (await api.http.get(`/roster-plans/${plan.id}/events`).expect(200)).body
      .items as RosterBody[];
    const created = events.find((event) => event.kind === 'created')!;
    const opened = events.find((event) => event.kind === 'review-opened')!;
    for (const event of [created, opened]) {
      expect(event.actorUserId).toBeNull();
      expect(event.after).toMatchObject({ by: 'schedule' });
    }
  }

  it('gives teams the defaults, validates changes with rule-level codes, keeps outsiders out', async () => {
    const { teamId, organisationId } = await createTeam(api.http);
    const defaults = await api.http.get(`/teams/${teamId}/planning-settings`).expect(200);
    expect(defaults.body).toEqual({ teamId, timezone: TEST_ZONE, ...DEFAULTS });

    const refusals: [Record<string, unknown>, string, string][] = [
      [{ weeksAhead: 5 }, 'planning.weeks-ahead-invalid', '$.weeksAhead'],
      [{ weeksAhead: 1.5 }, 'planning.weeks-ahead-invalid', '$.weeksAhead'],
      [{ reviewOpensWeekday: 0 }, 'planning.weekday-invalid', '$.reviewOpensWeekday'],
      [{ reviewDeadlineWeekday: 8 }, 'planning.weekday-invalid', '$.reviewDeadlineWeekday'],
      [{ reviewDeadlineTime: '25:00' }, 'planning.deadline-time-invalid', '$.reviewDeadlineTime'],
      [{ rollingPlanningEnabled: 'yes' }, 'planning.enabled-invalid', '$.rollingPlanningEnabled'],
      [
        { continuityTargetDistinctCaregivers: 0 },
        'planning.continuity-target-invalid',
        '$.continuityTargetDistinctCaregivers',
      ],
      // Opening on Saturday with the default Friday deadline: the deadline would come first.
      [{ reviewOpensWeekday: 6 }, 'planning.deadline-before-opening', '$.reviewDeadlineWeekday'],
    ];
    for (const [body, code, path] of refusals) {
      const problem = expectProblem(
        await api.http.patch(`/teams/${teamId}/planning-settings`).send(body),
        400,
      );
      expect(problem.code).toBe(code);
      expect(problem.problems?.map((entry) => entry.path)).toContain(path);
    }
    expect((await api.http.get(`/teams/${teamId}/planning-settings`).expect(200)).body).toMatchObject(
      DEFAULTS,
    );

    const changed = await api.http
      .patch(`/teams/${teamId}/planning-settings`)
      .send({
        rollingPlanningEnabled: true,
        weeksAhead: 2,
        reviewOpensWeekday: 1,
        reviewDeadlineTime: '12:30',
        continuityTargetDistinctCaregivers: 3,
      })
      .expect(200);
    expect(changed.body).toEqual({
      teamId,
      timezone: TEST_ZONE,
      rollingPlanningEnabled: true,
      weeksAhead: 2,
      reviewOpensWeekday: 1,
      reviewDeadlineWeekday: 5,
      reviewDeadlineTime: '12:30',
      continuityTargetDistinctCaregivers: 3,
    });

    // The team's own coordinator changes them; a member reads them but may not change them.
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    await coordinator.http.patch(`/teams/${teamId}/planning-settings`).send({ weeksAhead: 1 }).expect(200);
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    expect((await member.http.get(`/teams/${teamId}/planning-settings`).expect(200)).body.weeksAhead).toBe(1);
    expectProblem(await member.http.patch(`/teams/${teamId}/planning-settings`).send({ weeksAhead: 2 }), 403);

    // Another organisation's coordinator and a caregiver of another team do not see the team.
    const other = await createTeam(api.http);
    const outsider = await signInAs(api, { role: 'coordinator', organisationId: other.organisationId });
    expectProblem(await outsider.http.get(`/teams/${teamId}/planning-settings`), 404);
    expectProblem(
      await outsider.http.patch(`/teams/${teamId}/planning-settings`).send({ weeksAhead: 2 }),
      404,
    );
    const stranger = await signInAs(api, { role: 'caregiver', teamIds: [other.teamId] });
    expectProblem(await stranger.http.get(`/teams/${teamId}/planning-settings`), 404);
    expectProblem(await api.http.get(`/teams/${other.organisationId}/planning-settings`), 404);
  });

  it('prepares next week once at the opening moment, however often and concurrently it runs', async () => {
    const team = await rollingTeam(171);
    const disabled = await negotiatingTeam(api, 172);
    const byHand = await rollingTeam(173);
    const handMade = await byHand.members[0].http
      .post(`/teams/${byHand.teamId}/roster-plans`)
      .send({ ...WEEK, timeLimitMs: 400 })
      .expect(202);

    // Two ticks at once (two workers), then a rerun.
    const [first, second] = await Promise.all([tick(), tick()]);
    const third = await tick();
    const prepared = [...first.prepared, ...second.prepared, ...third.prepared];
    expect(prepared.filter((week) => week.teamId === team.teamId)).toEqual([
      expect.objectContaining({ weekStart: WEEK.periodStart }),
    ]);
    expect(prepared.some((week) => week.teamId === disabled.teamId || week.teamId === byHand.teamId)).toBe(
      false,
    );

    await expectPreparedAndInReview(team);
    expect(await plansOf(disabled.teamId)).toEqual([]);
    // The week that had a plan keeps only that one, untouched by the schedule.
    const handPlans = await plansOf(byHand.teamId);
    expect(handPlans.map((plan) => plan.id)).toEqual([handMade.body.id]);
    const handPlan = await waitForPlan(
      api.http,
      handMade.body.id,
      (body) => body.currentVersion === 1,
      'the plan',
    );
    expect(handPlan.status).toBe('proposal');

    // Later ticks leave the prepared week alone.
    const again = await tick();
    expect(again.prepared.filter((week) => week.teamId === team.teamId)).toEqual([]);
    expect(await plansOf(team.teamId)).toHaveLength(1);
  });

  it('runs as the worker’s hourly job: a tick through the planning queue prepares the week', async () => {
    const team = await rollingTeam(174);
    const config = api.app.get(ConfigService<AppConfig, true>);
    const queue = new Queue(PLANNING_QUEUE, {
      connection: redisConnectionFromUrl(config.get('REDIS_URL', { infer: true })),
      prefix: config.get('QUEUE_PREFIX', { infer: true }),
    });
    try {
      // The job the scheduler adds every hour, twice at once: still one plan.
      const job: PrepareRollingWeeksJob = { name: 'prepare-rolling-weeks', data: {} };
      await Promise.all([queue.add(job.name, job.data), queue.add(job.name, job.data)]);
      await waitFor(
        'the schedule to prepare the week',
        async () => (await plansOf(team.teamId)).length > 0,
        60_000,
        250,
      );
      await expectPreparedAndInReview(team);
      expect(await queue.getJobSchedulersCount()).toBeGreaterThanOrEqual(1);
    } finally {
      await queue.close();
    }
  });
});
