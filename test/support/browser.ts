// Browser tests: Debian's Chromium driven by playwright-core against the real API, which serves
// the built web app under /app (as in production). Screenshots of each view are kept in
// .artifacts/screenshots/ for people to look at.
import { testClock } from './clock';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, ensureBuilt } from './processes';
import { createTestApp, type TestApp } from './test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, '.artifacts', 'screenshots');

/** Debian's Chromium, installed when missing and we may (root); playwright's own download cannot work here. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export interface WebApp {
  api: TestApp;
  /** http://127.0.0.1:<port> — the API, with the web app under /app */
  origin: string;
  browser: Browser;
  /** A fresh browser context (no shared session storage) with one page. */
  newPage: (options?: { mobile?: boolean }) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * The real API listening on a free port, serving the built web app, and a headless Chromium.
 * `given`: an API the test has made already (e.g. with its clock fixed on a published week).
 */
export async function startWebApp(given?: TestApp): Promise<WebApp> {
  ensureBuilt();
  ensureChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const api = given ?? (await createTestApp());
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // No sandbox as root; no background traffic, which this machine's closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    api,
    origin: `http://127.0.0.1:${port}`,
    browser,
    newPage: async ({ mobile = false } = {}) => {
      // A browser set up as the team's would be: British English, Dutch time (date and time fields
      // follow the browser's locale, not the page's).
      const context = await browser.newContext({
        locale: 'en-GB',
        timezoneId: 'Europe/Amsterdam',
        ...(mobile
          ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport: { width: 1440, height: 900 } }),
      });
      // The browser runs on the tests' clock too (the same instant as the API when CLOCK_NOW is set;
      // time then runs on from it).
      if (process.env.CLOCK_NOW) await context.clock.install({ time: testClock.now() });
      return context.newPage();
    },
    close: async () => {
      await browser.close();
      await api.close();
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now: no serious or critical violation
 * (contrast, names of controls, labels, landmarks, ARIA misuse). Minor and moderate findings are
 * left to review, as axe itself suggests.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    // Evaluated rather than added as a <script>: the app's Content-Security-Policy rightly refuses those.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  }
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (options: object) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  const serious = (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

/** A full-page screenshot kept as an artefact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page, as a person would. */
export async function signInThroughPage(
  page: Page,
  origin: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${origin}/app/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}
