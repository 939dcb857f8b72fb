// Whether dist/ must be rebuilt before the end-to-end tests (scripts/test.mjs and test/support use it).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const builtEntries = (repoRoot) => [
  join(repoRoot, 'dist/apps/worker/apps/worker/src/main.js'),
  join(repoRoot, 'dist/apps/api/apps/api/src/main.js'),
  join(repoRoot, 'dist/web/index.html'),
];

/** What a build is made from: TypeScript, and the web app's pages and styles. */
const SOURCE = /(?<!\.spec)\.(ts|tsx|css|html)$/;

function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (SOURCE.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/ is missing or older than a source file of apps/ or libs/. */
export function buildIsStale(repoRoot) {
  const entries = builtEntries(repoRoot);
  if (!entries.every((file) => existsSync(file))) return true;
  const built = Math.min(...entries.map((file) => statSync(file).mtimeMs));
  return Math.max(newestSource(join(repoRoot, 'apps')), newestSource(join(repoRoot, 'libs'))) > built;
}
