import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@homecare/common';
import { httpLoggerOptions } from '../apps/api/src/app.module';
import {
  createTeam,
  createTestApp,
  expectProblem,
  signInAs,
  type TestApp,
  type TestUser,
} from './support/test-app';
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
import { dayOf } from './support/clock';

jest.setTimeout(120_000);

type CalendarEvent = Record<string, string>;

/** The VEVENTs of an iCalendar text, each as property name -> value (folded lines joined). */
function eventsOf(text: string): CalendarEvent[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: CalendarEvent[] = [];
  let current: CalendarEvent | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = undefined;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0];
      current[name] = line.slice(colon + 1);
    }
  }
  return events;
}

/** `2026-11-23T07:00:00.000Z` as iCalendar UTC: `20261123T070000Z`. */
const icsUtc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

describe('calendar feeds of published visits', () => {
  let api: TestApp;
  let worker: ChildApp;
  let dataSource: DataSource;
  let published: PublishedTeam;
  let family: TestUser;
  let clientId: string;
  /** A single-caregiver visit of the client, and that caregiver. */
  let visit: PublishedVisitBody;
  let caregiverId: string;
  const firstNames = new Map<string, string>();
  const lastNames: string[] = [];

  beforeAll(async () => {
    ({ api, worker } = await apiAndWorkerOnPublishedWeek());
    dataSource = api.app.get(DataSource);
    published = await publishedTeam(api, 37);
    visit = (await published.visits()).find((candidate) => candidate.caregiverIds.length === 1)!;
    clientId = visit.clientId;
    caregiverId = visit.caregiverIds[0];
    family = await signInAs(api, { role: 'family', clientIds: [clientId] });
    for (const [id, name] of await caregiverNames(api, published.team.teamId)) {
      firstNames.set(id, name.firstName);
      if (name.lastName) lastNames.push(name.lastName);
    }
  }, 240_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  const fetchFeed = async (token: string) => {
    const response = await api.anonymous.get(`/calendar/${token}.ics`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    return { text: response.text, events: eventsOf(response.text) };
  };

  it("gives a family member a secret feed of the client's published visits, with first names only, in Dutch", async () => {
    const created = await family.http.post(`/clients/${clientId}/calendar-feeds`).expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      kind: 'client',
      clientId,
      caregiverId: null,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      revokedAt: null,
    });
    const token = created.body.token as string;
    expect(created.body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/calendar/${token}\\.ics$`));
    // Stored hashed; the list never shows the token again.
    const [stored] = await dataSource.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM calendar_feed WHERE id = $1',
      [created.body.id],
    );
    expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const list = await family.http.get('/calendar-feeds').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, kind: 'client', clientId }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain('tokenHash');

    // No Authorization header: the token is the credential.
    const { text, events } = await fetchFeed(token);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const mine = (await published.visits()).filter((candidate) => candidate.clientId === clientId);
    expect(events.map((event) => event.UID).sort()).toEqual(
      mine.map((candidate) => `${candidate.visitId}.client@homecare-roster`).sort(),
    );
    for (const candidate of mine) {
      const event = events.find((item) => item.UID === `${candidate.visitId}.client@homecare-roster`)!;
      expect(event).toMatchObject({
        DTSTART: icsUtc(candidate.plannedStart),
        DTEND: icsUtc(candidate.plannedEnd),
        // The owner has no language setting: the feed speaks Dutch, with a 24-hour clock.
        SUMMARY: `Thuiszorgbezoek – ${candidate.caregiverIds.map((id) => firstNames.get(id)).join(' en ')}`,
        DESCRIPTION: expect.stringMatching(/^Tussen \d\d:\d\d en \d\d:\d\d\.$/),
        SEQUENCE: '0',
        STATUS: 'CONFIRMED',
        'LAST-MODIFIED': expect.stringMatching(/^\d{8}T\d{6}Z$/),
      });
    }
    for (const lastName of lastNames) expect(text).not.toContain(lastName);
    for (const id of firstNames.keys()) expect(text).not.toContain(id);

    // Fetching is an access to the client's data, logged as the feed's owner.
    const log = (await api.http.get(`/clients/${clientId}/access-log`).query({ limit: 200 }).expect(200)).body
      .items as RosterBody[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: family.user.id,
          action: 'read',
          route: 'GET /calendar/:token.ics',
        }),
      ]),
    );
  });

  it('answers 404 for an unknown, malformed or revoked token, and a revoked family link closes the feed', async () => {
    expectProblem(await api.anonymous.get(`/calendar/${randomBytes(32).toString('base64url')}.ics`), 404);
    expectProblem(await api.anonymous.get('/calendar/not-a-token.ics'), 404);
    const first = (await family.http.post(`/clients/${clientId}/calendar-feeds`).expect(201)).body;
    await fetchFeed(first.token);
    // Another family member (of another client) neither sees nor revokes it.
    const otherClient = (await published.visits()).find(
      (candidate) => candidate.clientId !== clientId,
    )!.clientId;
    const stranger = await signInAs(api, { role: 'family', clientIds: [otherClient] });
    expectProblem(await stranger.http.delete(`/calendar-feeds/${first.id}`), 404);
    expectProblem(await stranger.http.post(`/clients/${clientId}/calendar-feeds`), 404);
    const revoked = await family.http.delete(`/calendar-feeds/${first.id}`).expect(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const problem = expectProblem(await api.anonymous.get(`/calendar/${first.token}.ics`), 404);
    expect(JSON.stringify(problem)).not.toContain(first.token);

    // A relative whose access link is revoked loses their feeds with it.
    const relative = await signInAs(api, { role: 'family', clientIds: [clientId] });
    const second = (await relative.http.post(`/clients/${clientId}/calendar-feeds`).expect(201)).body;
    await fetchFeed(second.token);
    const links = (await api.http.get(`/clients/${clientId}/access-links`).expect(200)).body
      .items as RosterBody[];
    const link = links.find((candidate) => candidate.userId === relative.user.id)!;
    await api.http.post(`/clients/${clientId}/access-links/${link.id}/revoke`).expect(200);
    expectProblem(await api.anonymous.get(`/calendar/${second.token}.ics`), 404);

    // A coordinator of the organisation revokes a family member's feed.
    const third = (await family.http.post(`/clients/${clientId}/calendar-feeds`).expect(201)).body;
    const coordinator = await signInAs(api, {
      role: 'coordinator',
      organisationId: published.team.organisationId,
    });
    await coordinator.http.delete(`/calendar-feeds/${third.id}`).expect(200);
    expectProblem(await api.anonymous.get(`/calendar/${third.token}.ics`), 404);
  });

  it("gives a caregiver a feed of their own visits with the client's name and address, nothing about health", async () => {
    const member = published.team.member(caregiverId);
    const colleague = published.team.members.find((candidate) => candidate.caregiverId !== caregiverId)!;
    // Health-related data of the client that must stay out of a calendar.
    await api.http
      .patch(`/clients/${clientId}`)
      .send({ notes: 'CANARY-NOTES insulin twice a day', address: 'Canarystraat 7, Amsterdam' })
      .expect(200);
    expectProblem(await colleague.http.post(`/caregivers/${caregiverId}/calendar-feeds`), 403);
    expectProblem(await family.http.post(`/caregivers/${caregiverId}/calendar-feeds`), 403);
    const outsider = await signInAs(api, {
      role: 'caregiver',
      teamIds: [(await createTeam(api.http)).teamId],
    });
    expectProblem(await outsider.http.post(`/caregivers/${caregiverId}/calendar-feeds`), 404);
    const created = await member.http.post(`/caregivers/${caregiverId}/calendar-feeds`).expect(201);
    expect(created.body).toMatchObject({ kind: 'caregiver', caregiverId, clientId: null });
    // The caregiver reads English: their feed follows their language setting.
    await member.http.put('/users/me/notification-preferences').send({ language: 'en' }).expect(200);

    const { text, events } = await fetchFeed(created.body.token);
    const theirs = (await published.visits()).filter((candidate) =>
      candidate.caregiverIds.includes(caregiverId),
    );
    expect(events.map((event) => event.UID).sort()).toEqual(
      theirs.map((candidate) => `${candidate.visitId}.caregiver@homecare-roster`).sort(),
    );
    const [client] = await dataSource.query<{ name: string }[]>('SELECT name FROM client WHERE id = $1', [
      clientId,
    ]);
    const event = events.find((item) => item.UID === `${visit.visitId}.caregiver@homecare-roster`)!;
    expect(event.SUMMARY).toBe(`Visit – ${client.name}`);
    expect(event.DESCRIPTION).toMatch(/^Window \d\d:\d\d–\d\d:\d\d\./);
    expect(text).toContain('X-WR-CALNAME:Visits – ');
    expect(event.LOCATION).toBe('Canarystraat 7\\, Amsterdam');
    expect(text).not.toContain('CANARY-NOTES');
    expect(text).not.toContain('insulin');
    const careNeeds = await dataSource.query<{ description: string }[]>(
      "SELECT description FROM care_need WHERE client_id = ANY($1::uuid[]) AND description <> ''",
      [theirs.map((candidate) => candidate.clientId)],
    );
    for (const { description } of careNeeds) expect(text).not.toContain(description);
    const skills = await dataSource.query<{ skill: string }[]>(
      'SELECT DISTINCT unnest(required_skills) AS skill FROM visit WHERE team_id = $1',
      [published.team.teamId],
    );
    for (const { skill } of skills) expect(text).not.toMatch(new RegExp(`\\b${skill}\\b`, 'i'));

    // The caregiver's list shows their feed; a coordinator may create one for them too.
    expect((await member.http.get('/calendar-feeds').expect(200)).body.items).toEqual([
      expect.objectContaining({ id: created.body.id }),
    ]);
    const coordinator = await signInAs(api, {
      role: 'coordinator',
      organisationId: published.team.organisationId,
    });
    await coordinator.http.post(`/caregivers/${caregiverId}/calendar-feeds`).expect(201);
    await coordinator.http.post(`/clients/${clientId}/calendar-feeds`).expect(201);
  });

  it('updates the events when the published roster changes: same UID, new first name, higher SEQUENCE', async () => {
    const feed = (await family.http.post(`/clients/${clientId}/calendar-feeds`).expect(201)).body;
    const uid = `${visit.visitId}.client@homecare-roster`;
    const before = (await fetchFeed(feed.token)).events.find((event) => event.UID === uid)!;
    const sickName = firstNames.get(caregiverId)!;
    expect(before.SUMMARY).toBe(`Thuiszorgbezoek – ${sickName}`);
    // Unchanged roster, unchanged feed.
    expect((await fetchFeed(feed.token)).events.find((event) => event.UID === uid)).toEqual(before);

    await amendForSickCall(
      api,
      published,
      caregiverId,
      `${WEEK.periodStart}T00:00`,
      `${dayOf(WEEK, 2)}T00:00`,
    );
    const now = (await published.visits()).find((candidate) => candidate.visitId === visit.visitId);
    expect(now).toBeDefined();
    const after = (await fetchFeed(feed.token)).events.find((event) => event.UID === uid)!;
    expect(after.SUMMARY).toBe(
      `Thuiszorgbezoek – ${now!.caregiverIds.map((id) => firstNames.get(id)).join(' en ')}`,
    );
    expect(after.SUMMARY).not.toContain(sickName);
    expect(Number(after.SEQUENCE)).toBeGreaterThan(Number(before.SEQUENCE));
    expect(after['LAST-MODIFIED'] > before['LAST-MODIFIED']).toBe(true);
    expect(after.DTSTART).toBe(icsUtc(now!.plannedStart));

    // A cancelled visit stays in the feed as cancelled, with a higher SEQUENCE still.
    await api.http.patch(`/visits/${visit.visitId}`).send({ status: 'cancelled' }).expect(200);
    const cancelled = (await fetchFeed(feed.token)).events.find((event) => event.UID === uid)!;
    expect(cancelled.STATUS).toBe('CANCELLED');
    expect(Number(cancelled.SEQUENCE)).toBeGreaterThan(Number(after.SEQUENCE));
  });
});

describe('calendar feed tokens in logs', () => {
  let api: TestApp;
  let captured = '';

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        captured += chunk.toString();
        done();
      },
    });
    // The app's own request logger options (serializers, redaction) at the most talkative level.
    api = await createTestApp((builder) =>
      builder.overrideProvider(PARAMS_PROVIDER_TOKEN).useFactory({
        inject: [ConfigService],
        factory: (config: ConfigService<AppConfig, true>) => ({
          pinoHttp: [{ ...httpLoggerOptions(config), level: 'trace' }, sink],
        }),
      }),
    );
  });
  afterAll(async () => {
    await api.close();
  });

  it('masks the token of /calendar/<token>.ics in the request log, for answered and refused fetches', async () => {
    const { teamId } = await createTeam(api.http);
    const client = await api.http
      .post(`/teams/${teamId}/clients`)
      .send({ name: 'Feed Canary', address: 'Straat 1', latitude: 52.1, longitude: 5.1 })
      .expect(201);
    const relative = await signInAs(api, { role: 'family', clientIds: [client.body.id] });
    const feed = (await relative.http.post(`/clients/${client.body.id}/calendar-feeds`).expect(201)).body;
    await api.anonymous.get(`/calendar/${feed.token}.ics`).set('X-Request-Id', 'feed-canary-ok').expect(200);
    await relative.http.delete(`/calendar-feeds/${feed.id}`).expect(200);
    await api.anonymous
      .get(`/calendar/${feed.token}.ics`)
      .set('X-Request-Id', 'feed-canary-revoked')
      .expect(404);
    await new Promise((resolve) => setTimeout(resolve, 100));

    // The capture works: both fetches are in the log, with the masked path.
    expect(captured).toContain('feed-canary-ok');
    expect(captured).toContain('feed-canary-revoked');
    expect(captured).toContain('/calendar/[token].ics');
    expect(captured).not.toContain(feed.token);
    expect(captured).not.toContain(feed.url);
  });
});
