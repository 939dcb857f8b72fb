// Families kept informed while the team plans: the week still being made, the proposed visits of a
// week in review marked "not yet agreed" (only their own client's), a visit nobody is on; named
// calendar links listed and revoked one by one; and the plan's change stream the board follows.
import http from 'node:http';
import { DataSource } from 'typeorm';
import { expectProblem, signInAs, type TestApp, type TestUser } from './support/test-app';
import type { ChildApp } from './support/processes';
import { apiAndWorkerOnPublishedWeek } from './support/published-team';
import { negotiatingTeam, waitForPlan, type NegotiatingTeam } from './support/negotiation';
import { WEEK, type RosterBody } from './support/rosters';

jest.setTimeout(120_000);

/** A plan's change stream as a board reads it: the marks so far and a wait for the next one. */
function followPlan(api: TestApp, planId: string, accessToken: string) {
  const address = api.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const marks: string[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  const request = http.get({
    host: '127.0.0.1',
    port,
    path: `/roster-plans/${planId}/stream`,
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'text/event-stream' },
  });
  let contentType = '';
  request.on('response', (response) => {
    contentType = String(response.headers['content-type']);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      for (const line of chunk.split('\n'))
        if (line.startsWith('data:')) marks.push((JSON.parse(line.slice(5)) as { mark: string }).mark);
      if (waiting && marks.length >= waiting.count) waiting.resolve();
    });
  });
  return {
    marks,
    contentType: () => contentType,
    /** Resolves once `count` events have arrived. */
    events: (count: number) =>
      new Promise<void>((resolve, reject) => {
        request.on('error', reject);
        if (marks.length >= count) resolve();
        else waiting = { count, resolve };
      }),
    close: () => request.destroy(),
  };
}

const PERIOD = { from: WEEK.periodStart, to: WEEK.periodEnd };

