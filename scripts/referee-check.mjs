#!/usr/bin/env node
// Solves each scenario with the project's engine (through its CLI) and has the independent
// referee judge the roster. Exit 1 when any roster is INVALID.
//   node scripts/referee-check.mjs [--time-limit-ms 3000] SCENARIO.json...
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const referee = resolve(repoRoot, '..', 'shared', 'tools', 'roster-check.mjs');
const args = process.argv.slice(2);
const limitIndex = args.indexOf('--time-limit-ms');
const timeLimit = limitIndex >= 0 ? args.splice(limitIndex, 2)[1] : '3000';
const work = mkdtempSync(join(tmpdir(), 'referee-'));
let invalid = 0;
for (const scenario of args) {
  const out = join(work, `${basename(scenario, '.json')}.roster.json`);
  const solve = spawnSync(
    'npx',
    ['tsx', 'apps/cli/src/roster.ts', 'solve', '--in', scenario, '--out', out, '--time-limit-ms', timeLimit],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (solve.status !== 0) {
    console.log(
      `${basename(scenario)}: engine failed: ${(solve.stderr || solve.stdout).trim().split('\n').slice(-3).join(' ')}`,
    );
    invalid += 1;
    continue;
  }
  const check = spawnSync(process.execPath, [referee, scenario, out, '--json'], { encoding: 'utf8' });
  const verdict = JSON.parse(check.stdout);
  const k = verdict.kpis;
  console.log(
    `${basename(scenario)}: ${
      verdict.ok
        ? 'VALID'
        : `INVALID (${verdict.violations.length} violations: ${verdict.violations
            .slice(0, 3)
            .map((v) => v.msg)
            .join('; ')})`
    }` +
      ` coverage ${k.coverage} distinct/client ${k.meanDistinctCaregiversPerClient} travel ${k.travelMinutes} min` +
      (k.criticalCoverage !== undefined
        ? ` critical ${k.criticalCoverage} avoid-wish ${k.avoidWishMinutes} min unsocial sd ${k.unsocialStdDev}`
        : ''),
  );
  if (!verdict.ok) invalid += 1;
}
rmSync(work, { recursive: true, force: true });
process.exit(invalid ? 1 : 0);
