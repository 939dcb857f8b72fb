// The team week board in a real browser, against the real API with a worker computing rosters.
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  SCREENSHOTS,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { startWorker, workerStarted, type ChildApp } from '../support/processes';
import {
  findMove,
  negotiatingTeam,
  rowsOf,
  waitForPlan,
  type Member,
  type NegotiatingTeam,
} from '../support/negotiation';
import { WEEK, type RosterBody } from '../support/rosters';
import { signInAs, TEST_PASSWORD } from '../support/test-app';

jest.setTimeout(240_000);

describe('web: team week board', () => {
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

  /** A plan whose first proposal the worker has computed, as the API gives it. */
  async function computedPlan(team: NegotiatingTeam, timeLimitMs = 400): Promise<RosterBody> {
    const created = await team.members[0].http
      .post(`/teams/${team.teamId}/roster-plans`)
      .send({ ...WEEK, timeLimitMs })
      .expect(202);
    return waitForPlan(
      team.members[0].http,
      created.body.id,
      (plan) => plan.currentVersion === 1,
      'the first proposal',
    );
  }

  /** A member signed in through the page, looking at the plan's board. */
  async function openBoard(
    team: NegotiatingTeam,
    member: Member,
    planId: string,
    mobile = false,
  ): Promise<Page> {
    const page = await web.newPage({ mobile });
    await signInThroughPage(page, web.origin, member.email, TEST_PASSWORD);
    await page.goto(`${web.origin}/app/teams/${team.teamId}?plan=${planId}`);
    await page.getByRole('heading', { name: 'Visits per caregiver' }).waitFor();
    return page;
  }

  /** Shows the day of a visit and opens its details with the keyboard. */
  async function openVisit(page: Page, visit: RosterBody): Promise<void> {
    const day = new Date(`${String(visit.startLocal).slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: day, exact: true }).click();
    const block = page.locator(`button[data-visit-id="${visit.visitId}"]`);
    await block.focus();
    await page.keyboard.press('Enter');
    await page.locator('#visit-details-title').waitFor();
  }

  it('a caregiver objects and a colleague claims the visit', async () => {
    const team = await negotiatingTeam(web.api, 31);
    const plan = await computedPlan(team);
    const period = await team.period();
    // A visit of one member that another could take without breaking a rule (the server's checker).
    let move: { from: Member; to: Member; visitId: string } | undefined;
    for (const from of team.members)
      for (const to of team.members) {
        if (move || from === to) continue;
        const visitId = findMove(period, rowsOf(plan), from.caregiverId, to.caregiverId);
        const row = plan.assignments.find((assignment: RosterBody) => assignment.visitId === visitId);
        if (visitId && row.caregiverIds.length === 1) move = { from, to, visitId };
      }
    expect(move).toBeDefined();
    const { from: anna, to: bram, visitId } = move!;
    const visit = plan.assignments.find((assignment: RosterBody) => assignment.visitId === visitId);
    const caregivers = await web.api.http.get(`/teams/${team.teamId}/caregivers`).expect(200);
    const names: Record<string, string> = Object.fromEntries(
      (caregivers.body.items as RosterBody[]).map((caregiver) => [
        caregiver.id,
        [caregiver.firstName, caregiver.lastName].filter(Boolean).join(' '),
      ]),
    );

    // Anna opens the board, selects her visit and objects with a reason.
    const annaPage = await openBoard(team, anna, plan.id);
    await annaPage.getByText(`${names[anna.caregiverId]} (you)`).first().waitFor();
    await screenshot(annaPage, 'board-desktop');
    await expectAccessible(annaPage);
    await openVisit(annaPage, visit);
    const details = annaPage.locator('.visit-details');
    await details.getByLabel('Why you cannot do this visit').fill('I have the dentist that morning');
    await details.getByRole('button', { name: 'Object to this visit' }).click();
    await details.getByText('Your objection is recorded.').waitFor();
    await details.getByText(`${names[anna.caregiverId]} objects: I have the dentist that morning`).waitFor();
    await screenshot(annaPage, 'board-visit-details');
    await expectAccessible(annaPage);

    // Bram, in his own browser, sees the objection and claims the visit (POST .../claims).
    const bramPage = await openBoard(team, bram, plan.id);
    const openItems = bramPage.locator('section[aria-labelledby="open-title"]');
    await openItems.getByText('I have the dentist that morning').waitFor();
    await openItems.getByRole('button', { name: /^Show/ }).first().click();
    const bramDetails = bramPage.locator('.visit-details');
    const claim = bramDetails.getByRole('button', {
      name: `Claim this visit (${names[anna.caregiverId]} objected)`,
    });
    await claim.waitFor();
    await screenshot(bramPage, 'board-claim');
    await expectAccessible(bramPage);
    await claim.click();
    await bramDetails.getByText('The visit is yours now.').waitFor();
    await bramDetails.getByText(`${names[bram.caregiverId]}`, { exact: true }).waitFor();
    // Anna is no longer on the visit (her name is left only among the colleagues Bram could offer it to).
    await expect(
      bramDetails.locator('.facts').getByText(names[anna.caregiverId], { exact: true }).count(),
    ).resolves.toBe(0);
    // The claim's version answers the objection: nothing is open any more, and no claim is on offer.
    await openItems.getByText('No open objections or offers.').waitFor();
    await expect(bramDetails.getByRole('button', { name: /^Claim this visit/ }).count()).resolves.toBe(0);
    await bramPage.getByRole('button', { name: 'Whole week', exact: true }).click();
    await bramPage.getByRole('table', { name: /Visits of the week/ }).waitFor();
    await screenshot(bramPage, 'board-week');
    await expectAccessible(bramPage);

    // The API agrees: Bram alone on the visit, the objection resolved (none open), the claim recorded.
    const after = (await anna.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(
      after.assignments.find((assignment: RosterBody) => assignment.visitId === visitId).caregiverIds,
    ).toEqual([bram.caregiverId]);
    expect(after.objections).toEqual([]);
    const events = (await anna.http.get(`/roster-plans/${plan.id}/events`).expect(200)).body
      .items as RosterBody[];
    expect(events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['claimed', 'objections-resolved']),
    );
    // Anna's board shows Bram on the visit after its next read.
    await annaPage.reload();
    await openVisit(annaPage, visit);
    await annaPage.locator('.visit-details').getByText(names[bram.caregiverId], { exact: true }).waitFor();
    await annaPage.context().close();
    await bramPage.context().close();
  });

  it('every member consents, then one publishes; a phone shows the day as a list', async () => {
    const team = await negotiatingTeam(web.api, 32, { caregivers: 2, clients: 4, days: 1 });
    const plan = await computedPlan(team);
    const [anna, bram] = team.members;

    const annaPage = await openBoard(team, anna, plan.id, true);
    await annaPage.getByRole('button', { name: 'Open the review' }).click();
    await annaPage.getByText('The review is open.').waitFor();
    await annaPage.getByRole('button', { name: 'I consent to version 1' }).click();
    await annaPage.getByText('You consented to version 1.').waitFor();
    await annaPage.getByText('1 of 2 consented').waitFor();
    await screenshot(annaPage, 'board-phone');
    await expectAccessible(annaPage);

    // A coordinator of the organisation reads the same board, and is told why nothing is on offer.
    const coordinator = await signInAs(web.api, { role: 'coordinator', organisationId: team.organisationId });
    const coordinatorPage = await web.newPage();
    await signInThroughPage(coordinatorPage, web.origin, coordinator.user.email, TEST_PASSWORD);
    await coordinatorPage.goto(`${web.origin}/app/teams/${team.teamId}?plan=${plan.id}`);
    await coordinatorPage.getByText('1 of 2 consented').waitFor();
    await coordinatorPage.getByText(/^Coordinators read the negotiation/).waitFor();
    await expect(
      coordinatorPage.getByRole('button', { name: /consent|publish|recompute|review/i }).count(),
    ).resolves.toBe(0);
    await coordinatorPage.context().close();

    const bramPage = await openBoard(team, bram, plan.id);
    // Publishing is refused before everyone agreed; the board only offers it once the API says agreed.
    await expect(bramPage.getByRole('button', { name: /^Publish/ }).count()).resolves.toBe(0);
    await bramPage.getByRole('button', { name: 'I consent to version 1' }).click();
    await bramPage.getByText('2 of 2 consented').waitFor();
    await bramPage.getByRole('button', { name: 'Publish version 1' }).click();
    await bramPage.getByText('Version 1 is published.').waitFor();
    const published = (await bram.http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(published).toMatchObject({ status: 'published', publishedVersion: 1 });

    // Published: Anna's board shows it, with no more changes on offer.
    await annaPage.reload();
    await annaPage.getByText('Published', { exact: true }).waitFor();
    await expect(annaPage.getByRole('button', { name: 'Ask for a recompute' }).count()).resolves.toBe(0);
    await annaPage.context().close();
    await bramPage.context().close();
  });

  it('asks for a recompute, shows its progress and the new version, and lists the changes between versions', async () => {
    const team = await negotiatingTeam(web.api, 33);
    // A budget long enough that the progress is there to be seen.
    const plan = await computedPlan(team, 3000);
    const [anna] = team.members;
    const objected = (plan.assignments as RosterBody[]).find(
      (assignment) => assignment.caregiverIds.length === 1 && assignment.caregiverIds[0] === anna.caregiverId,
    )!;
    // An objection the recompute must honour, so the new version differs.
    await anna.http
      .post(`/roster-plans/${plan.id}/objections`)
      .set('If-Match', plan.etag)
      .send({ visitId: objected.visitId, reason: 'Not on Mondays' })
      .expect(200);

    const page = await openBoard(team, anna, plan.id);
    await page.getByRole('button', { name: 'Ask for a recompute' }).click();
    await page.getByRole('heading', { name: 'Computing the roster' }).waitFor();
    await expect(page.locator('.progress-panel [role="status"]').textContent()).resolves.toMatch(
      /Waiting for the roster engine|Computing: \d+ % done/,
    );
    await page.getByText('Version 2 is ready.').waitFor();
    await page.getByText('Version 2 of').waitFor();

    const diff = page.locator('.diff-view');
    await diff.getByLabel('From version').selectOption('1');
    await diff.getByLabel('To version').selectOption('2');
    await diff.getByText(/visits changed between version 1 and version 2/).waitFor();
    const rows = diff.locator('tbody tr');
    await expect(rows.count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(diff.textContent()).resolves.toMatch(/recomputed from version 1/);
    await diff.screenshot({ path: path.join(SCREENSHOTS, 'board-diff.png') });

    const apiDiff = (
      await anna.http.get(`/roster-plans/${plan.id}/diff`).query({ from: 1, to: 2 }).expect(200)
    ).body;
    await expect(rows.count()).resolves.toBe(apiDiff.changes.length);
    expect(apiDiff.changes.map((change: RosterBody) => change.visitId)).toContain(objected.visitId);
    await page.context().close();
  });
});
