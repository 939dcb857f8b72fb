// Who is told what as a team negotiates, through HTTP: the review opened (and, a day before its
// deadline, a reminder), an offer, an objection answered, the roster published, a family's visit
// that nobody is planned on yet, and a sick call's amendment: one message per person for a
// recompute, in Dutch or English, never to the person who acted.
import { instantFromNow } from './support/clock';
import { findMove, negotiatingTeam, rowsOf, waitForPlan, type Member } from './support/negotiation';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import { WEEK, type RosterBody } from './support/rosters';
import { createTestApp, signInAs, type TestApp } from './support/test-app';
import { dayOf } from './support/clock';
import type TestAgent from 'supertest/lib/agent';

jest.setTimeout(180_000);

const HOUR_MS = 3_600_000;

interface NotificationBody {
  id: string;
  kind: string;
  text: string;
  link: string;
  count: number;
  readAt: string | null;
}

describe('notifications from the negotiation', () => {
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

  const feed = async (http: TestAgent, language = 'nl'): Promise<NotificationBody[]> =>
    (await http.get('/users/me/notifications').set('Accept-Language', language).expect(200)).body.items;
  const ofKind = async (http: TestAgent, kind: string, language = 'nl') =>
    (await feed(http, language)).filter((item) => item.kind === kind);

  it('tells members, colleagues and families, each once, in their language, never the actor', async () => {
    const team = await negotiatingTeam(api, 61);
    const [first, ...others] = team.members;
    const created = await first.http
      .post(`/teams/${team.teamId}/roster-plans`)
      .send({ ...WEEK, timeLimitMs: 400 })
      .expect(202);
    let plan = await waitForPlan(first.http, created.body.id, (body) => body.currentVersion === 1, 'v1');
    const link = `/teams/${team.teamId}?plan=${plan.id}`;

    // The review opens with a deadline a day and a few seconds away: the reminder is due at once.
    plan = (
      await first.http
        .post(`/roster-plans/${plan.id}/review`)
        .set('If-Match', plan.etag)
        .send({ reviewDeadline: instantFromNow(24 * HOUR_MS + 3_000) })
        .expect(200)
    ).body;
    expect(await ofKind(first.http, 'plan.review-opened')).toEqual([]);
    for (const member of others) {
      const [opened] = await ofKind(member.http, 'plan.review-opened');
      expect(opened).toMatchObject({ link, count: 1, readAt: null });
      expect(opened.text).toMatch(
        /^Het rooster van .+ staat klaar\. Bekijk het en geef je akkoord vóór .+\.$/,
      );
      expect(opened.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const [english] = await ofKind(member.http, 'plan.review-opened', 'en-GB,en;q=0.9');
      expect(english.text).toMatch(
        /^The roster for .+ is ready\. Look at it and give your consent before .+\.$/,
      );
    }
    // The worker's reminder: everyone who has not consented, once, even if asked again.
    for (const member of team.members)
      await waitFor(
        'the review reminder',
        async () => (await ofKind(member.http, 'plan.review-deadline')).length === 1,
        30_000,
        250,
      );
    const [reminder] = await ofKind(others[0].http, 'plan.review-deadline', 'en');
    expect(reminder.text).toMatch(/^Not long now: give your consent to the roster for .+ before .+\./);

    // An offer reaches its recipient only.
    const period = await team.period();
    let move: { visitId: string; from: Member; to: Member } | undefined;
    for (const from of team.members)
      for (const to of team.members) {
        if (move || from === to) continue;
        const visitId = findMove(period, rowsOf(plan), from.caregiverId, to.caregiverId);
        if (visitId) move = { visitId, from, to };
      }
    expect(move).toBeDefined();
    const { from, to } = move!;
    plan = (
      await from.http
        .post(`/roster-plans/${plan.id}/offers`)
        .set('If-Match', plan.etag)
        .send({ visitId: move!.visitId, toCaregiverId: to.caregiverId })
        .expect(200)
    ).body;
    const [offer] = await ofKind(to.http, 'plan.offer');
    expect(offer).toMatchObject({ link, count: 1 });
    expect(offer.text).toMatch(/^Een collega biedt je het bezoek van .+ aan\.$/);
    expect((await ofKind(to.http, 'plan.offer', 'en'))[0].text).toMatch(
      /^A colleague offers you the visit of /,
    );
    for (const member of team.members.filter((candidate) => candidate !== to))
      expect(await ofKind(member.http, 'plan.offer')).toEqual([]);
    const offerId = (plan.offers as RosterBody[])[0].id as string;
    plan = (
      await to.http
        .post(`/roster-plans/${plan.id}/offers/${offerId}/decline`)
        .set('If-Match', plan.etag)
        .expect(200)
    ).body;

    // An objection the colleague answers by claiming the visit: the objector hears it is resolved.
    plan = (
      await from.http
        .post(`/roster-plans/${plan.id}/objections`)
        .set('If-Match', plan.etag)
        .send({ visitId: move!.visitId, reason: 'cannot make it' })
        .expect(200)
    ).body;
    plan = (
      await to.http
        .post(`/roster-plans/${plan.id}/claims`)
        .set('If-Match', plan.etag)
        .send({ visitId: move!.visitId })
        .expect(200)
    ).body;
    const [resolved] = await ofKind(from.http, 'plan.objection-resolved', 'en');
    expect(resolved.text).toMatch(/^Your objection to the visit of .+ is resolved/);
    expect(await ofKind(to.http, 'plan.objection-resolved')).toEqual([]);

    // A visit left without anybody: its client's family will hear of it once the roster is final.
    const left = (plan.assignments as RosterBody[]).find(
      (assignment) => assignment.caregiverIds.length > 0 && assignment.visitId !== move!.visitId,
    )!;
    const visit = (await api.http.get(`/visits/${left.visitId}`).expect(200)).body as { clientId: string };
    const family = await signInAs(api, { role: 'family', clientIds: [visit.clientId] });
    plan = (
      await first.http
        .put(`/roster-plans/${plan.id}/assignments/${left.visitId}`)
        .set('If-Match', plan.etag)
        .send({ caregiverIds: [] })
        .expect(200)
    ).body;
    expect(await ofKind(family.http, 'visit.unstaffed')).toEqual([]);

    for (const member of team.members)
      plan = (
        await member.http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', plan.etag).expect(200)
      ).body;
    expect(plan.status).toBe('agreed');
    plan = (await first.http.post(`/roster-plans/${plan.id}/publish`).set('If-Match', plan.etag).expect(200))
      .body;
    expect(plan.status).toBe('published');

    expect(await ofKind(first.http, 'plan.published')).toEqual([]);
    for (const member of others) {
      const published = await ofKind(member.http, 'plan.published');
      expect(published).toHaveLength(1);
      const own = (plan.assignments as RosterBody[]).filter((assignment) =>
        assignment.caregiverIds.includes(member.caregiverId),
      ).length;
      expect(published[0].text).toMatch(
        new RegExp(
          `^Het rooster van .+ is definitief\\. Jij hebt ${own} bezoek(en)?\\. Voor 1 bezoek is nog niemand ingepland\\.$`,
        ),
      );
      // On publishing, the message says it all: no separate "your visits changed".
      expect(await ofKind(member.http, 'plan.visits-changed')).toEqual([]);
    }
    const [unstaffed] = await ofKind(family.http, 'visit.unstaffed');
    expect(unstaffed).toMatchObject({ link: `/clients/${visit.clientId}/plan`, count: 1 });
    expect(unstaffed.text).toMatch(/^Voor het bezoek van .+ is nog niemand ingepland\. Het team weet het\.$/);
    expect((await ofKind(family.http, 'visit.unstaffed', 'en'))[0].text).toMatch(
      /^No one is planned yet for the visit of .+\. The team has been told\.$/,
    );

    // A sick call re-rosters the first days: each member whose visits changed gets one message with
    // counts (however many visits moved), those who must confirm are asked to; the requester nothing.
    // Someone with visits on both days: each sick call below takes some of theirs away.
    const onDay = (member: Member, day: number) =>
      (plan.assignments as RosterBody[]).some(
        (assignment) =>
          assignment.caregiverIds.includes(member.caregiverId) &&
          assignment.start >= dayOf(WEEK, day) &&
          assignment.start < dayOf(WEEK, day + 1),
      );
    const sick = team.members.find((member) => onDay(member, 0) && onDay(member, 1))!;
    expect(sick).toBeDefined();
    const requester = team.members.find((member) => member !== sick)!;
    // A colleague reports the sick call: only because the organisation allows it, and the absent
    // person is told at once.
    await api.http
      .patch(`/organisations/${team.organisationId}`)
      .send({ colleaguesMayReportAbsence: true })
      .expect(200);
    const amend = async (current: RosterBody, until: string): Promise<RosterBody> => {
      await requester.http
        .post(`/roster-plans/${plan.id}/amendments`)
        .set('If-Match', current.etag)
        .send({ caregiverId: sick.caregiverId, from: `${WEEK.periodStart}T00:00`, to: until, reason: 'sick' })
        .expect(202);
      return waitForPlan(
        api.http,
        plan.id,
        (body) => body.publishedVersion === current.publishedVersion + 1,
        'the amendment to be published',
      );
    };
    plan = await amend(plan, `${dayOf(WEEK, 1)}T00:00`);
    const [amendment] = (await api.http.get(`/roster-plans/${plan.id}/amendments`).expect(200)).body
      .items as RosterBody[];
    const affected = amendment.affectedCaregiverIds as string[];
    expect(await ofKind(requester.http, 'plan.amendment-to-confirm')).toEqual([]);
    expect(await ofKind(requester.http, 'plan.visits-changed')).toEqual([]);
    const asked = affected.filter((id) => id !== requester.caregiverId);
    expect(asked.length).toBeGreaterThan(0);
    for (const caregiverId of asked) {
      const messages = await ofKind(team.member(caregiverId).http, 'plan.amendment-to-confirm');
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ link, count: 1 });
      expect(messages[0].text).toMatch(
        /^Een wijziging van het rooster van .+ raakt jouw bezoeken \(\d+ (erbij|verplaatst|eraf).*\)\. Bevestig/,
      );
    }
    const [reported] = await ofKind(sick.http, 'plan.absence-reported', 'en');
    expect(reported).toMatchObject({ link, count: 1 });
    expect(reported.text).toMatch(
      /^A colleague has reported you absent from .+ to .+\. The roster is being changed/,
    );
    expect((await ofKind(sick.http, 'plan.absence-reported'))[0].text).toMatch(
      /^Een collega heeft je afwezig gemeld van .+ tot .+\./,
    );
    expect(await ofKind(requester.http, 'plan.absence-reported')).toEqual([]);
    const [sickTold] = await ofKind(sick.http, 'plan.visits-changed', 'en');
    expect(sickTold.text).toMatch(/^Your visits in the roster for .+ have changed: .*\d+ taken away\.$/);

    // A second sick call (longer): still one message per person, counting both.
    plan = await amend(plan, `${dayOf(WEEK, 2)}T00:00`);
    const [again] = await ofKind(sick.http, 'plan.visits-changed', 'en');
    expect(again.id).toBe(sickTold.id);
    expect(again.count).toBe(2);
    expect(again.text).toMatch(/have changed \(2 times\)\. The latest change: /);
    for (const member of team.members)
      for (const kind of ['plan.amendment-to-confirm', 'plan.visits-changed', 'plan.published'])
        expect((await ofKind(member.http, kind)).length).toBeLessThanOrEqual(1);
  });
  it('tells the colleague planned on the same visit of an objection, not the objector', async () => {
    const team = await negotiatingTeam(api, 62);
    // A few visits for two, before the first proposal: the engine plans two members on them.
    const visitIds = [...(await team.period()).visitToScenario.keys()].slice(0, 3);
    for (const id of visitIds)
      await api.http.patch(`/visits/${id}`).send({ caregiversNeeded: 2 }).expect(200);
    const created = await team.members[0].http
      .post(`/teams/${team.teamId}/roster-plans`)
      .send({ ...WEEK, timeLimitMs: 400 })
      .expect(202);
    let plan = await waitForPlan(
      team.members[0].http,
      created.body.id,
      (body) => body.currentVersion === 1,
      'v1',
    );
    const shared = (plan.assignments as RosterBody[]).find(
      (assignment) => assignment.caregiverIds.length === 2,
    )!;
    expect(shared).toBeDefined();
    const visitId = shared.visitId as string;
    const [objector, colleague] = (shared.caregiverIds as string[]).map((id) => team.member(id));
    plan = (
      await objector.http
        .post(`/roster-plans/${plan.id}/objections`)
        .set('If-Match', plan.etag)
        .send({ visitId, reason: 'cannot make it' })
        .expect(200)
    ).body;
    const [told] = await ofKind(colleague.http, 'plan.objection');
    expect(told).toMatchObject({ link: `/teams/${team.teamId}?plan=${plan.id}`, count: 1 });
    expect(told.text).toMatch(
      /^Een collega heeft bezwaar tegen het bezoek van .+, dat ook voor jou gepland is\.$/,
    );
    expect((await ofKind(colleague.http, 'plan.objection', 'en'))[0].text).toMatch(
      /^A colleague objects to the visit of .+, which is also planned for you\.$/,
    );
    for (const member of team.members.filter((candidate) => candidate !== colleague))
      expect(await ofKind(member.http, 'plan.objection')).toEqual([]);
  });
});
