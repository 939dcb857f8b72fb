// Sign-in and invitations in a real browser against the real API.
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../support/test-env';
import {
  expectAccessible,
  screenshot,
  signInThroughPage,
  startWebApp,
  type WebApp,
} from '../support/browser';
import { createTeam, unique } from '../support/test-app';

jest.setTimeout(120_000);

describe('web: sign-in and invitations', () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  }, 300_000);
  afterAll(async () => web?.close());

  it("shows the API's reason when the password is wrong, and signs in with the right one", async () => {
    const page = await web.newPage();
    await page.goto(`${web.origin}/app/`);
    // Signed out: the start page sends the visitor to sign in.
    await page.waitForURL(/\/app\/sign-in$/);
    await page.getByLabel('Email address').fill(TEST_ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'The email address or the password is wrong.',
    );
    await screenshot(page, 'sign-in-refused');
    await expectAccessible(page);

    await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/app\/sign-in$/);
    await page.context().close();
  });

  it('lets an invited caregiver choose a password and signs them in to their team', async () => {
    const { teamId } = await createTeam(web.api.http);
    const email = `${unique('invited')}@homecare.test`;
    const invitation = await web.api.http
      .post('/invitations')
      .send({ kind: 'caregiver', email, teamId, firstName: 'Noor' })
      .expect(201);
    const page = await web.newPage({ mobile: true });
    await page.goto(`${web.origin}/app/invitations/${invitation.body.token}`);
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await page.getByLabel('Choose a password').fill('short');
    await page.getByLabel('Your name').fill('Noor Bakker');
    // The browser's own check stops a too-short password before the API is asked.
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await expect(
      page.getByLabel('Choose a password').evaluate((input) => input.matches(':valid')),
    ).resolves.toBe(false);
    await page.getByLabel('Choose a password').fill('a-long-enough-password-for-noor');
    await screenshot(page, 'invitation');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.waitForURL(new RegExp(`/app/teams/${teamId}`));
    await expect(page.getByText('Signed in as Noor Bakker').isVisible()).resolves.toBe(true);
    // The new password works on the sign-in page too.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughPage(page, web.origin, email, 'a-long-enough-password-for-noor');
    await page.context().close();
  });

  it('says so when an invitation link is not valid', async () => {
    const page = await web.newPage();
    await page.goto(`${web.origin}/app/invitations/not-a-real-token`);
    await page.getByText('This invitation link is not valid any more.').waitFor();
    await page.context().close();
  });

  it('serves the app for its own routes and a problem for a missing asset', async () => {
    const page = await web.newPage();
    const response = await page.goto(`${web.origin}/app/no/such/page`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.goto(`${web.origin}/app/sign-in`);
    const asset = await web.api.anonymous.get('/app/assets/missing.js').expect(404);
    expect(asset.headers['content-type']).toContain('application/problem+json');
    await page.context().close();
  });
});
