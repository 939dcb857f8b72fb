// My availability in a real browser against the real API: a caregiver sets a weekly time and a
// day off through the page, the API holds them, and a refusal shows the API's own reason; their
// wishes (rather not / rather work) are edited beside them.
import { today as todayIn } from '../support/clock';
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { createTeam, signInAs, TEST_PASSWORD } from '../support/test-app';

jest.setTimeout(120_000);

/** Today in Amsterdam (the team's zone), and the first Tuesday after it. */
function nextTuesday(): string {
  const today = todayIn('Europe/Amsterdam');
  const date = new Date(`${today}T00:00:00Z`);
  do date.setUTCDate(date.getUTCDate() + 1);
  while (date.getUTCDay() !== 2);
  return date.toISOString().slice(0, 10);
}

describe('web: my availability', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  }, 300_000);
  afterAll(async () => web?.close());

  async function caregiverPage(options: { mobile?: boolean } = {}) {
    const { teamId } = await createTeam(web.api.http);
    const caregiver = await signInAs(web.api, { role: 'caregiver', teamIds: [teamId] });
    const [caregiverId] = caregiver.caregiverIds;
    const page = await web.newPage(options);
    await signInThroughPage(page, web.origin, caregiver.user.email, TEST_PASSWORD);
    // Let the start page finish leading a one-team caregiver to their board first: a click while
    // its redirect is still pending can be overtaken by it (seen once under CI load).
    await page.waitForURL(new RegExp(`/app/teams/${teamId}$`));
    // The header's link: with one team, straight to that team's availability.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My availability' })
      .click();
    await page.waitForURL(new RegExp(`/app/availability/${caregiverId}$`));
    await page.getByRole('heading', { name: 'Every week' }).waitFor();
    return { page, caregiver, caregiverId };
  }

  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

  it('adds a Tuesday time and a day off that the API then returns, and shows why an end before the start is refused', async () => {
    const { page, caregiver, caregiverId } = await caregiverPage();

    // A weekly time on Tuesday, saved with the whole pattern.
    await page.getByRole('button', { name: 'Add a time on Tuesday' }).click();
    await page.getByLabel('Tuesday, from').fill('08:00');
    await page.getByLabel('Tuesday, until').fill('12:00');
    await status(page, 'You have changes that are not saved yet.');
    await page.getByRole('button', { name: 'Save weekly pattern' }).click();
    await status(page, 'Your weekly pattern is saved.');
    const pattern = await caregiver.http.get(`/caregivers/${caregiverId}/availability/pattern`).expect(200);
    expect(
      pattern.body.windows.map((window: { weekday: number; start: string; end: string }) => [
        window.weekday,
        window.start,
        window.end,
      ]),
    ).toEqual([[2, '08:00', '12:00']]);

    // An appointment on the next Tuesday whose end is before its start: the API says why not.
    const tuesday = nextTuesday();
    await page.getByLabel('All day').uncheck();
    await page.getByLabel('Date', { exact: true }).fill(tuesday);
    await page.getByLabel('From', { exact: true }).fill('10:00');
    await page.getByLabel('Until', { exact: true }).fill('09:00');
    await page.getByLabel('Reason').selectOption('appointment');
    await page.getByLabel('Note (optional)').fill('Dentist');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Some of what you entered is not valid.' }).waitFor();
    await page.getByText('end must be after start').waitFor();
    await expect(page.getByLabel('Until', { exact: true }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await screenshot(page, 'availability-refused');
    await expectAccessible(page);

    await page.getByLabel('Until', { exact: true }).fill('11:00');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, 'Added:');
    await page.getByRole('list', { name: 'Planned changes' }).getByText('Dentist').waitFor();
    const exceptions = await caregiver.http
      .get(`/caregivers/${caregiverId}/availability/exceptions`)
      .query({ from: tuesday, to: tuesday })
      .expect(200);
    expect(exceptions.body.items).toEqual([
      expect.objectContaining({
        start: `${tuesday}T10:00`,
        end: `${tuesday}T11:00`,
        kind: 'appointment',
        note: 'Dentist',
      }),
    ]);

    // The preview is the API's expansion: the appointment cuts the Tuesday time in two.
    const preview = page.getByRole('region', { name: 'The next two weeks' });
    await preview.getByText('08:00–10:00').waitFor();
    await preview.getByText('11:00–12:00').waitFor();
    await screenshot(page, 'availability-desktop');
    await expectAccessible(page);
    await page.context().close();
  });

  it('keeps the caregiver’s own wishes beside their availability: saved through the page, returned by the API, a refused one marked', async () => {
    const { page, caregiver, caregiverId } = await caregiverPage();
    const tuesday = nextTuesday();
    const wishes = page.getByRole('region', { name: 'My wishes' });
    await wishes.getByText('No wishes yet.').waitFor();

    // Rather not work on Tuesday evening, rather work on Tuesday morning.
    await wishes.getByRole('button', { name: 'Add a wish' }).click();
    await wishes.getByLabel('Wish 1, from').fill(`${tuesday}T18:00`);
    await wishes.getByLabel('Wish 1, until').fill(`${tuesday}T23:00`);
    await wishes.getByRole('button', { name: 'Add a wish' }).click();
    await wishes.getByLabel('Wish 2', { exact: true }).selectOption('prefer');
    await wishes.getByLabel('Wish 2, from').fill(`${tuesday}T07:00`);
    await wishes.getByLabel('Wish 2, until').fill(`${tuesday}T12:00`);
    await status(page, 'You have changes to your wishes that are not saved yet.');
    await wishes.getByRole('button', { name: 'Save wishes' }).click();
    await status(page, 'Your wishes are saved.');
    const saved = await caregiver.http.get(`/caregivers/${caregiverId}/availability/wishes`).expect(200);
    // The API keeps them in start order: the morning first.
    expect(
      saved.body.wishes.map((wish: { kind: string; start: string; end: string }) => [
        wish.kind,
        wish.start,
        wish.end,
      ]),
    ).toEqual([
      ['prefer', `${tuesday}T07:00`, `${tuesday}T12:00`],
      ['avoid', `${tuesday}T18:00`, `${tuesday}T23:00`],
    ]);
    await expect(wishes.getByLabel('Wish 1', { exact: true }).inputValue()).resolves.toBe('prefer');
    await screenshot(page, 'availability-wishes');
    await expectAccessible(page);

    // A wish that ends before it starts: the API refuses the whole list and the page marks that row.
    await wishes.getByLabel('Wish 2, until').fill(`${tuesday}T17:00`);
    await wishes.getByRole('button', { name: 'Save wishes' }).click();
    await wishes.getByText('end must be after start').waitFor();
    await expect(wishes.getByLabel('Wish 2, until').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(wishes.getByLabel('Wish 1, until').getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAccessible(page);
    const unchanged = await caregiver.http.get(`/caregivers/${caregiverId}/availability/wishes`).expect(200);
    expect(unchanged.body.wishes).toHaveLength(2);

    // Removed and saved: the API holds only the morning.
    await wishes.getByRole('button', { name: 'Remove wish 2' }).click();
    await wishes.getByRole('button', { name: 'Save wishes' }).click();
    await status(page, 'Your wishes are saved.');
    const after = await caregiver.http.get(`/caregivers/${caregiverId}/availability/wishes`).expect(200);
    expect(after.body.wishes).toEqual([
      expect.objectContaining({ kind: 'prefer', start: `${tuesday}T07:00`, end: `${tuesday}T12:00` }),
    ]);
    await page.context().close();
  });

  it('works on a phone', async () => {
    const { page, caregiver, caregiverId } = await caregiverPage({ mobile: true });
    await caregiver.http
      .put(`/caregivers/${caregiverId}/availability/pattern`)
      .send({
        validFrom: '2026-01-01',
        windows: [
          { weekday: 1, start: '07:00', end: '13:00' },
          { weekday: 3, start: '08:00', end: '12:00' },
          { weekday: 3, start: '17:00', end: '21:00' },
          { weekday: 5, start: '22:00', end: '07:00' },
        ],
      })
      .expect(200);
    await page.reload();
    await page.getByLabel('Wednesday, time 2, from').waitFor();
    // Every control fits the phone's width: nothing to scroll sideways.
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);
    await screenshot(page, 'availability-phone');
    await expectAccessible(page);
    await page.context().close();
  });
});