describe('families kept informed while the team plans', () => {
  let api: TestApp;
  let worker: ChildApp;
  let team: NegotiatingTeam;
  let plan: RosterBody;
  let family: TestUser;
  let otherFamily: TestUser;
  let clientId: string;
  let otherClientId: string;

  beforeAll(async () => {
    ({ api, worker } = await apiAndWorkerOnPublishedWeek());
    await api.app.listen(0, '127.0.0.1'); // the plan's stream is read with node:http
    team = await negotiatingTeam(api, 53);
    const created = await team.members[0].http
      .post(`/teams/${team.teamId}/roster-plans`)
      .send({ ...WEEK, timeLimitMs: 400 })
      .expect(202);
    plan = await waitForPlan(
      team.members[0].http,
      created.body.id,
      (body) => body.currentVersion === 1,
      'the first proposal',
    );
    const clients = [
      ...new Set(
        (plan.assignments as RosterBody[])
          .filter((assignment) => assignment.caregiverIds.length > 0)
          .map((assignment) => assignment.clientId as string),
      ),
    ];
    [clientId, otherClientId] = clients;
    family = await signInAs(api, { role: 'family', clientIds: [clientId] });
    otherFamily = await signInAs(api, { role: 'family', clientIds: [otherClientId] });
  }, 240_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  const visitPlan = async (user: TestUser, client = clientId) =>
    (await user.http.get(`/clients/${client}/visit-plan`).query(PERIOD).expect(200)).body as RosterBody;
  const assignmentsOf = (body: RosterBody, client: string) =>
    (body.assignments as RosterBody[]).filter((assignment) => assignment.clientId === client);

  it('says the week is still being planned while the proposal is not in review, and shows none of it', async () => {
    expect(plan.status).toBe('proposal');
    const body = await visitPlan(family);
    expect(body.visits).toEqual([]);
    expect(body.unpublished).toEqual([{ status: 'proposal', ...PERIOD }]);
  });

  it("shows a week in review as proposed visits, not yet agreed, of the family's own client only", async () => {
    plan = (
      await team.members[0].http
        .post(`/roster-plans/${plan.id}/review`)
        .set('If-Match', plan.etag)
        .send({})
        .expect(200)
    ).body;
    expect(plan.status).toBe('in-review');
    const dataSource = api.app.get(DataSource);
    const logged = async () =>
      Number(
        (
          await dataSource.query<{ count: string }[]>(
            'SELECT count(*) FROM access_log_entry WHERE user_id = $1 AND client_id = $2',
            [family.user.id, clientId],
          )
        )[0].count,
      );
    const before = await logged();
    const body = await visitPlan(family);
    expect(await logged()).toBe(before + 1);
    expect(body.unpublished).toEqual([{ status: 'in-review', ...PERIOD }]);
    const proposed = assignmentsOf(plan, clientId);
    const entries = body.visits as RosterBody[];
    expect(entries.map((entry) => entry.visitId).sort()).toEqual(
      proposed.map((assignment) => assignment.visitId).sort(),
    );
    const names = new Map(
      (
        await dataSource.query<{ id: string; first_name: string }[]>(
          'SELECT id, first_name FROM caregiver WHERE team_id = $1',
          [team.teamId],
        )
      ).map((row) => [row.id, row.first_name.split(' ')[0]]),
    );
    for (const entry of entries) {
      const assignment = proposed.find((candidate) => candidate.visitId === entry.visitId)!;
      expect(entry).toMatchObject({ proposed: true, status: 'planned', note: null });
      expect(entry.caregivers).toEqual(assignment.caregiverIds.map((id: string) => names.get(id)));
      expect(entry.plannedStart).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
      expect(entry.date).toBe(entry.plannedStart.slice(0, 10));
    }
    // Nothing of another client, even as it is proposed in the same plan.
    const others = new Set(assignmentsOf(plan, otherClientId).map((assignment) => assignment.visitId));
    expect(entries.some((entry) => others.has(entry.visitId))).toBe(false);
    const theirs = (await visitPlan(otherFamily, otherClientId)).visits as RosterBody[];
    expect(theirs.map((entry) => entry.visitId).sort()).toEqual([...others].sort());
    // And another family never reads this client's plan.
    expectProblem(await otherFamily.http.get(`/clients/${clientId}/visit-plan`).query(PERIOD), 404);
  });

  it('shows a proposed visit nobody is planned on with no caregivers, and the published plan after', async () => {
    const [first] = assignmentsOf(plan, clientId);
    // A colleague's board follows the plan's stream: the edit by another member reaches it.
    const board = followPlan(api, plan.id, team.members[1].accessToken);
    await board.events(1);
    expect(board.contentType()).toMatch(/^text\/event-stream/);
    plan = (
      await team.members[0].http
        .put(`/roster-plans/${plan.id}/assignments/${first.visitId}`)
        .set('If-Match', plan.etag)
        .send({ caregiverIds: [] })
        .expect(200)
    ).body;
    await board.events(2);
    board.close();
    expect(board.marks[1]).not.toBe(board.marks[0]);
    let entry = ((await visitPlan(family)).visits as RosterBody[]).find(
      (candidate) => candidate.visitId === first.visitId,
    );
    expect(entry).toMatchObject({ proposed: true, caregivers: [] });
    // Every member agrees and the plan is published: the visit nobody is on stays in the plan.
    for (const member of team.members)
      plan = (
        await member.http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', plan.etag).expect(200)
      ).body;
    plan = (
      await team.members[0].http
        .post(`/roster-plans/${plan.id}/publish`)
        .set('If-Match', plan.etag)
        .expect(200)
    ).body;
    expect(plan.status).toBe('published');
    const published = await visitPlan(family);
    expect(published.unpublished).toEqual([]);
    const entries = published.visits as RosterBody[];
    expect(entries.every((candidate) => candidate.proposed === false)).toBe(true);
    entry = entries.find((candidate) => candidate.visitId === first.visitId);
    expect(entry).toMatchObject({ proposed: false, caregivers: [], status: 'planned' });
    expect(entries.filter((candidate) => candidate.caregivers.length > 0).length).toBe(entries.length - 1);
  });

  it('names calendar links when they are made, lists them by name, and revokes one of them', async () => {
    const kitchen = await family.http
      .post(`/clients/${clientId}/calendar-feeds`)
      .send({ name: '  Kitchen   tablet ' })
      .expect(201);
    expect(kitchen.body).toMatchObject({ name: 'Kitchen tablet', kind: 'client', clientId });
    const phone = await family.http
      .post(`/clients/${clientId}/calendar-feeds`)
      .send({ name: "Anna's phone" })
      .expect(201);
    const tooLong = expectProblem(
      await family.http.post(`/clients/${clientId}/calendar-feeds`).send({ name: 'x'.repeat(61) }),
      400,
    );
    expect(JSON.stringify(tooLong)).toContain('name');
    expectProblem(
      await otherFamily.http.post(`/clients/${clientId}/calendar-feeds`).send({ name: 'Not mine' }),
      404,
    );
    const listed = (await family.http.get('/calendar-feeds').expect(200)).body.items as RosterBody[];
    expect(listed.map((feed) => [feed.name, feed.revokedAt])).toEqual([
      ["Anna's phone", null],
      ['Kitchen tablet', null],
    ]);
    expect(JSON.stringify(listed)).not.toContain(kitchen.body.token);
    await api.anonymous.get(kitchen.body.path).expect(200);

    // Another family cannot stop it; its owner stops the one and the other keeps working.
    expectProblem(await otherFamily.http.delete(`/calendar-feeds/${kitchen.body.id}`), 404);
    const revoked = await family.http.delete(`/calendar-feeds/${kitchen.body.id}`).expect(200);
    expect(revoked.body).toMatchObject({ name: 'Kitchen tablet', revokedAt: expect.any(String) });
    expectProblem(await api.anonymous.get(kitchen.body.path), 404);
    const calendar = await api.anonymous.get(phone.body.path).expect(200);
    expect(calendar.text).toContain('BEGIN:VEVENT');
    const after = (await family.http.get('/calendar-feeds').expect(200)).body.items as RosterBody[];
    expect(after.map((feed) => [feed.name, feed.revokedAt === null])).toEqual([
      ["Anna's phone", true],
      ['Kitchen tablet', false],
    ]);
  });
});
