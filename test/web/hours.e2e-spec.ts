// Hours for coordinators in a real browser against the real API and a worker: a week of visits
// is published and worked (one check-in late, one visit without a check-in), then a coordinator
// reads the hours and the warnings, approves, locks and downloads the CSV.
import { readFile } from 'node:fs/promises';
import { generateScenario } from '@homecare/scenario';
import { PAYROLL_CSV_COLUMNS } from '@homecare/payroll';
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { publishFirstProposal } from '../support/negotiation';
import { startWorker, workerStarted, type ChildApp } from '../support/processes';
import { signInAs, TEST_PASSWORD, unique } from '../support/test-app';
import { dayOf, weekFromNow } from '../support/clock';

jest.setTimeout(240_000);

// A week that is over (check-ins are never in the future), paid weekly from its Monday.
/** Three weeks ago, as of the clock: worked, checked in and over. */
const WEEK = weekFromNow(-3);
const MINUTE_MS = 60_000;
const weekLabel = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
}).formatRange(new Date(`${WEEK.periodStart}T00:00:00Z`), new Date(`${WEEK.periodEnd}T00:00:00Z`));
/**
 * The week as the page writes it ("5–11 Oct 2026", "28 Sept – 4 Oct 2026"). Node's ICU and the
 * browser's may differ in the spaces around the dash and in a month's abbreviation ("Sep"/"Sept").
 */
const weekPattern = weekLabel
  .replace(/[A-Za-z]+/g, (month) => `${month.slice(0, 3)}[a-z]*`)
  .replace(/\s*–\s*/g, '\\s*–\\s*')
  .replace(/\s/g, '\\s');
const period = (before = '', after = '') =>
  new RegExp(`${before}${weekPattern}${after.replace(/[.?]/g, '\\$&')}`);
const shifted = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();

interface PublishedVisit {
  visitId: string;
  caregiverIds: string[];
  plannedStart: string;
  plannedEnd: string;
}

