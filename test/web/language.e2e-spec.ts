// The web app in Dutch and English in a real browser: a browser set to Dutch gets the Dutch pages
// (sign-in, the team's week, availability), with <html lang> and dates in Dutch; the header's
// switch turns the app to English, and the choice is remembered after a reload.
import { testClock } from '../support/clock';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, startWebApp, type WebApp } from '../support/browser';
import { createTeam, signInAs, TEST_PASSWORD } from '../support/test-app';

jest.setTimeout(120_000);

describe('web: Dutch and English', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  }, 300_000);
  afterAll(async () => web?.close());

  /** A page of a browser set up in Dutch (as most of the teams' are), on the tests' clock. */
  async function dutchPage(): Promise<Page> {
    const context = await web.browser.newContext({
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 1440, height: 900 },
    });
    if (process.env.CLOCK_NOW) await context.clock.install({ time: testClock.now() });
    return context.newPage();
  }

  const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

  it('speaks Dutch to a Dutch browser on sign-in, the board and availability, and English once chosen, also after a reload', async () => {
    const { teamId } = await createTeam(web.api.http);
    const caregiver = await signInAs(web.api, { role: 'caregiver', teamIds: [teamId] });
    const [caregiverId] = caregiver.caregiverIds;
    const page = await dutchPage();

    // Sign-in, in Dutch.
    await page.goto(`${web.origin}/app/sign-in`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await expect(htmlLang(page)).resolves.toBe('nl');
    await expect(
      page
        .getByRole('group', { name: 'Taal' })
        .getByRole('button', { name: 'Nederlands' })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await screenshot(page, 'language-nl-sign-in');
    await expectAccessible(page);
    await page.getByLabel('E-mailadres').fill(caregiver.user.email);
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    // The team's week, in Dutch.
    await page.waitForURL(new RegExp(`/app/teams/${teamId}$`));
    await page.getByRole('heading', { name: /^Teamweek/ }).waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await expect(page.getByRole('main').textContent()).resolves.not.toMatch(/Team week|Sign out/);
    await screenshot(page, 'language-nl-board');
    await expectAccessible(page);

    // My availability, in Dutch, with Dutch weekdays and dates.
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Mijn beschikbaarheid' })
      .click();
    await page.waitForURL(new RegExp(`/app/availability/${caregiverId}$`));
    await page.getByRole('heading', { name: 'Elke week' }).waitFor();
    await page.getByRole('heading', { name: 'De komende twee weken' }).waitFor();
    await page.getByRole('group', { name: 'Dinsdag' }).waitFor();
    await page.getByRole('button', { name: 'Tijd toevoegen op dinsdag' }).waitFor();
    await expect(page.locator('.day-name').first().textContent()).resolves.toMatch(
      /^(ma|di|wo|do|vr|za|zo) \d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)/,
    );
    await screenshot(page, 'language-nl-availability');
    await expectAccessible(page);

    // The switch: English, at once and after a reload.
    await page.getByRole('group', { name: 'Taal' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Every week' }).waitFor();
    await expect(htmlLang(page)).resolves.toBe('en');
    await page.getByRole('group', { name: 'Tuesday' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My availability' })
      .waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'The next two weeks' }).waitFor();
    await expect(htmlLang(page)).resolves.toBe('en');
    await expect(
      page
        .getByRole('group', { name: 'Language' })
        .getByRole('button', { name: 'English' })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(page.locator('.day-name').first().textContent()).resolves.toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}/,
    );
    await screenshot(page, 'language-en-availability');
    await expectAccessible(page);

    // The board too, in English; and back to Dutch with the same switch.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team week' }).click();
    await page.getByRole('heading', { name: /^Team week/ }).waitFor();
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: /^Teamweek/ }).waitFor();
    await expect(htmlLang(page)).resolves.toBe('nl');
    await page.context().close();
  });
});
