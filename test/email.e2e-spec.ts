// Email through the real worker: invitations and password reset links are emailed, notifications
// by each person's preferences, and the jobs in Redis hold ids only. The SMTP server is a real one
// on a loopback port (test/support/smtp-sink.ts), read after delivery.
import './support/smtp-env';
import { NOTIFICATION_KINDS } from '@homecare/database';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { linkToken } from '@homecare/core/auth';
import { EMAIL_QUEUE, redisConnectionFromUrl } from '@homecare/jobs';
import { localAt, testClock, weekFromNow } from './support/clock';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import {
  createTeam,
  createTestApp,
  expectProblem,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
  type TestUser,
  unique,
} from './support/test-app';

const NEW_PASSWORD = 'a-brand-new-long-password';

describe('email', () => {
  let api: TestApp;
  let sink: SmtpSink;
  let worker: ChildApp;
  let queue: Queue;
  let dataSource: DataSource;

  beforeAll(async () => {
    ensureBuilt();
    sink = await startSmtpSink();
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
    worker = startWorker({ SMTP_URL: sink.url, PUBLIC_URL: 'http://roster.test' });
    await workerStarted(worker);
    queue = new Queue(EMAIL_QUEUE, {
      connection: redisConnectionFromUrl(process.env.REDIS_URL!),
      prefix: process.env.QUEUE_PREFIX,
    });
  }, 120_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.stop();
    await api?.close();
    await sink?.close();
    delete process.env.SMTP_URL;
    delete process.env.PUBLIC_URL;
  });

  const nextWeek = weekFromNow(1);

  /** A team with a client, a coming visit and a family member who follows the client. */
  async function clientWithFamily(): Promise<{ visitId: string; family: TestUser }> {
    const { teamId } = await createTeam(api.http);
    const client = await api.http
      .post(`/teams/${teamId}/clients`)
      .send({ name: unique('client'), latitude: 52.36, longitude: 4.93 })
      .expect(201);
    const visit = await api.http
      .post(`/teams/${teamId}/visits`)
      .send({
        clientId: client.body.id,
        earliestStart: localAt(nextWeek, 1, '09:00'),
        latestEnd: localAt(nextWeek, 1, '10:00'),
        durationMinutes: 30,
      })
      .expect(201);
    const family = await signInAs(api, { role: 'family', clientIds: [client.body.id] });
    return { visitId: visit.body.id, family };
  }

  const moveVisit = (visitId: string, time: string, end: string) =>
    api.http
      .patch(`/visits/${visitId}`)
      .send({ earliestStart: localAt(nextWeek, 1, time), latestEnd: localAt(nextWeek, 1, end) })
      .expect(200);

  /** The email jobs of a record, once the worker's relay has put them in Redis. */
  async function jobsOf(id: string) {
    let found: Awaited<ReturnType<Queue['getJobs']>> = [];
    await waitFor(`an email job for ${id}`, async () => {
      const jobs = await queue.getJobs([
        'waiting',
        'active',
        'completed',
        'failed',
        'delayed',
        'prioritized',
      ]);
      found = jobs.filter((job) => JSON.stringify(job.data).includes(id));
      return found.length > 0;
    });
    return found;
  }

  describe('notification preferences', () => {
    it('start with email on for every kind, no digest, no quiet hours, in Dutch and the team zone', async () => {
      const { family } = await clientWithFamily();
      const response = await family.http.get('/users/me/notification-preferences').expect(200);
      expect(response.body).toEqual({
        language: 'nl',
        email: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, true])),
        dailyDigest: false,
        quietHours: null,
        timeZone: 'Europe/Amsterdam',
      });
    });

    it('change only what is given, and refuse unknown kinds and empty quiet hours with their codes', async () => {
      const { family } = await clientWithFamily();
      const changed = await family.http
        .put('/users/me/notification-preferences')
        .send({
          language: 'en',
          email: { 'visit.moved': false },
          quietHours: { start: '22:00', end: '07:00' },
        })
        .expect(200);
      expect(changed.body).toMatchObject({
        language: 'en',
        email: { 'visit.moved': false, 'visit.cancelled': true },
        dailyDigest: false,
        quietHours: { start: '22:00', end: '07:00' },
      });
      const again = await family.http
        .put('/users/me/notification-preferences')
        .send({ dailyDigest: true })
        .expect(200);
      expect(again.body).toMatchObject({
        language: 'en',
        dailyDigest: true,
        email: { 'visit.moved': false },
      });

      const unknownKind = await family.http
        .put('/users/me/notification-preferences')
        .send({ email: { 'visit.exploded': true } });
      expect(expectProblem(unknownKind, 400).code).toBe('notification-preferences.unknown-kind');
      const empty = await family.http
        .put('/users/me/notification-preferences')
        .send({ quietHours: { start: '08:00', end: '08:00' } });
      expect(expectProblem(empty, 400).code).toBe('notification-preferences.quiet-hours-invalid');
      const badTime = await family.http
        .put('/users/me/notification-preferences')
        .send({ quietHours: { start: '25:00', end: '08:00' } });
      expectProblem(badTime, 400);
      const cleared = await family.http
        .put('/users/me/notification-preferences')
        .send({ quietHours: null })
        .expect(200);
      expect(cleared.body.quietHours).toBeNull();
    });

    it('are only ever my own', async () => {
      await api.anonymous.get('/users/me/notification-preferences').expect(401);
    });
  });

  describe('password reset', () => {
    async function requestReset(email: string): Promise<{ id: string; token: string } | undefined> {
      await api.anonymous.post('/auth/password-reset').send({ email }).expect(202);
      const [row] = await dataSource.query<{ id: string }[]>(
        `SELECT r.id FROM password_reset r JOIN user_account u ON u.id = r.user_id
          WHERE u.email = $1 ORDER BY r.created_at DESC LIMIT 1`,
        [email.toLowerCase()],
      );
      // The worker derives the same token from the id and the signing key to put it in the email.
      return row && { id: row.id, token: linkToken(process.env.JWT_SECRET!, 'password-reset', row.id) };
    }

    it('answers 202 whether or not the address has an account', async () => {
      const unknown = await api.anonymous
        .post('/auth/password-reset')
        .send({ email: `${unique('nobody')}@homecare.test` });
      expect(unknown.status).toBe(202);
      const caregiver = await signInAs(api, { role: 'caregiver' });
      const known = await api.anonymous.post('/auth/password-reset').send({ email: caregiver.user.email });
      expect(known.status).toBe(202);
      expect(known.body).toEqual(unknown.body);
    });

    it('sets the password once, ends every sign-in, and refuses used, expired and unknown links', async () => {
      const caregiver = await signInAs(api, { role: 'caregiver' });
      const reset = (await requestReset(caregiver.user.email))!;
      const jobs = await jobsOf(reset.id);
      expect(jobs.map((job) => ({ name: job.name, data: job.data }))).toEqual([
        { name: 'send-password-reset', data: { resetId: reset.id } },
      ]);

      await api.anonymous
        .post('/auth/password-reset/confirm')
        .send({ token: reset.token, password: NEW_PASSWORD })
        .expect(204);
      // The old sign-in is over: its access token and its refresh token.
      await caregiver.http.get('/users/me').expect(401);
      await api.anonymous.post('/auth/refresh').send({ refreshToken: caregiver.refreshToken }).expect(401);
      await api.anonymous
        .post('/auth/login')
        .send({ email: caregiver.user.email, password: TEST_PASSWORD })
        .expect(401);
      await api.anonymous
        .post('/auth/login')
        .send({ email: caregiver.user.email, password: NEW_PASSWORD })
        .expect(200);

      const used = await api.anonymous
        .post('/auth/password-reset/confirm')
        .send({ token: reset.token, password: 'yet-another-long-password' });
      expect(expectProblem(used, 409).code).toBe('password-reset.used');

      const later = (await requestReset(caregiver.user.email))!;
      await dataSource.query('UPDATE password_reset SET expires_at = $2 WHERE id = $1', [
        later.id,
        new Date(testClock.nowMs() - 60_000),
      ]);
      const expired = await api.anonymous
        .post('/auth/password-reset/confirm')
        .send({ token: later.token, password: 'yet-another-long-password' });
      expect(expectProblem(expired, 409).code).toBe('password-reset.expired');

      const unknown = await api.anonymous
        .post('/auth/password-reset/confirm')
        .send({ token: 'x'.repeat(43), password: 'yet-another-long-password' });
      expect(expectProblem(unknown, 400).code).toBe('password-reset.unknown');
      const short = await api.anonymous
        .post('/auth/password-reset/confirm')
        .send({ token: later.token, password: 'short' });
      expectProblem(short, 400);
    });

    it('emails the link, whose token sets the password', async () => {
      const caregiver = await signInAs(api, { role: 'caregiver' });
      await api.anonymous.post('/auth/password-reset').send({ email: caregiver.user.email }).expect(202);
      await waitFor('the reset email', () => sink.to(caregiver.user.email).length > 0);
      const [mail] = sink.to(caregiver.user.email);
      expect(mail.subject).toBe('Kies een nieuw wachtwoord');
      const link = /http:\/\/roster\.test\/app\/password-reset\/([A-Za-z0-9_-]+)/.exec(mail.text);
      expect(link).not.toBeNull();
      expect(mail.html).toContain(link![0]);
      await api.anonymous
        .post('/auth/password-reset/confirm')
        .send({ token: link![1], password: NEW_PASSWORD })
        .expect(204);
      await caregiver.http.get('/users/me').expect(401);
    });
  });

  describe('invitations', () => {
    it('record an email job holding the invitation id only, and still answer the link', async () => {
      const { teamId } = await createTeam(api.http);
      const email = `${unique('invitee')}@homecare.test`;
      const created = await api.http
        .post('/invitations')
        .send({ kind: 'caregiver', email, firstName: 'Fatima', teamId })
        .expect(201);
      expect(created.body.token).toEqual(expect.any(String));
      const jobs = await jobsOf(created.body.id);
      expect(jobs.map((job) => ({ name: job.name, data: job.data }))).toEqual([
        { name: 'send-invitation', data: { invitationId: created.body.id } },
      ]);
    });

    it('from a member go out only once a coordinator approves them', async () => {
      const { teamId } = await createTeam(api.http);
      const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
      const email = `${unique('invitee')}@homecare.test`;
      const created = await member.http
        .post('/invitations')
        .send({ kind: 'caregiver', email, firstName: 'Fatima', teamId })
        .expect(201);
      const outboxOf = async () =>
        dataSource.query<{ count: number }[]>(
          "SELECT count(*)::int AS count FROM outbox WHERE payload->>'invitationId' = $1",
          [created.body.id],
        );
      expect((await outboxOf())[0].count).toBe(0);
      await api.http.post(`/invitations/${created.body.id}/approve`).expect(200);
      // Approving again sends nothing more.
      await api.http.post(`/invitations/${created.body.id}/approve`).expect(200);
      expect((await outboxOf())[0].count).toBe(1);
      const jobs = await jobsOf(created.body.id);
      expect(jobs.map((job) => job.name)).toEqual(['send-invitation']);
    });

    it('arrive by email with the link that accepts them', async () => {
      const { teamId } = await createTeam(api.http);
      const email = `${unique('invitee')}@homecare.test`;
      const created = await api.http
        .post('/invitations')
        .send({ kind: 'caregiver', email, firstName: 'Fatima', teamId, language: 'en' })
        .expect(201);
      await waitFor('the invitation email', () => sink.to(email).length > 0);
      const [mail] = sink.to(email);
      expect(mail.subject).toBe('You are invited');
      expect(mail.text).toContain('Hello Fatima,');
      expect(mail.text).toContain(`http://roster.test/app/invitations/${created.body.token}`);
      expect(mail.html).toContain(`http://roster.test/app/invitations/${created.body.token}`);
      await api.anonymous
        .post(`/invitations/${created.body.token}/accept`)
        .send({ password: TEST_PASSWORD, name: 'Fatima El Amrani' })
        .expect((response) => expect(response.status).toBeLessThan(300));
    });
  });

  describe('notifications', () => {
    it('with email on, record a job holding the notification id only; with email off, none', async () => {
      const on = await clientWithFamily();
      await moveVisit(on.visitId, '11:00', '12:00');
      const [notification] = (await on.family.http.get('/users/me/notifications').expect(200)).body.items;
      const jobs = await jobsOf(notification.id);
      expect(jobs.map((job) => ({ name: job.name, data: job.data }))).toEqual([
        { name: 'send-notification', data: { notificationId: notification.id } },
      ]);

      const off = await clientWithFamily();
      await off.family.http
        .put('/users/me/notification-preferences')
        .send({ email: { 'visit.moved': false } })
        .expect(200);
      await moveVisit(off.visitId, '11:00', '12:00');
      const [silent] = (await off.family.http.get('/users/me/notifications').expect(200)).body.items;
      expect(silent.kind).toBe('visit.moved');
      const [{ rows }] = await dataSource.query<{ rows: number }[]>(
        `SELECT count(*)::int AS rows FROM outbox WHERE queue_name = 'email' AND payload->>'notificationId' = $1`,
        [silent.id],
      );
      expect(rows).toBe(0);
    });

    it('arrive by email in the reader’s language when on, and not when off', async () => {
      const on = await clientWithFamily();
      await on.family.http.put('/users/me/notification-preferences').send({ language: 'en' }).expect(200);
      await moveVisit(on.visitId, '11:00', '12:00');
      await waitFor('the notification email', () => sink.to(on.family.user.email).length > 0);
      const [mail] = sink.to(on.family.user.email);
      expect(mail.subject).toBe('News about your roster');
      expect(mail.text).toContain('A visit has moved');
      expect(mail.text).toContain('http://roster.test/app/');

      const off = await clientWithFamily();
      await off.family.http
        .put('/users/me/notification-preferences')
        .send({ email: { 'visit.moved': false } })
        .expect(200);
      await moveVisit(off.visitId, '11:00', '12:00');
      // A later email to someone else shows the worker has gone past the moment.
      const witness = await clientWithFamily();
      await moveVisit(witness.visitId, '13:00', '14:00');
      await waitFor('the witness email', () => sink.to(witness.family.user.email).length > 0);
      expect(sink.to(off.family.user.email)).toEqual([]);
    });
  });

  it('puts nothing personal in Redis: every email job holds ids (and a date) only', async () => {
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized']);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      for (const value of Object.values(job.data as Record<string, unknown>)) {
        expect(String(value)).toMatch(
          /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\d)$/,
        );
      }
      expect(JSON.stringify(job.data)).not.toContain('@');
    }
  });
});
