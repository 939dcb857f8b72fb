import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { expectProblem, signInAs, type TestApp, type TestUser } from './support/test-app';
import type { ChildApp } from './support/processes';
import {
  amendForSickCall,
  apiAndWorkerOnPublishedWeek,
  caregiverNames,
  publishedTeam,
  type PublishedTeam,
  type PublishedVisitBody,
} from './support/published-team';
import { WEEK, type RosterBody } from './support/rosters';
import { dayOf, localDateTimeOf } from './support/clock';
import { datesBetween } from '@homecare/scenario';
import { machineTime } from '@homecare/common';

jest.setTimeout(120_000);

const PERIOD = { from: WEEK.periodStart, to: WEEK.periodEnd };

describe("a client's visit plan, for the client and their family", () => {
  let api: TestApp;
  let worker: ChildApp;
  let dataSource: DataSource;
  let published: PublishedTeam;
  let family: TestUser;
  let clientId: string;
  /** A visit of the client whose (only) caregiver has an earlier visit that same day. */
  let visit: PublishedVisitBody;
  let previous: PublishedVisitBody;
  let caregiverId: string;
  /** caregiver id -> first and last name, as the team knows them. */
  let names: Map<string, { firstName: string; lastName: string }>;

  beforeAll(async () => {
    ({ api, worker } = await apiAndWorkerOnPublishedWeek());
    dataSource = api.app.get(DataSource);
    published = await publishedTeam(api, 31);
    const visits = await published.visits();
    for (const candidate of visits) {
      if (candidate.caregiverIds.length !== 1) continue;
      const earlier = visits
        .filter(
          (other) =>
            other.caregiverIds.includes(candidate.caregiverIds[0]) &&
            other.plannedStart.slice(0, 10) === candidate.plannedStart.slice(0, 10) &&
            other.plannedStart < candidate.plannedStart,
        )
        .sort((first, second) => second.plannedStart.localeCompare(first.plannedStart));
      if (earlier.length > 0) {
        visit = candidate;
        previous = earlier[0];
        break;
      }
    }
    expect(visit).toBeDefined();
    clientId = visit.clientId;
    caregiverId = visit.caregiverIds[0];
    family = await signInAs(api, { role: 'family', clientIds: [clientId] });
    names = await caregiverNames(api, published.team.teamId);
  }, 240_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  const plan = async (query: Record<string, string> = PERIOD, agent = family.http, language = 'en') =>
    (
      await agent
        .get(`/clients/${clientId}/visit-plan`)
        .query(query)
        .set('Accept-Language', language)
        .expect(200)
    ).body as RosterBody;
  const entryOf = (body: RosterBody, visitId: string) =>
    (body.visits as RosterBody[]).find((entry) => entry.visitId === visitId);

  it('lists the published visits of the client only, with local times and first names only', async () => {
    const body = await plan();
    const mine = (await published.visits()).filter((candidate) => candidate.clientId === clientId);
    expect(body).toMatchObject({ clientId, timezone: 'Europe/Amsterdam', ...PERIOD, previousViewAt: null });
    expect((body.visits as RosterBody[]).map((entry) => entry.visitId).sort()).toEqual(
      mine.map((candidate) => candidate.visitId).sort(),
    );
    for (const publishedVisit of mine) {
      const entry = entryOf(body, publishedVisit.visitId)!;
      expect(entry).toEqual({
        visitId: publishedVisit.visitId,
        date: expect.stringMatching(
          new RegExp(`^(${datesBetween(WEEK.periodStart, WEEK.periodEnd).join('|')})$`),
        ),
        windowStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
        windowEnd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
        plannedStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
        plannedEnd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
        durationMinutes:
          (Date.parse(publishedVisit.plannedEnd) - Date.parse(publishedVisit.plannedStart)) / 60_000,
        // Both first names for a double-up, in the published order.
        caregivers: publishedVisit.caregiverIds.map((id) => names.get(id)!.firstName),
        status: 'planned',
        note: null,
        proposed: false,
      });
      expect(entry.date).toBe(entry.plannedStart.slice(0, 10));
      expect(entry.windowStart <= entry.plannedStart && entry.plannedEnd <= entry.windowEnd).toBe(true);
      // Local times in the team's zone (Amsterdam: UTC+1 in winter, UTC+2 in summer).
      expect(entry.plannedStart).toBe(localDateTimeOf(publishedVisit.plannedStart));
    }
    // Nothing of a caregiver beyond the first name: no ids, last names, skills or contract.
    const json = JSON.stringify(body);
    for (const field of [
      'lastName',
      'skills',
      'maxMinutesPerWeek',
      'maxMinutesPerDay',
      'caregiverIds',
      'userId',
    ])
      expect(json).not.toContain(field);
    for (const { lastName } of names.values()) if (lastName) expect(json).not.toContain(lastName);
    for (const id of names.keys()) expect(json).not.toContain(id);
    // No other client's visits.
    const others = (await published.visits()).filter((candidate) => candidate.clientId !== clientId);
    for (const other of others) expect(json).not.toContain(other.visitId);
  });

  it("defaults to today and the next 13 days in the team's zone, and takes at most 31 days", async () => {
    const body = await plan({});
    expect(body).toMatchObject({ from: dayOf(WEEK, 0), to: dayOf(WEEK, 13) });
    expect(body.visits.length).toBeGreaterThan(0);
    expect(await plan({ from: dayOf(WEEK, 1) })).toMatchObject({ from: dayOf(WEEK, 1), to: dayOf(WEEK, 14) });
    expect(await plan({ from: dayOf(WEEK, -22), to: dayOf(WEEK, 8) })).toMatchObject({ to: dayOf(WEEK, 8) });
    const tooLong = expectProblem(
      await family.http
        .get(`/clients/${clientId}/visit-plan`)
        .query({ from: dayOf(WEEK, -22), to: dayOf(WEEK, 9) }),
      400,
    );
    expect(tooLong.problems).toEqual([{ path: '$.to', message: 'a visit plan covers at most 31 days' }]);
    expectProblem(
      await family.http
        .get(`/clients/${clientId}/visit-plan`)
        .query({ from: dayOf(WEEK, 1), to: dayOf(WEEK, 0) }),
      400,
    );
    expectProblem(await family.http.get(`/clients/${clientId}/visit-plan`).query({ from: 'monday' }), 400);
  });

  it('is for the client, their family, the team and its coordinators; 404 for anyone else, and logged', async () => {
    const { team } = published;
    const otherClient = (await published.visits()).find(
      (candidate) => candidate.clientId !== clientId,
    )!.clientId;
    // A family member changing the client id in the URL learns nothing, not even existence.
    const hidden = expectProblem(await family.http.get(`/clients/${otherClient}/visit-plan`), 404);
    const missing = expectProblem(await family.http.get(`/clients/${randomUUID()}/visit-plan`), 404);
    expect(hidden.title).toBe(missing.title);
    const otherFamily = await signInAs(api, { role: 'family', clientIds: [otherClient] });
    expectProblem(await otherFamily.http.get(`/clients/${clientId}/visit-plan`), 404);
    // The client themselves: an access link of their own.
    const self = await signInAs(api, { role: 'family', clientIds: [clientId] });
    await plan(PERIOD, self.http);
    // The team's caregivers and the organisation's coordinators read it; others do not see it.
    await plan(PERIOD, team.members[2].http);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    await plan(PERIOD, coordinator.http);
    const other = await publishedTeamOutsider();
    expectProblem(await other.caregiver.get(`/clients/${clientId}/visit-plan`), 404);
    expectProblem(await other.coordinator.get(`/clients/${clientId}/visit-plan`), 404);
    for (const outsider of [other.caregiver, other.coordinator])
      expectProblem(await outsider.get(`/teams/${team.teamId}/published-roster`).query(PERIOD), 404);
    // Refused in the statement that would log the read: nothing logged of anyone for them.
    expect(
      await dataSource.query('SELECT 1 FROM access_log_entry WHERE user_id = ANY($1::uuid[])', [
        other.userIds,
      ]),
    ).toEqual([]);
    expectProblem(await api.anonymous.get(`/clients/${clientId}/visit-plan`), 401);

    // A revoked link closes the plan at the next request.
    const links = (await api.http.get(`/clients/${clientId}/access-links`).expect(200)).body
      .items as RosterBody[];
    const link = links.find((candidate) => candidate.userId === self.user.id)!;
    await api.http.post(`/clients/${clientId}/access-links/${link.id}/revoke`).expect(200);
    const traces = async (userId: string, client: string) =>
      (
        await dataSource.query<{ logged: string; viewed: string }[]>(
          `SELECT (SELECT count(*) FROM access_log_entry WHERE user_id = $1 AND client_id = $2) AS logged,
                  (SELECT count(*) FROM visit_plan_view WHERE user_id = $1 AND client_id = $2) AS viewed`,
          [userId, client],
        )
      )[0];
    const beforeRefusal = await traces(self.user.id, clientId);
    expectProblem(await self.http.get(`/clients/${clientId}/visit-plan`), 404);
    // The check, the log and the read are one statement: a refused read writes nothing.
    expect(await traces(self.user.id, clientId)).toEqual(beforeRefusal);
    expect(await traces(family.user.id, otherClient)).toEqual({ logged: '0', viewed: '0' });

    const log = (
      await coordinator.http.get(`/clients/${clientId}/access-log`).query({ limit: 200 }).expect(200)
    ).body.items as RosterBody[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: family.user.id,
          clientId,
          action: 'read',
          route: 'GET /clients/:clientId/visit-plan',
        }),
      ]),
    );
    // A refused read reaches nothing, so it logs nothing for that client.
    const otherLog = (
      await api.http.get(`/clients/${otherClient}/access-log`).query({ limit: 200 }).expect(200)
    ).body.items as RosterBody[];
    expect(otherLog.filter((entry) => entry.userId === family.user.id)).toEqual([]);
  });

  it('shows "on the way" and "done" from the check-ins, and "cancelled" for a cancelled visit', async () => {
    const status = async () => entryOf(await plan(), visit.visitId)!.status;
    const checkIn = async (visitId: string, checkedInAt: string, checkedOutAt: string | null) =>
      (
        await dataSource.query<{ id: string }[]>(
          `INSERT INTO visit_check_in (visit_id, caregiver_id, checked_in_at, checked_out_at)
           VALUES ($1, $2, $3, $4) RETURNING id`,
          [visitId, caregiverId, checkedInAt, checkedOutAt],
        )
      )[0].id;
    try {
      expect(await status()).toBe('planned');
      // Checked in at the previous visit of the day: still planned here.
      const atPrevious = await checkIn(previous.visitId, previous.plannedStart, null);
      expect(await status()).toBe('planned');
      // Checked out of it: on the way here.
      await dataSource.query('UPDATE visit_check_in SET checked_out_at = $2 WHERE id = $1', [
        atPrevious,
        previous.plannedEnd,
      ]);
      expect(await status()).toBe('on-the-way');
      // Checked in here, not out yet: still "on the way" for the family.
      const here = await checkIn(visit.visitId, visit.plannedStart, null);
      expect(await status()).toBe('on-the-way');
      // Checked out, by a correction (the latest correction wins over what was recorded): done.
      await dataSource.query(
        `INSERT INTO visit_check_in_correction (check_in_id, field, original_value, corrected_value, reason, corrected_by)
         VALUES ($1, 'checkedOutAt', NULL, $2, 'forgot to check out', $3)`,
        [here, visit.plannedEnd, family.user.id],
      );
      expect(await status()).toBe('done');

      await api.http.patch(`/visits/${visit.visitId}`).send({ status: 'cancelled' }).expect(200);
      expect(await status()).toBe('cancelled');
    } finally {
      await api.http.patch(`/visits/${visit.visitId}`).send({ status: 'planned' });
      await dataSource.query('DELETE FROM visit_check_in WHERE caregiver_id = $1', [caregiverId]);
    }
    expect(await status()).toBe('planned');
  });

  it('notes what changed since the family last looked, after a sick call re-rosters the week', async () => {
    const before = await plan();
    // Views are stamped by the database's clock, the machine's time.
    const lookedAt = machineTime.nowMs();
    const sickName = names.get(caregiverId)!.firstName;
    // A second family member reads Dutch (as every browser set to Dutch asks).
    const relative = await signInAs(api, { role: 'family', clientIds: [clientId] });
    await plan(PERIOD, relative.http, 'nl');
    const hadSick = (before.visits as RosterBody[])
      .filter((entry) => entry.caregivers.includes(sickName))
      .map((entry) => entry.visitId as string);
    expect(hadSick).toContain(visit.visitId);

    await amendForSickCall(
      api,
      published,
      caregiverId,
      `${WEEK.periodStart}T00:00`,
      `${dayOf(WEEK, 2)}T00:00`,
    );

    const after = await plan();
    expect(Date.parse(after.previousViewAt)).toBeGreaterThanOrEqual(lookedAt - 5_000);
    const visits = await published.visits();
    let replaced = 0;
    for (const entry of after.visits as RosterBody[]) {
      const now = visits.find((candidate) => candidate.visitId === entry.visitId)!;
      expect(now.caregiverIds).not.toContain(caregiverId);
      if (!hadSick.includes(entry.visitId)) continue;
      const newNames = now.caregiverIds
        .filter((id) => id !== caregiverId)
        .map((id) => names.get(id)!.firstName);
      replaced += 1;
      expect(entry.note).toContain(
        `New caregiver${newNames.length > 1 ? 's' : ''}: ${newNames.join(' and ')} instead of ${sickName}`,
      );
      expect(entry.caregivers).toEqual(now.caregiverIds.map((id) => names.get(id)!.firstName));
    }
    expect(replaced).toBeGreaterThan(0);
    // The same changes in Dutch for the relative, with local times and no ISO dates.
    const dutch = await plan(PERIOD, relative.http, 'nl');
    for (const entry of dutch.visits as RosterBody[]) {
      if (!hadSick.includes(entry.visitId)) continue;
      const now = visits.find((candidate) => candidate.visitId === entry.visitId)!;
      const newNames = now.caregiverIds.map((id) => names.get(id)!.firstName);
      expect(entry.note).toContain(
        `Nieuwe zorgverlener${newNames.length > 1 ? 's' : ''}: ${newNames.join(' en ')} in plaats van ${sickName}`,
      );
      expect(entry.note).not.toMatch(/\d{4}-\d{2}-\d{2}|New caregiver|Moved/);
      const english = entryOf(after, entry.visitId)!;
      if (english.note.includes('Moved from'))
        expect(entry.note).toMatch(/Verplaatst van .*\d\d:\d\d naar .*\d\d:\d\d/);
    }
    // Unchanged visits carry no note; a time that moved says so in local time.
    for (const entry of after.visits as RosterBody[]) {
      const earlier = entryOf(before, entry.visitId);
      if (earlier && earlier.plannedStart !== entry.plannedStart)
        expect(entry.note).toContain(
          `Moved from ${earlier.plannedStart.slice(11)} to ${entry.plannedStart.slice(11)}`,
        );
      if (
        earlier &&
        earlier.plannedStart === entry.plannedStart &&
        JSON.stringify(earlier.caregivers) === JSON.stringify(entry.caregivers)
      )
        expect(entry.note).toBeNull();
    }

    // Looked at now: the next read has nothing new to say.
    const again = await plan();
    for (const entry of again.visits as RosterBody[]) expect(entry.note).toBeNull();
    // Each reader has their own "last looked": the team's caregiver never looked, so no notes.
    const firstLook = await plan(PERIOD, published.team.members[3].http);
    expect(firstLook.previousViewAt).toBeNull();
  });

  it("answers 304 to a caregiver's copy of the team's published roster while it is still the roster, and the roster once a visit changes", async () => {
    const member = published.team.members[0].http;
    const url = `/teams/${published.team.teamId}/published-roster`;
    const first = await member.get(url).query(PERIOD).expect(200);
    const etag: string = first.headers.etag;
    expect(etag).toMatch(/^"\d+\.[0-9a-z]+\.[0-9a-z]+"$/);
    const userId = (
      await dataSource.query<{ user_id: string }[]>('SELECT user_id FROM caregiver WHERE id = $1', [
        published.team.members[0].caregiverId,
      ])
    )[0].user_id;
    const logged = async () =>
      Number(
        (
          await dataSource.query<{ count: string }[]>(
            'SELECT count(*) FROM access_log_entry WHERE user_id = $1',
            [userId],
          )
        )[0].count,
      );
    const before = await logged();
    const unchanged = await member.get(url).query(PERIOD).set('If-None-Match', etag).expect(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.etag).toBe(etag);
    // The copy shows the clients' data as much as a full answer does: logged all the same.
    expect(await logged()).toBeGreaterThan(before);
    // Another period is another roster; what changed since a moment is always answered in full.
    await member
      .get(url)
      .query({ ...PERIOD, to: WEEK.periodStart })
      .set('If-None-Match', etag)
      .expect(200);
    await member
      .get(url)
      .query({ ...PERIOD, since: '2026-01-01T00:00:00Z' })
      .set('If-None-Match', etag)
      .expect(200);

    const target = (first.body.visits as PublishedVisitBody[])[0];
    try {
      await api.http.patch(`/visits/${target.visitId}`).send({ status: 'cancelled' }).expect(200);
      const changed = await member.get(url).query(PERIOD).set('If-None-Match', etag).expect(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(
        (changed.body.visits as PublishedVisitBody[]).find((entry) => entry.visitId === target.visitId)!
          .status,
      ).toBe('cancelled');
    } finally {
      await api.http.patch(`/visits/${target.visitId}`).send({ status: 'planned' }).expect(200);
    }
    // Back to planned: the same roster as at first, under a tag of its own (the tag counts changes).
    const restored = await member.get(url).query(PERIOD).expect(200);
    expect(restored.body).toEqual(first.body);
    expect(restored.headers.etag).not.toBe(etag);
    await member.get(url).query(PERIOD).set('If-None-Match', restored.headers.etag).expect(304);

    // Whoever writes the published roster, in SQL too: the database's triggers count the change.
    await dataSource.query('UPDATE published_assignment SET changed_at = changed_at WHERE visit_id = $1', [
      target.visitId,
    ]);
    await member.get(url).query(PERIOD).set('If-None-Match', restored.headers.etag).expect(200);
  });

  it('deletes a team with a published roster, its roster revision with it', async () => {
    const other = await publishedTeam(api, 32);
    const revisionOf = async () =>
      dataSource.query<{ revision: string }[]>(
        'SELECT revision FROM published_roster_revision WHERE team_id = $1',
        [other.team.teamId],
      );
    expect(Number((await revisionOf())[0].revision)).toBeGreaterThan(0);
    await api.http.delete(`/teams/${other.team.teamId}`).expect(204);
    expect(await revisionOf()).toEqual([]);
    expect(
      await dataSource.query('SELECT 1 FROM published_assignment WHERE team_id = $1', [other.team.teamId]),
    ).toEqual([]);
  });

  /** A caregiver and a coordinator of another organisation. */
  async function publishedTeamOutsider() {
    const organisation = (
      await api.http
        .post('/organisations')
        .send({ name: `other-${randomUUID()}` })
        .expect(201)
    ).body.id as string;
    const team = (
      await api.http
        .post('/teams')
        .send({ organisationId: organisation, name: `other-${randomUUID()}`, timezone: 'Europe/Amsterdam' })
        .expect(201)
    ).body.id as string;
    const caregiver = await signInAs(api, { role: 'caregiver', teamIds: [team] });
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: organisation });
    return {
      caregiver: caregiver.http,
      coordinator: coordinator.http,
      userIds: [caregiver.user.id, coordinator.user.id],
    };
  }
});
