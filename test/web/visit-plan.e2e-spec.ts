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

  it('makes a private calendar link that serves the visits, lists it, and stops it', async () => {
    const page = await web.newPage();
    await signInThroughPage(page, web.origin, family.user.email, TEST_PASSWORD);
    await page.getByRole('button', { name: 'Make a calendar link' }).click();
    const url = await page.getByLabel('Calendar link').inputValue();
    expect(url).toMatch(/\/calendar\/.+\.ics$/);
    const feed = await web.api.anonymous.get(new URL(url).pathname).expect(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.text).toContain('BEGIN:VEVENT');
    await screenshot(page, 'visit-plan-desktop');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Stop this link' }).click();
    await page.getByText('The link no longer works.').waitFor();
    await web.api.anonymous.get(new URL(url).pathname).expect(404);
    await page.context().close();
  });
});
