// A team's clients in a real browser against the real API: a coordinator finds the clients from
// the team week, adds a care need the API then holds, sees a refusal in plain words, sets a
// preferred and an excluded caregiver, sees who knows the client and archives them; a caregiver
// of the team reads the same page without any control to change it.
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { createTeam, signInAs, TEST_PASSWORD, unique } from '../support/test-app';

jest.setTimeout(120_000);

interface ClientTeam {
  organisationId: string;
  teamId: string;
  clientId: string;
  clientName: string;
  fatimaId: string;
  joostId: string;
}

describe('web: a team’s clients', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  }, 300_000);
  afterAll(async () => web?.close());

  /** A team with two caregivers and one client whom Fatima visited 12 times before this system. */
  async function clientTeam(): Promise<ClientTeam> {
    const admin = web.api.http;
    const { organisationId, teamId } = await createTeam(admin);
    const caregiver = async (firstName: string, lastName: string) =>
      (
        await admin
          .post(`/teams/${teamId}/caregivers`)
          .send({ firstName, lastName, maxMinutesPerWeek: 1920 })
          .expect(201)
      ).body.id as string;
    const fatimaId = await caregiver('Fatima', 'El Amrani');
    const joostId = await caregiver('Joost', 'Visser');
    const clientName = unique('Mevrouw Jansen');
    const client = await admin
      .post(`/teams/${teamId}/clients`)
      .send({ name: clientName, address: 'Linnaeusstraat 12, Amsterdam', latitude: 52.36, longitude: 4.93 })
      .expect(201);
    await admin
      .put(`/clients/${client.body.id}/history`)
      .send({ entries: [{ caregiverId: fatimaId, visits: 12 }] })
      .expect(200);
    return { organisationId, teamId, clientId: client.body.id, clientName, fatimaId, joostId };
  }

  async function coordinatorOn(team: ClientTeam, options: { mobile?: boolean } = {}) {
    const coordinator = await signInAs(web.api, { role: 'coordinator', organisationId: team.organisationId });
    const page = await web.newPage(options);
    await signInThroughPage(page, web.origin, coordinator.user.email, TEST_PASSWORD);
    return { page, coordinator };
  }

  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

  it('lets a coordinator add a care need, set wishes about caregivers, see who knows the client and archive them', async () => {
    const team = await clientTeam();
    const { page, coordinator } = await coordinatorOn(team);

    // From the team week to the team's clients, and on to the client.
    await page.goto(`${web.origin}/app/teams/${team.teamId}`);
    await page.getByRole('navigation', { name: 'Team pages' }).getByRole('link', { name: 'Clients' }).click();
    await page.waitForURL(new RegExp(`/app/teams/${team.teamId}/clients$`));
    const row = page.getByRole('listitem').filter({ hasText: team.clientName });
    await row.getByText('Linnaeusstraat 12, Amsterdam').waitFor();
    await row.getByText('Care needs: 0').waitFor();
    await expectAccessible(page);
    await row.getByRole('link', { name: team.clientName }).click();
    await page.waitForURL(new RegExp(`/app/teams/${team.teamId}/clients/${team.clientId}$`));
    await page.getByRole('heading', { name: team.clientName, level: 1 }).waitFor();

    // A care need on Monday, Wednesday and Friday mornings, kept by the API.
    const careNeeds = page.getByRole('region', { name: 'Care needs' });
    await careNeeds.getByText('No care needs yet.').waitFor();
    await careNeeds.getByRole('button', { name: 'Add a care need' }).click();
    const form = careNeeds.getByRole('form', { name: 'New care need' });
    await form.getByLabel('What the visit is for').fill('Morning care');
    await form.getByLabel('Tuesday').uncheck();
    await form.getByLabel('Thursday').uncheck();
    await form.getByLabel('Window from').fill('07:30');
    await form.getByLabel('Window until').fill('09:30');
    await form.getByLabel('Duration (minutes)').fill('45');
    await form.getByLabel('Priority').selectOption('critical');
    await form.getByLabel('Skills needed (comma between them)').fill('personal-care, medication');
    await form.getByRole('button', { name: 'Add a care need' }).click();
    await status(page, 'The care need is added.');
    await careNeeds.getByRole('heading', { name: 'Morning care' }).waitFor();
    await careNeeds.getByText('Monday, Wednesday, Friday, 07:30–09:30, 45 min').waitFor();
    const stored = await coordinator.http.get(`/clients/${team.clientId}/care-needs`).expect(200);
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        description: 'Morning care',
        weekdays: [1, 3, 5],
        windowStart: '07:30',
        windowEnd: '09:30',
        durationMinutes: 45,
        priority: 'critical',
        requiredSkills: ['personal-care', 'medication'],
      }),
    ]);

    // A window that ends before it starts: refused in plain words, nothing changed.
    await careNeeds.getByRole('button', { name: 'Change Morning care' }).click();
    const change = careNeeds.getByRole('form', { name: 'Change care need' });
    await change.getByLabel('Window until').fill('07:00');
    await change.getByRole('button', { name: 'Save care need' }).click();
    await change.getByRole('alert').filter({ hasText: 'Some of what you entered is not valid.' }).waitFor();
    await screenshot(page, 'clients-refused');
    await expectAccessible(page);
    const unchanged = await coordinator.http.get(`/clients/${team.clientId}/care-needs`).expect(200);
    expect(unchanged.body.items[0].windowEnd).toBe('09:30');
    await change.getByLabel('Window until').fill('10:00');
    await change.getByRole('button', { name: 'Save care need' }).click();
    await status(page, 'The care need is saved.');
    const changed = await coordinator.http.get(`/clients/${team.clientId}/care-needs`).expect(200);
    expect(changed.body.items[0].windowEnd).toBe('10:00');

    // Fatima preferred, Joost not wanted.
    const wishes = page.getByRole('region', { name: 'Wishes about caregivers' });
    await wishes.getByLabel('Fatima El Amrani').selectOption('preferred');
    await wishes.getByLabel('Joost Visser').selectOption('excluded');
    await wishes.getByRole('button', { name: 'Save wishes about caregivers' }).click();
    await status(page, 'The wishes about caregivers are saved.');
    const client = await coordinator.http.get(`/clients/${team.clientId}`).expect(200);
    expect(client.body.preferredCaregiverIds).toEqual([team.fatimaId]);
    expect(client.body.excludedCaregiverIds).toEqual([team.joostId]);

    // Who knows the client: Fatima, with her 12 visits from before.
    const whoKnows = page.getByRole('region', { name: `Who knows ${team.clientName}` });
    const fatima = whoKnows.getByRole('row').filter({ hasText: 'Fatima El Amrani' });
    await expect(fatima.getByRole('cell').nth(2).textContent()).resolves.toBe('12');
    await expect(whoKnows.getByRole('row').filter({ hasText: 'Joost Visser' }).count()).resolves.toBe(0);
    await screenshot(page, 'clients-desktop');
    await expectAccessible(page);

    // The list counts the care need now.
    await page.getByRole('link', { name: 'All clients' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: team.clientName })
      .getByText('Care needs: 1')
      .waitFor();
    await page.goBack();

    // Archived after the question: no more controls to change the client.
    await page.getByRole('button', { name: 'Archive client' }).click();
    const dialog = page.getByRole('dialog', { name: `Archive ${team.clientName}?` });
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByText('No new visits are planned for this client.').waitFor();
    await expect(page.getByRole('button', { name: 'Save details' }).count()).resolves.toBe(0);
    const archived = await coordinator.http.get(`/clients/${team.clientId}`).expect(200);
    expect(archived.body.archivedAt).not.toBeNull();
    await page.context().close();
  });

  it('shows a caregiver of the team the client without any control to change them', async () => {
    const team = await clientTeam();
    await web.api.http
      .patch(`/clients/${team.clientId}`)
      .send({ preferredCaregiverIds: [team.fatimaId], notes: 'Key under the mat' })
      .expect(200);
    await web.api.http
      .post(`/clients/${team.clientId}/care-needs`)
      .send({
        description: 'Evening care',
        weekdays: [2],
        windowStart: '18:00',
        windowEnd: '20:00',
        durationMinutes: 30,
        startsOn: '2026-01-05',
      })
      .expect(201);
    const caregiver = await signInAs(web.api, { role: 'caregiver', caregiverIds: [team.joostId] });
    const page = await web.newPage();
    await signInThroughPage(page, web.origin, caregiver.user.email, TEST_PASSWORD);
    await page.goto(`${web.origin}/app/teams/${team.teamId}/clients/${team.clientId}`);
    await page.getByRole('heading', { name: team.clientName, level: 1 }).waitFor();
    await page.getByText('You can read these details; a coordinator changes them.').waitFor();
    await page.getByText('Key under the mat').waitFor();
    await page.getByRole('heading', { name: 'Evening care' }).waitFor();
    await page.getByText('Preferred: Fatima El Amrani').waitFor();
    await page
      .getByRole('region', { name: `Who knows ${team.clientName}` })
      .getByRole('row')
      .filter({ hasText: 'Fatima El Amrani' })
      .waitFor();
    // Nothing to change: no form control and no button but the header's.
    await expect(page.locator('main').getByRole('button').count()).resolves.toBe(0);
    await expect(page.locator('main input, main select, main textarea').count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it('works on a phone', async () => {
    const team = await clientTeam();
    const { page } = await coordinatorOn(team, { mobile: true });
    await page.goto(`${web.origin}/app/teams/${team.teamId}/clients/${team.clientId}`);
    await page.getByRole('heading', { name: team.clientName, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add a care need' }).click();
    await page.getByRole('form', { name: 'New care need' }).waitFor();
    await page
      .getByRole('region', { name: `Who knows ${team.clientName}` })
      .getByText('Fatima El Amrani')
      .waitFor();
    // Every control fits the phone's width: nothing to scroll sideways.
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);
    await screenshot(page, 'clients-phone');
    await expectAccessible(page);
    await page.context().close();
  });
});
