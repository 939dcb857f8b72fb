// My day for caregivers in a real browser against the real API and a worker: a team's week is
// published, and "now" is noon of its Monday (for the API a fixed clock, for the browser its own
// clock set to the same instant). On a phone a caregiver sees the day's visits in order, checks in
// and out in one tap (the API records it and payroll counts it), checks in offline (kept on the
// phone, sent when back online, once), says they are running late (the family reads it) and calls
// in sick (the published roster gets an amendment).
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@homecare/common';
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { localDateTimeOf } from '../support/clock';
import type { Member } from '../support/negotiation';
import { ensureBuilt, startWorker, workerStarted, type ChildApp } from '../support/processes';
import { publishedTeam, type PublishedTeam, type PublishedVisitBody } from '../support/published-team';
import { WEEK } from '../support/rosters';
import { createTestApp, signInAs, TEST_PASSWORD } from '../support/test-app';

jest.setTimeout(300_000);

/** Noon or 13:00 in Amsterdam on the published week's Monday: visits before and after it. */
const NOW = new Date(`${WEEK.periodStart}T11:00:00Z`);

interface DayVisit {
  visitId: string;
  planId: string;
  clientId: string;
  clientName: string;
  plannedStart: string;
  plannedEnd: string;
  partners: string[];
  travelToNextMinutes: number | null;
  checkIn: { checkInId: string; checkedInAt: string; checkedOutAt: string | null } | null;
}

/**
 * Waits until the service worker controls the page. Polled from the test: a string predicate
 * (waitForFunction) is evaluated in the page with eval, which the app's CSP rightly forbids.
 */
async function controlledByServiceWorker(page: Page): Promise<void> {
  // Once it is active, a page loaded after that is controlled even if clients.claim() came late.
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  if (!(await page.evaluate<boolean>('navigator.serviceWorker.controller !== null'))) await page.reload();
  const until = performance.now() + 30_000;
  while (!(await page.evaluate<boolean>('navigator.serviceWorker.controller !== null'))) {
    if (performance.now() > until) throw new Error('the service worker did not take control of the page');
    await page.waitForTimeout(200);
  }
}

const clock = (instant: string) => localDateTimeOf(instant).slice(11, 16);

