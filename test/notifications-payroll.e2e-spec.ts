// Coordinators hear that a pay period is ready to approve, through HTTP: once a period with work is
// over (the worker's scan), and again when a late check-in withdrew its approval.
import type TestAgent from 'supertest/lib/agent';
import { generateScenario } from '@homecare/scenario';
import { weekFromNow } from './support/clock';
import { publishFirstProposal } from './support/negotiation';
import { ensureBuilt, startWorker, waitFor, workerStarted, type ChildApp } from './support/processes';
import { createTestApp, signInAs, unique, type TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** Three weeks ago, as of the clock: over, like the weeks after it (which have no work). */
const WEEK = weekFromNow(-3);

interface NotificationBody {
  id: string;
  kind: string;
  text: string;
  link: string;
  count: number;
}

describe('notifications: a pay period ready to approve', () => {
  let api: TestApp;
  const workers: ChildApp[] = [];

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    workers.push(startWorker());
    await workerStarted(workers[0]);
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await api?.close();
  });

  const ready = async (http: TestAgent, language = 'nl'): Promise<NotificationBody[]> =>
    (
      (await http.get('/users/me/notifications').set('Accept-Language', language).expect(200)).body
        .items as NotificationBody[]
    ).filter((item) => item.kind === 'payroll.period-ready');

  it('tells the coordinators of a period with work once it is over, and again when its approval is withdrawn', async () => {
    const scenario = {
      ...generateScenario({ seed: 41, caregivers: 3, clients: 6, days: 2, start: WEEK.periodStart }),
      name: unique('ready-team'),
    };
    const imported = await api.http.post('/teams/import').send(scenario).expect(201);
    const organisationId = imported.body.organisationId as string;
    const members: { caregiverId: string; http: TestAgent }[] = [];
    for (const caregiverId of Object.values(imported.body.ids.caregivers as Record<string, string>))
      members.push({
        caregiverId,
        http: (await signInAs(api, { role: 'caregiver', caregiverIds: [caregiverId] })).http,
      });
    await publishFirstProposal(members, imported.body.teamId as string, WEEK);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    await coordinator.http
      .put(`/organisations/${organisationId}/payroll-settings`)
      .send({ frequency: 'weekly', anchorDate: WEEK.periodStart })
      .expect(200);
    // The running worker looked when it started, before this work existed.
    expect(await ready(coordinator.http)).toEqual([]);

    // A worker of its own queues (a fresh schedule) looks at once, as every worker does on start.
    const looking = startWorker({ QUEUE_PREFIX: unique('ready').replace(/[^a-zA-Z0-9_-]/g, '') });
    workers.push(looking);
    await workerStarted(looking);
    await waitFor(
      'the coordinator to be told',
      async () => (await ready(coordinator.http)).length > 0,
      30_000,
      250,
    );
    const told = await ready(coordinator.http);
    // Only the week with work; the empty weeks after it are nobody's business.
    expect(told).toEqual([expect.objectContaining({ link: `/hours/${WEEK.periodStart}`, count: 1 })]);
    expect(told[0].text).toMatch(/^De uren van .+ zijn klaar om goed te keuren\.$/);
    expect(told[0].text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect((await ready(coordinator.http, 'en'))[0].text).toMatch(
      /^The hours for .+ are ready to approve\.$/,
    );
    for (const member of members) expect(await ready(member.http)).toEqual([]);

    // Approved, read; then a late check-in withdraws the approval: ready to approve again.
    await coordinator.http
      .post(`/pay-periods/${WEEK.periodStart}/approve`)
      .query({ organisationId })
      .expect(200);
    await coordinator.http.post('/users/me/notifications/read').send({}).expect(200);
    const roster = await api.http
      .get(`/teams/${imported.body.teamId}/published-roster`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    const [visit] = roster.body.visits as { visitId: string; caregiverIds: string[]; plannedStart: string }[];
    const checkIn = await members
      .find((member) => member.caregiverId === visit.caregiverIds[0])!
      .http.post(`/visits/${visit.visitId}/check-in`)
      .send({ at: visit.plannedStart, location: { latitude: 52.37, longitude: 4.89 } })
      .expect(201);
    expect(checkIn.body.payroll).toMatchObject({ state: 'open', approvalWithdrawn: true });
    const again = (
      await coordinator.http.get('/users/me/notifications').query({ unread: 'true' }).expect(200)
    ).body.items as NotificationBody[];
    expect(again).toEqual([
      expect.objectContaining({ kind: 'payroll.period-ready', link: `/hours/${WEEK.periodStart}`, count: 1 }),
    ]);
  });
});
