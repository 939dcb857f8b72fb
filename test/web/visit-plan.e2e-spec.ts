// A family member reads their client's visit plan in the browser, on a phone, and only theirs.
import {
  expectAccessible,
  signInThroughPage,
  screenshot,
  startWebApp,
  type WebApp,
} from '../support/browser';
import type { ChildApp } from '../support/processes';
import {
  apiAndWorkerOnPublishedWeek,
  publishedTeam,
  type PublishedVisitBody,
} from '../support/published-team';
import { negotiatingTeam, waitForPlan } from '../support/negotiation';
import { WEEK, type RosterBody } from '../support/rosters';
import { signInAs, TEST_PASSWORD, type TestUser } from '../support/test-app';

jest.setTimeout(120_000);

describe('web: the visit plan of a client and their family', () => {
  let web: WebApp;
  let worker: ChildApp;
  let family: TestUser;
  let clientId: string;
  let otherClientId: string;
  let visits: PublishedVisitBody[];

  beforeAll(async () => {
    const started = await apiAndWorkerOnPublishedWeek();
    worker = started.worker;
    web = await startWebApp(started.api);
    const published = await publishedTeam(web.api, 47);
    visits = await published.visits();
    const clients = [...new Set(visits.map((visit) => visit.clientId))];
    [clientId, otherClientId] = clients;
    family = await signInAs(web.api, { role: 'family', clientIds: [clientId] });
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await web?.close();
  });

  it("shows a family member their client's coming visits in plain words, on a phone", async () => {
    const page = await web.newPage({ mobile: true });
    await signInThroughPage(page, web.origin, family.user.email, TEST_PASSWORD);
    // One client: the start page goes straight to their plan.
    await page.waitForURL(new RegExp(`/app/clients/${clientId}/plan$`));
    await page.getByRole('heading', { level: 1, name: /^Visits for / }).waitFor();
    const mine = visits.filter((visit) => visit.clientId === clientId && visit.status !== 'cancelled');
    const cards = page.locator('.plan-visit');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(mine.length);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Between \d\d:\d\d and \d\d:\d\d/);
    expect(text).toMatch(/is coming|are coming/);
    // Days are headings a screen reader can jump between.
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(1);
    await screenshot(page, 'visit-plan-phone');
    await expectAccessible(page);
    await page.context().close();
  });

  it("never shows another client's plan, even by URL", async () => {
    const page = await web.newPage();
    await signInThroughPage(page, web.origin, family.user.email, TEST_PASSWORD);
    await page.goto(`${web.origin}/app/clients/${otherClientId}/plan`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.plan-visit').count()).toBe(0);
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(
      /no longer exists, or you cannot see it/,
    );
    await page.context().close();
  });

  it('makes named calendar links that serve the visits, lists them by name, and stops one of them', async () => {
    const page = await web.newPage();
    await signInThroughPage(page, web.origin, family.user.email, TEST_PASSWORD);
    const calendar = page.locator('section[aria-labelledby="calendar-title"]');
    const make = async (name: string) => {
      await calendar.getByLabel('Name of the link').fill(name);
      await calendar.getByRole('button', { name: 'Make a calendar link' }).click();
      await calendar.getByRole('listitem').filter({ hasText: name }).waitFor();
      return calendar.getByLabel('Calendar link').inputValue();
    };
    const phoneUrl = await make('My phone');
    const tabletUrl = await make('Kitchen tablet');
    expect(phoneUrl).toMatch(/\/calendar\/.+\.ics$/);
    expect(tabletUrl).not.toBe(phoneUrl);
    const feed = await web.api.anonymous.get(new URL(phoneUrl).pathname).expect(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.text).toContain('BEGIN:VEVENT');
    await expect(calendar.locator('.plan-feed-name').allInnerTexts()).resolves.toEqual([
      'Kitchen tablet',
      'My phone',
    ]);
    await screenshot(page, 'visit-plan-desktop');
    await expectAccessible(page);
    await calendar
      .getByRole('listitem')
      .filter({ hasText: 'Kitchen tablet' })
      .getByRole('button', { name: 'Stop this link' })
      .click();
    await page.getByText('The link "Kitchen tablet" no longer works.').waitFor();
    await expect(calendar.locator('.plan-feed-name').allInnerTexts()).resolves.toEqual(['My phone']);
    await web.api.anonymous.get(new URL(tabletUrl).pathname).expect(404);
    await web.api.anonymous.get(new URL(phoneUrl).pathname).expect(200);
    await screenshot(page, 'visit-plan-calendar-links');
    await expectAccessible(page);
    await page.context().close();
  });

  it('shows a family the visits of a week in review as not yet agreed, and who is not planned yet', async () => {
    // Another team, whose week is in review: nothing of it is published.
    const team = await negotiatingTeam(web.api, 48);
    const created = await team.members[0].http
      .post(`/teams/${team.teamId}/roster-plans`)
      .send({ ...WEEK, timeLimitMs: 400 })
      .expect(202);
    let plan = await waitForPlan(
      team.members[0].http,
      created.body.id,
      (body) => body.currentVersion === 1,
      'the first proposal',
    );
    const assigned = (plan.assignments as RosterBody[]).filter((row) => row.caregiverIds.length > 0);
    const reviewed = assigned[0].clientId as string;
    const theirs = (plan.assignments as RosterBody[]).filter((row) => row.clientId === reviewed);
    const relative = await signInAs(web.api, { role: 'family', clientIds: [reviewed] });

    // Before the review opens: a plain sentence, no visits.
    const phone = await web.newPage({ mobile: true });
    await signInThroughPage(phone, web.origin, relative.user.email, TEST_PASSWORD);
    await phone.waitForURL(new RegExp(`/app/clients/${reviewed}/plan$`));
    await phone.goto(`${web.origin}/app/clients/${reviewed}/plan?from=${WEEK.periodStart}`);
    await phone.getByText(/^The team is still planning the visits from /).waitFor();
    expect(await phone.locator('.plan-visit').count()).toBe(0);

    plan = (
      await team.members[0].http
        .post(`/roster-plans/${plan.id}/review`)
        .set('If-Match', plan.etag)
        .send({})
        .expect(200)
    ).body;
    // One of the client's visits has nobody yet.
    await team.members[0].http
      .put(`/roster-plans/${plan.id}/assignments/${theirs[0].visitId}`)
      .set('If-Match', plan.etag)
      .send({ caregiverIds: [] })
      .expect(200);
    await phone.reload();
    await phone.getByText(/^The team is still agreeing the visits from /).waitFor();
    const cards = phone.locator('.plan-visit');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(theirs.length);
    await expect(phone.locator('.plan-visit', { hasText: 'Not yet agreed' }).count()).resolves.toBe(
      theirs.length,
    );
    await phone.getByText('No one is planned yet; the team has been told.').waitFor();
    // Large type: the mark and the sentence read without zooming.
    const size = await phone
      .locator('.plan-proposed')
      .first()
      .evaluate((element) =>
        // The page's own function (the tests compile without the DOM's types).
        parseFloat(
          (
            globalThis as unknown as { getComputedStyle: (node: unknown) => { fontSize: string } }
          ).getComputedStyle(element).fontSize,
        ),
      );
    expect(size).toBeGreaterThanOrEqual(18);
    await screenshot(phone, 'visit-plan-review-phone');
    await expectAccessible(phone);
    await phone.context().close();

    const desktop = await web.newPage();
    await signInThroughPage(desktop, web.origin, relative.user.email, TEST_PASSWORD);
    await desktop.goto(`${web.origin}/app/clients/${reviewed}/plan?from=${WEEK.periodStart}`);
    await desktop.getByText('No one is planned yet; the team has been told.').waitFor();
    await expect(desktop.getByText('Not yet agreed', { exact: true }).count()).resolves.toBe(theirs.length);
    await screenshot(desktop, 'visit-plan-review-desktop');
    await expectAccessible(desktop);
    await desktop.context().close();
  });
});