describe('web: my day for caregivers', () => {
  let web: WebApp;
  let worker: ChildApp;
  let published: PublishedTeam;
  let member: Member;
  let mine: PublishedVisitBody[];

  beforeAll(async () => {
    ensureBuilt();
    const api = await createTestApp((builder) =>
      builder.overrideProvider(Clock).useValue(new FixedClock(NOW)),
    );
    worker = startWorker();
    await workerStarted(worker);
    web = await startWebApp(api);
    published = await publishedTeam(web.api, 53);
    const monday = (await published.visits()).filter(
      (visit) =>
        visit.status !== 'cancelled' && localDateTimeOf(visit.plannedStart).startsWith(WEEK.periodStart),
    );
    // The member with the most visits that Monday.
    const counts = published.team.members.map((candidate) => ({
      candidate,
      visits: monday.filter((visit) => visit.caregiverIds.includes(candidate.caregiverId)),
    }));
    counts.sort((first, second) => second.visits.length - first.visits.length);
    member = counts[0].candidate;
    mine = counts[0].visits.sort((first, second) => first.plannedStart.localeCompare(second.plannedStart));
    expect(mine.length).toBeGreaterThanOrEqual(3);
  }, 400_000);

  afterAll(async () => {
    await worker?.stop();
    await web?.close();
  });

  /** A page on the shared "now", signed in as the caregiver. */
  async function caregiverPage(mobile: boolean): Promise<Page> {
    const page = await web.newPage({ mobile });
    if (process.env.CLOCK_NOW) await page.clock.setSystemTime(NOW);
    else await page.clock.install({ time: NOW });
    await signInThroughPage(page, web.origin, member.email, TEST_PASSWORD);
    return page;
  }

  const day = async () => (await member.http.get('/users/me/day').expect(200)).body as { visits: DayVisit[] };
  const visitCard = (page: Page, clientName: string, start: string) =>
    page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: `${start} – ` }) })
      .filter({
        hasText: clientName,
      });

  it('lists the day in order with the place, the work, the partner and the travel', async () => {
    const listed = (await day()).visits;
    // The published visits of that Monday for this caregiver, in order, and only those.
    expect(listed.map((visit) => visit.visitId)).toEqual(mine.map((visit) => visit.visitId));
    expect(listed.slice(0, -1).every((visit) => typeof visit.travelToNextMinutes === 'number')).toBe(true);
    expect(listed[listed.length - 1].travelToNextMinutes).toBeNull();
    for (const visit of listed)
      expect(visit.partners.length).toBe(
        mine.find((m) => m.visitId === visit.visitId)!.caregiverIds.length - 1,
      );
    // The read is logged for each client shown.
    const [logged] = await web.api.app
      .get(DataSource)
      .query<{ n: number }[]>(
        `SELECT count(DISTINCT client_id)::int AS n FROM access_log_entry WHERE route = 'GET /users/me/day' AND client_id = ANY($1)`,
        [listed.map((visit) => visit.clientId)],
      );
    expect(logged.n).toBe(new Set(listed.map((visit) => visit.clientId)).size);

    const page = await caregiverPage(true);
    // From the header (on a phone a link is followed with Enter: a tap may wait on "stable").
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    const headings = page
      .getByRole('list', { name: 'Visits of today, in order' })
      .getByRole('heading', { level: 2 });
    await headings.first().waitFor();
    const texts = await headings.allInnerTexts();
    expect(texts.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(
      listed.map((visit) => `${clock(visit.plannedStart)} – ${clock(visit.plannedEnd)} ${visit.clientName}`),
    );
    await expect(page.getByText(/min travel to the next visit$/).count()).resolves.toBe(listed.length - 1);
    await expect(page.getByText(/^What to do: /).count()).resolves.toBe(listed.length);
    const partnered = listed.find((visit) => visit.partners.length > 0);
    if (partnered) await page.getByText(`Together with ${partnered.partners.join(', ')}`).waitFor();
    await expect(page.evaluate('document.documentElement.scrollWidth > window.innerWidth')).resolves.toBe(
      false,
    );
    await screenshot(page, 'my-day-phone');
    await expectAccessible(page);
    await page.context().close();
  });

  it('checks in and out in one tap each: the API shows it and payroll counts it', async () => {
    const [first] = (await day()).visits;
    const page = await caregiverPage(true);
    await page.goto(`${web.origin}/app/my-day`);
    const card = visitCard(page, first.clientName, clock(first.plannedStart));
    await card.getByRole('button', { name: `Check in at ${first.clientName}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Sent: Checked in at \d\d:\d\d\.$/ })
      .waitFor();
    await card.getByText(/^Checked in at \d\d:\d\d$/).waitFor();
    const checkedIn = (await day()).visits[0].checkIn!;
    expect(Math.abs(Date.parse(checkedIn.checkedInAt) - NOW.getTime())).toBeLessThan(5 * 60_000);
    await card.getByRole('button', { name: `Check out at ${first.clientName}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Sent: Checked out at \d\d:\d\d\.$/ })
      .waitFor();
    await card.getByText(/Checked out at \d\d:\d\d$/).waitFor();
    await expect(card.getByRole('button', { name: /^Check (in|out) at / }).count()).resolves.toBe(0);
    const recorded = (await day()).visits[0].checkIn!;
    expect(recorded.checkedOutAt).not.toBeNull();
    expect(Date.parse(recorded.checkedOutAt!)).toBeGreaterThan(Date.parse(recorded.checkedInAt));
    await screenshot(page, 'my-day-checked-in-phone');
    await expectAccessible(page);
    await page.context().close();

    // Payroll counts the visit from the check-in, not from the plan.
    const coordinator = await signInAs(web.api, {
      role: 'coordinator',
      organisationId: published.team.organisationId,
    });
    await coordinator.http
      .put(`/organisations/${published.team.organisationId}/payroll-settings`)
      .send({ frequency: 'weekly', anchorDate: WEEK.periodStart })
      .expect(200);
    const sheets = await coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId: published.team.organisationId, limit: 200 })
      .expect(200);
    const sheet = (
      sheets.body.items as {
        caregiverId: string;
        entries: { visitId: string; source: string; start: number }[];
      }[]
    ).find((candidate) => candidate.caregiverId === member.caregiverId)!;
    const entry = sheet.entries.find((candidate) => candidate.visitId === first.visitId)!;
    expect(entry.source).toBe('actual');
    expect(entry.start).toBe(Math.round(Date.parse(recorded.checkedInAt) / 60_000));
  });

  it('keeps a check-in made offline on the phone and sends it once when back online', async () => {
    const second = (await day()).visits[1];
    const page = await caregiverPage(true);
    await page.goto(`${web.origin}/app/my-day`);
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    // The service worker keeps the app shell once it controls the page.
    // Polled from the test (a string predicate is evaluated in the page, which its CSP forbids).
    await controlledByServiceWorker(page);
    await page.context().setOffline(true);
    const card = visitCard(page, second.clientName, clock(second.plannedStart));
    await card.getByRole('button', { name: `Check in at ${second.clientName}` }).click();
    await page
      .getByRole('status')
      .filter({
        hasText: /^Checked in at \d\d:\d\d\. Saved on this phone\. It is sent as soon as you are online\.$/,
      })
      .waitFor();
    await card.getByText('Not sent yet: it is sent when you are online.').waitFor();
    expect((await day()).visits[1].checkIn).toBeNull();
    const [tap] = JSON.parse(
      await page.evaluate<string>("localStorage.getItem('homecare.myDay.taps') ?? '[]'"),
    ) as { at: string }[];

    // Still offline, the app opens from the phone: the kept shell and today's kept list.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    await page.getByText('You are offline: this is the list as it was last loaded.').waitFor();
    await visitCard(page, second.clientName, clock(second.plannedStart))
      .getByText(/^Checked in at \d\d:\d\d$/)
      .waitFor();
    await screenshot(page, 'my-day-offline-phone');
    await expectAccessible(page);

    // Back online: sent with the time of the tap, once.
    await page.context().setOffline(false);
    await visitCard(page, second.clientName, clock(second.plannedStart))
      .getByText('Not sent yet: it is sent when you are online.')
      .waitFor({ state: 'detached' });
    // The card can re-render on reconnecting before the tap's answer is in: wait for the API to have it.
    const until = performance.now() + 15_000;
    while ((await day()).visits[1].checkIn === null && performance.now() < until)
      await page.waitForTimeout(200);
    const checkIn = (await day()).visits[1].checkIn!;
    expect(checkIn.checkedInAt).toBe(new Date(tap.at).toISOString());
    await expect(page.evaluate("localStorage.getItem('homecare.myDay.taps')")).resolves.toBe('[]');
    // The same tap sent again (its answer lost) is the same check-in, not a second one or a conflict.
    const again = await member.http
      .post(`/visits/${second.visitId}/check-in`)
      .send({ at: tap.at })
      .expect(201);
    expect(again.body.id).toBe(checkIn.checkInId);
    const [rows] = await web.api.app
      .get(DataSource)
      .query<{ n: number }[]>('SELECT count(*)::int AS n FROM visit_check_in WHERE visit_id = $1', [
        second.visitId,
      ]);
    expect(rows.n).toBe(1);
    await page.context().close();
  });

  it('tells the family that the caregiver is running late, on a desktop too', async () => {
    const third = (await day()).visits[2];
    const family = await signInAs(web.api, { role: 'family', clientIds: [third.clientId] });
    const page = await caregiverPage(false);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).click();
    const card = visitCard(page, third.clientName, clock(third.plannedStart));
    await card.getByRole('button', { name: `I'm running late for ${third.clientName}` }).click();
    await card
      .getByRole('group', { name: 'About how late?' })
      .getByRole('button', { name: '20 min' })
      .click();
    await card
      .getByRole('status')
      .filter({ hasText: `${third.clientName}'s family and your team know you are about 20 minutes late.` })
      .waitFor();
    await screenshot(page, 'my-day-desktop');
    await expectAccessible(page);
    await page.context().close();

    const feed = await family.http.get('/users/me/notifications').set('Accept-Language', 'en').expect(200);
    const message = (feed.body.items as { kind: string; text: string; link: string }[]).find(
      (item) => item.kind === 'visit.running-late',
    )!;
    expect(message.text).toMatch(/ is running about 20 minutes late for the visit of /);
    expect(message.link).toBe(`/clients/${third.clientId}/plan`);
    // The family reads it in their messages.
    const familyPage = await web.newPage({ mobile: true });
    await signInThroughPage(familyPage, web.origin, family.user.email, TEST_PASSWORD);
    await familyPage.goto(`${web.origin}/app/notifications`);
    await familyPage.getByText(/is running about 20 minutes late for the visit of/).waitFor();
    await familyPage.context().close();
  });

  it('calls in sick for the rest of the day through an amendment of the published roster', async () => {
    const page = await caregiverPage(true);
    await page.goto(`${web.origin}/app/my-day`);
    await page.getByRole('button', { name: "I'm sick" }).click();
    const dialog = page.getByRole('dialog', { name: 'Call in sick for the rest of today?' });
    await dialog.getByRole('button', { name: 'Call in sick' }).click();
    await page.getByRole('status').filter({ hasText: 'Your team knows you are sick.' }).waitFor();
    const amendments = await member.http.get(`/roster-plans/${published.plan.id}/amendments`).expect(200);
    expect(amendments.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caregiverId: member.caregiverId })]),
    );
    await page.context().close();
  });
});