describe('web: hours for coordinators', () => {
  let web: WebApp;
  let worker: ChildApp;
  beforeAll(async () => {
    web = await startWebApp();
    worker = startWorker();
    await workerStarted(worker);
  }, 300_000);
  afterAll(async () => {
    await worker?.stop();
    await web?.close();
  });

  /** A generated team, its week negotiated and published, and worked: one late, one not checked in. */
  async function workedWeek(seed: number) {
    const { api } = web;
    const scenario = {
      ...generateScenario({ seed, caregivers: 4, clients: 8, days: 2, start: WEEK.periodStart }),
      name: unique('hours-team'),
    };
    const imported = await api.http.post('/teams/import').send(scenario).expect(201);
    const teamId = imported.body.teamId as string;
    const organisationId = imported.body.organisationId as string;
    const members = [];
    for (const caregiverId of Object.values(imported.body.ids.caregivers as Record<string, string>))
      members.push({
        caregiverId,
        ...(await signInAs(api, { role: 'caregiver', caregiverIds: [caregiverId] })),
      });
    await publishFirstProposal(members, teamId, WEEK);
    const roster = await api.http
      .get(`/teams/${teamId}/published-roster`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    const visits = roster.body.visits as PublishedVisit[];
    const [lateVisit, missedVisit] = visits;
    for (const visit of visits) {
      if (visit === missedVisit) continue;
      const delay = visit === lateVisit ? 25 : 0;
      for (const caregiverId of visit.caregiverIds) {
        const { http } = members.find((member) => member.caregiverId === caregiverId)!;
        await http
          .post(`/visits/${visit.visitId}/check-in`)
          .send({ at: shifted(visit.plannedStart, delay) })
          .expect(201);
        await http
          .post(`/visits/${visit.visitId}/check-out`)
          .send({ at: shifted(visit.plannedEnd, delay) })
          .expect(200);
      }
    }
    return { organisationId, lateVisit };
  }

  it('a coordinator sees the hours and the warnings, approves, locks and downloads a CSV', async () => {
    const { organisationId, lateVisit } = await workedWeek(41);
    const coordinator = await signInAs(web.api, { role: 'coordinator', organisationId });
    await coordinator.http
      .put(`/organisations/${organisationId}/payroll-settings`)
      .send({ frequency: 'weekly', anchorDate: WEEK.periodStart })
      .expect(200);
    const sheets = await coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId, limit: 200 })
      .expect(200);
    const lateCaregiver = (sheets.body.items as { caregiverId: string; caregiverName: string }[]).find(
      (sheet) => sheet.caregiverId === lateVisit.caregiverIds[0],
    )!;

    const page = await web.newPage();
    await signInThroughPage(page, web.origin, coordinator.user.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hours' }).click();
    const periodLink = page.getByRole('link', { name: period() });
    await periodLink.waitFor();
    await expect(
      page.getByRole('row').filter({ has: periodLink }).getByText('Open', { exact: true }).isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, 'hours-list');
    await expectAccessible(page);

    // The period: a row per caregiver by hour type, and the late check-in as a warning.
    await periodLink.click();
    await page.getByRole('heading', { name: period('Hours ') }).waitFor();
    const table = page.getByRole('table');
    for (const sheet of sheets.body.items as { caregiverName: string }[])
      await table.getByRole('rowheader', { name: sheet.caregiverName }).waitFor();
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Caregiver', 'Warnings', 'Visits', 'Travel', 'Worked', 'Overtime']),
    );
    const warnings = page.getByRole('article', { name: `Warnings for ${lateCaregiver.caregiverName}` });
    await warnings.getByText('Late check-in').waitFor();
    await warnings.getByText('started 25 min late').waitFor();
    await page.getByText('Missed visit').first().waitFor();
    await screenshot(page, 'hours-period');
    await expectAccessible(page);

    // Approve, then lock, each after a question.
    await page.getByRole('button', { name: 'Approve hours' }).click();
    const dialog = page.getByRole('dialog', { name: period('Approve the hours of ', '?') });
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: period('The hours of ', ' are approved.') })
      .waitFor();
    await page.getByRole('button', { name: 'Lock period' }).click();
    await page
      .getByRole('dialog', { name: period('Lock ', '?') })
      .getByRole('button', { name: 'Lock', exact: true })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: period('', ' is locked.') })
      .waitFor();
    await page.getByText(/^Locked on /).waitFor();
    const periods = await coordinator.http
      .get(`/organisations/${organisationId}/pay-periods`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    expect(periods.body.items).toEqual([expect.objectContaining({ key: WEEK.periodStart, state: 'locked' })]);

    // The CSV, with the server's file name, the documented columns and the caregivers' lines.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`payroll-${WEEK.periodStart}_${WEEK.periodEnd}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(PAYROLL_CSV_COLUMNS.map((column) => column.name));
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^${lateCaregiver.caregiverId},${lateCaregiver.caregiverName},${dayOf(WEEK, 0)}/${dayOf(WEEK, 6)},.*,visit,`,
          ),
        ),
      ]),
    );
    await page.getByRole('status').filter({ hasText: 'Downloaded payroll-' }).waitFor();
    await page.context().close();

    // The same period on a phone: the numbers scroll sideways inside the table, not the page.
    const phone = await web.newPage({ mobile: true });
    await signInThroughPage(phone, web.origin, coordinator.user.email, TEST_PASSWORD);
    await phone.goto(`${web.origin}/app/hours/${WEEK.periodStart}`);
    await phone.getByRole('heading', { name: period('Hours ') }).waitFor();
    await expect(phone.evaluate('document.documentElement.scrollWidth > window.innerWidth')).resolves.toBe(
      false,
    );
    await screenshot(phone, 'hours-period-phone');
    await expectAccessible(phone);
    await phone.context().close();
  });
});
