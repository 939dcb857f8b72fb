// Help to swap in a real browser: a member opens a visit nobody has, sees who in the team could take
// it (those who could first, the one the client knows on top, the others with why not), and is
// offered Claim only where the claim would pass; a colleague who can claims it from the board.
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { startWorker, workerStarted, type ChildApp } from '../support/processes';
import { negotiatingTeam, type Member, type NegotiatingTeam } from '../support/negotiation';
import { type RosterBody } from '../support/rosters';
import { planWithOpenVisit, swapScenario } from '../support/swap-team';
import { TEST_PASSWORD } from '../support/test-app';

jest.setTimeout(240_000);

describe('web: who could take a visit', () => {
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

  async function openUnassigned(team: NegotiatingTeam, member: Member, planId: string, visitId: string) {
    const page: Page = await web.newPage();
    await signInThroughPage(page, web.origin, member.email, TEST_PASSWORD);
    await page.goto(`${web.origin}/app/teams/${team.teamId}?plan=${planId}`);
    await page.getByRole('heading', { name: 'Unassigned visits' }).waitFor();
    await page.locator(`.unassigned button[data-visit-id="${visitId}"]`).click();
    await page.locator('#visit-details-title').waitFor();
    return page;
  }

  it('shows who could take the visit, ranked, and offers Claim only to whom it would pass', async () => {
    const team = await negotiatingTeam(web.api, 0, undefined, swapScenario());
    const period = await team.period();
    const id = (scenarioId: string) => period.caregiverFromScenario.get(scenarioId)!;
    const member = (scenarioId: string) => team.member(id(scenarioId));
    const { plan, visitId } = await planWithOpenVisit(team);
    const caregivers = await web.api.http.get(`/teams/${team.teamId}/caregivers`).expect(200);
    const names: Record<string, string> = Object.fromEntries(
      (caregivers.body.items as RosterBody[]).map((caregiver) => [
        caregiver.id,
        [caregiver.firstName, caregiver.lastName].filter(Boolean).join(' '),
      ]),
    );

    // Bram has no wound care: he sees the list, himself among those who cannot, and no Claim.
    const bramPage = await openUnassigned(team, member('bram'), plan.id, visitId);
    const details = bramPage.locator('.visit-details');
    const list = details.locator('section[aria-labelledby="who-could-take-title"]');
    await list.getByRole('heading', { name: 'Who could take this visit' }).waitFor();
    await list.getByText('2 of 4 could take it.').waitFor();
    const rows = list.locator('li.candidate');
    await expect(
      rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-caregiver-id'))),
    ).resolves.toEqual([id('carla'), id('anna'), id('bram'), id('dirk')]);
    await expect(rows.nth(0).textContent()).resolves.toMatch(/could take it at \d\d:\d\d · knows Mrs Jansen/);
    await expect(rows.nth(1).textContent()).resolves.toMatch(
      /could take it at \d\d:\d\d · new to Mrs Jansen/,
    );
    const bramRow = list.locator(`li[data-caregiver-id="${id('bram')}"]`);
    await expect(bramRow.textContent()).resolves.toContain(`${names[id('bram')]} (you)`);
    await bramRow.getByText('does not have the skill wound-care').waitFor();
    await list
      .locator(`li[data-caregiver-id="${id('dirk')}"]`)
      .getByText(/^has not said they can work \d\d:\d\d–\d\d:\d\d$/)
      .waitFor();
    await expect(list.textContent()).resolves.not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expect(details.getByRole('button', { name: /^Claim this visit/ }).count()).resolves.toBe(0);
    await screenshot(bramPage, 'board-who-could-take');
    await expectAccessible(bramPage);

    // Anna has wound care and time: Claim is offered, and passes.
    const annaPage = await openUnassigned(team, member('anna'), plan.id, visitId);
    const annaDetails = annaPage.locator('.visit-details');
    await annaDetails.getByText(`${names[id('anna')]} (you)`).waitFor();
    const claim = annaDetails.getByRole('button', { name: 'Claim this visit' });
    await claim.waitFor();
    await expectAccessible(annaPage);
    await claim.click();
    await annaDetails.getByText('The visit is yours now.').waitFor();
    await annaDetails.locator('.facts').getByText(names[id('anna')], { exact: true }).waitFor();
    // Now hers: no Claim, but Offer, to the colleagues who could take it (Carla), not to Bram or Dirk.
    await expect(annaDetails.getByRole('button', { name: /^Claim this visit/ }).count()).resolves.toBe(0);
    const offerTo = annaDetails.getByLabel('Offer to');
    await offerTo.waitFor();
    await expect(
      offerTo.locator('option').evaluateAll((options) => options.map((option) => option.textContent)),
    ).resolves.toEqual(['Anyone in the team', names[id('carla')]]);
    await expectAccessible(annaPage);
    await screenshot(annaPage, 'board-claimed-offer');

    const after = (await member('anna').http.get(`/roster-plans/${plan.id}`).expect(200)).body;
    expect(after.assignments.find((row: RosterBody) => row.visitId === visitId).caregiverIds).toEqual([
      id('anna'),
    ]);
    await bramPage.context().close();
    await annaPage.context().close();
  });
});
