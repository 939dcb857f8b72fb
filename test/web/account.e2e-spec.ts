// A person's own account in a real browser: forgot password (the emailed link chooses a new one and
// ends every other sign-in) and their messages (what changed for them, marked read when opened; a
// new one shows in the header while the page is open, from the API's stream).
import '../support/smtp-env';
import { DataSource } from 'typeorm';
import { linkToken } from '@homecare/core/auth';
import { NotificationsService } from '@homecare/core/notifications';
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { createTeam, signInAs, TEST_PASSWORD } from '../support/test-app';

jest.setTimeout(120_000);

describe('web: my account', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  }, 300_000);
  afterAll(async () => web?.close());

  it('lets a person who forgot their password choose a new one through the emailed link', async () => {
    const { teamId } = await createTeam(web.api.http);
    const person = await signInAs(web.api, { role: 'caregiver', teamIds: [teamId] });
    const page = await web.newPage({ mobile: true });
    await page.goto(`${web.origin}/app/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email address').fill(person.user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: 'an email with a link is on its way' }).waitFor();
    await expectAccessible(page);

    // The link of the email (its sending is covered in test/email.e2e-spec.ts).
    const [reset] = await web.api.app
      .get(DataSource)
      .query<{ id: string }[]>('SELECT id FROM password_reset WHERE user_id = $1', [person.user.id]);
    const token = linkToken(process.env.JWT_SECRET!, 'password-reset', reset.id);
    await page.goto(`${web.origin}/app/password-reset/${token}`);
    await page.getByLabel('New password').fill('a-brand-new-password-for-me');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your new password is saved' }).waitFor();
    await screenshot(page, 'password-reset-done');
    await expectAccessible(page);
    // The old sign-in has ended; the new password works.
    expect((await person.http.get('/users/me')).status).toBe(401);
    await signInThroughPage(page, web.origin, person.user.email, 'a-brand-new-password-for-me');

    // The link works once: a second use says so in plain words.
    await page.goto(`${web.origin}/app/password-reset/${token}`);
    await page.getByLabel('New password').fill('yet-another-password-for-me');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'This link has been used already' }).waitFor();
    await page.context().close();
  });

  it('shows a person what changed for them, with the count of new messages, and marks them read', async () => {
    const { teamId } = await createTeam(web.api.http);
    const person = await signInAs(web.api, { role: 'caregiver', teamIds: [teamId] });
    const dataSource = web.api.app.get(DataSource);
    await dataSource.transaction((manager) =>
      web.api.app.get(NotificationsService).notify(manager, [
        {
          userId: person.user.id,
          kind: 'visit.cancelled',
          params: { at: '2031-05-06T08:00:00.000Z', zone: 'Europe/Amsterdam', visitId: 'visit' },
          link: `/teams/${teamId}`,
        },
      ]),
    );
    const page = await web.newPage({ mobile: true });
    await signInThroughPage(page, web.origin, person.user.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Messages (1 new)' }).click();
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    const message = page.getByRole('link', { name: /will not take place|is cancelled|not go ahead/i });
    await message.waitFor();
    await screenshot(page, 'messages');
    // Opened from the keyboard (as a screen-reader user would).
    await message.press('Enter');
    await page.waitForURL(new RegExp(`/app/teams/${teamId}`));
    const unread = await person.http.get('/users/me/notifications/unread-count').expect(200);
    expect(unread.body.unreadCount).toBe(0);
    // Back on the list, the message is read and nothing is new.
    await page.goto(`${web.origin}/app/notifications`);
    await page.getByText('You have read everything.').waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it('shows a message that arrives while the page is open, without reloading, and on an open list', async () => {
    const { teamId } = await createTeam(web.api.http);
    const person = await signInAs(web.api, { role: 'caregiver', teamIds: [teamId] });
    const notify = (visitId: string) =>
      web.api.app.get(DataSource).transaction((manager) =>
        web.api.app.get(NotificationsService).notify(manager, [
          {
            userId: person.user.id,
            kind: 'visit.cancelled',
            params: { at: '2031-05-06T08:00:00.000Z', zone: 'Europe/Amsterdam', visitId },
            link: `/teams/${teamId}`,
          },
        ]),
      );
    const page = await web.newPage({ mobile: false });
    await signInThroughPage(page, web.origin, person.user.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Messages', exact: true }).waitFor();
    // A mark in the page that a reload would wipe out.
    await page.evaluate('globalThis.openedOnce = true');
    // The header's count polls only once a minute: within 15 s it can only be the stream.
    await notify('first');
    await page.getByRole('link', { name: 'Messages (1 new)' }).waitFor({ timeout: 15_000 });
    // With the list open, a second message appears in it as it arrives.
    await page.getByRole('link', { name: 'Messages (1 new)' }).press('Enter');
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    await page.getByText('1 new', { exact: true }).waitFor();
    await notify('second');
    await page.getByRole('link', { name: 'Messages (2 new)' }).waitFor({ timeout: 15_000 });
    await page.getByText('2 new', { exact: true }).waitFor({ timeout: 15_000 });
    await expect(page.evaluate('globalThis.openedOnce')).resolves.toBe(true);
    await expectAccessible(page);
    await page.context().close();
  });
});
