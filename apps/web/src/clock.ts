// The web app's one "now": the browser's clock, read here only (an ESLint rule keeps it so), so
// that a browser test can run the app as of another instant (Playwright's page.clock).

export function now(): Date {
  return new Date();
}

export function nowMs(): number {
  return Date.now();
}
