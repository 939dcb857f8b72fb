// The team dashboard in a real browser: a published week read back as charts and as tables, the
// tables' figures checked against what the API itself answers for the same team.
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import type { ChildApp } from '../support/processes';
import type { Member } from '../support/negotiation';
import { apiAndWorkerOnPublishedWeek, publishedTeam } from '../support/published-team';
import { signInAs, TEST_PASSWORD } from '../support/test-app';

jest.setTimeout(240_000);

interface DashboardBody {
  targetDistinctCaregivers: number;
  weeks: { weekStart: string; visits: number; coverage: number }[];
  clients: { clientId: string; name: string; caregivers: { visitsPerWeek: number[] }[] }[];
}

describe('web: the team dashboard', () => {
  let web: WebApp;
  let worker: ChildApp;
  let teamId: string;
  let member: Member;

  beforeAll(async () => {
    const started = await apiAndWorkerOnPublishedWeek();
    worker = started.worker;
    web = await startWebApp(started.api);
    const published = await publishedTeam(web.api, 53);
    teamId = published.team.teamId;
    member = published.team.members[0];
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await web?.close();
  });

  it('a caregiver opens the dashboard from the board and reads coverage, continuity and hours', async () => {
    const dashboard = (await member.http.get(`/teams/${teamId}/dashboard`).expect(200)).body as DashboardBody;
    const served = dashboard.clients.filter((client) =>
      client.caregivers.some((caregiver) => caregiver.visitsPerWeek.some((count) => count > 0)),
    );
    expect(served.length).toBeGreaterThan(0);

    const page = await web.newPage({ mobile: true });
    await signInThroughPage(page, web.origin, member.email, TEST_PASSWORD);
    await page.waitForURL(new RegExp(`/app/teams/${teamId}`));
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(new RegExp(`/app/teams/${teamId}/dashboard$`));
    await page.getByRole('heading', { level: 1, name: /^Dashboard of / }).waitFor();

    // Coverage: a row per week the API answers, each with its share.
    const coverage = page.getByRole('table', { name: 'Coverage per week' });
    await coverage.waitFor();
    await expect(coverage.locator('tbody tr').count()).resolves.toBe(dashboard.weeks.length);
    const busiest = dashboard.weeks.reduce((a, b) => (b.visits > a.visits ? b : a));
    expect(busiest.visits).toBeGreaterThan(0);
    const busiestRow = coverage.locator('tbody tr').nth(dashboard.weeks.indexOf(busiest));
    await expect(busiestRow.locator('td').allTextContents()).resolves.toEqual([
      String(busiest.visits),
      `${Math.round(busiest.coverage * 100)}%`,
    ]);

    // Continuity: every served client, against the team's own target.
    const continuity = page.getByRole('table', { name: 'Continuity per client' });
    for (const client of served) {
      const row = continuity
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: client.name }) });
      await row.waitFor();
      const [, verdict] = await row.locator('td').allTextContents();
      expect(['Within target', 'Above target']).toContain(verdict);
    }
    await expect(continuity.locator('tbody tr').count()).resolves.toBe(served.length);
    await page.getByText(`The team aims for at most ${dashboard.targetDistinctCaregivers}.`).waitFor();

    // Hours, and the charts drawn (hidden from screen readers, which read the tables).
    await page.getByRole('table', { name: 'Hours against contracts per week' }).waitFor();
    await expect(page.locator('.dashboard-chart .recharts-wrapper').count()).resolves.toBe(3);
    await expect(page.evaluate('document.documentElement.scrollWidth > window.innerWidth')).resolves.toBe(
      false,
    );
    await screenshot(page, 'dashboard-phone');
    await expectAccessible(page);
    await page.context().close();
  });

  it('a family member is refused the dashboard in plain words', async () => {
    const dashboard = (await member.http.get(`/teams/${teamId}/dashboard`).expect(200)).body as DashboardBody;
    const family = await signInAs(web.api, { role: 'family', clientIds: [dashboard.clients[0].clientId] });
    const page = await web.newPage();
    await signInThroughPage(page, web.origin, family.user.email, TEST_PASSWORD);
    await page.goto(`${web.origin}/app/teams/${teamId}/dashboard`);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await page.context().close();
  });
});
