// Engine benchmark: how good and how fast are the engine's rosters, next to the simple greedy that
// basic auto-schedulers use, on realistic team weeks from the project's own generator?
//
//   npm run bench:engine                          budgets 1 s, 5 s and 30 s
//   npm run bench:engine -- --quick               1 s only, for a quick look
//   npm run bench:engine -- --budgets 1000,5000 --in team.json --in other.json
//   npm run bench:engine -- --repeat 100          memory stability: one 12/50 week solved 100 times
//
// Besides plain team weeks it solves the same 12/50 team with the EU's working-time rules (11 h rest,
// at most 6 days in a row), visit priorities and caregivers' wishes, for one week and for four, each
// also with a wish-blind engine (weights of wishes and of fair weekends/evenings at 0) as baseline.
//
// Each engine solve runs in a child process, so its peak memory is its own (maxRSS of that process,
// heap sampled while it works). KPIs come from the engine's checkRoster and, when
// ../shared/tools/roster-check.mjs exists, the independent referee confirms every roster.
// The table goes to stdout and to bench-results/engine-<timestamp>.md (git-ignored).

import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  EU_WORKING_TIME_RULES,
  generateOrganisation,
  generateScenario,
  validateScenario,
  type RosterDocument,
  type RosterKpis,
  type ScenarioDocument,
} from '@homecare/scenario';
import { checkRoster, solveRoster, type ObjectiveWeights, type SolveStats } from '@homecare/roster-engine';
import { coverageUpperBound } from '../libs/roster-engine/src/baselines/coverage-bound';
import { greedyChronological } from '../libs/roster-engine/src/baselines/greedy-chronological';
import { machineTime } from '@homecare/common';

const ROOT = resolve(__dirname, '..');
const REFEREE = resolve(ROOT, '..', 'shared', 'tools', 'roster-check.mjs');
const RESULTS = join(ROOT, 'bench-results');
const MEGABYTE = 1024 * 1024;

/** A benchmark case: one team, or several teams of one organisation solved team by team. */
interface BenchCase {
  label: string;
  teams: ScenarioDocument[];
  /** also run the engine blind to wishes and to the fair share of weekends and evenings */
  wishBlind?: boolean;
}

const WISH_BLIND: Partial<ObjectiveWeights> = {
  avoidWishMinute: 0,
  preferWishMinute: 0,
  unsocialFairness: 0,
};

interface ChildJob {
  scenarioFiles: string[];
  timeLimitMs: number;
  seed: number;
  weights?: Partial<ObjectiveWeights>;
}

interface ChildResult {
  solves: Array<{ roster: RosterDocument; stats: SolveStats }>;
  peakRssMb: number;
  peakHeapMb: number;
}

interface Measured {
  solver: string;
  budget: string;
  firstValidMs: number | null;
  kpis: RosterKpis;
  valid: boolean;
  referee: string;
  peakRssMb: number | null;
  peakHeapMb: number | null;
}

// ---------- child: one engine run, measured on its own ----------

async function runChild(jobFile: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as ChildJob;
  let peakHeap = process.memoryUsage().heapUsed;
  // The engine yields to the event loop every few milliseconds, so a timer can sample its heap.
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  const solves: ChildResult['solves'] = [];
  for (const file of job.scenarioFiles) {
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as ScenarioDocument;
    const result = await solveRoster(scenario, {
      timeLimitMs: job.timeLimitMs,
      seed: job.seed,
      weights: job.weights,
    });
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    solves.push({ roster: result.roster, stats: result.stats });
  }
  clearInterval(sampler);
  const message: ChildResult = {
    solves,
    // maxRSS is in kilobytes: the true peak of this process, not a sample.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / MEGABYTE,
  };
  await new Promise<void>((done) => process.send!(message, () => done()));
  // An open IPC channel would keep this process alive.
  process.disconnect();
}

function solveInChild(
  files: string[],
  timeLimitMs: number,
  seed: number,
  folder: string,
  weights?: Partial<ObjectiveWeights>,
): Promise<ChildResult> {
  const jobFile = join(folder, `job-${timeLimitMs}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    jobFile,
    JSON.stringify({ scenarioFiles: files, timeLimitMs, seed, weights } satisfies ChildJob),
  );
  return new Promise((resolveResult, reject) => {
    const child = fork(__filename, ['--child', jobFile], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: ChildResult | undefined;
    child.on('message', (message) => {
      result = message as ChildResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolveResult(result);
      else reject(new Error(`engine child exited with code ${code} before reporting`));
    });
  });
}

// ---------- scoring ----------

/** Teams solved one by one are scored as one organisation: ids are distinct by prefix. */
function mergeScenarios(label: string, teams: ScenarioDocument[]): ScenarioDocument {
  if (teams.length === 1) return teams[0];
  return {
    ...teams[0],
    name: label,
    caregivers: teams.flatMap((team) => team.caregivers),
    clients: teams.flatMap((team) => team.clients),
    visits: teams.flatMap((team) => team.visits),
    pinned: teams.flatMap((team) => team.pinned ?? []),
  };
}

function mergeRosters(rosters: RosterDocument[]): RosterDocument {
  return {
    format: 'homecare-roster/v1',
    assignments: rosters.flatMap((roster) => roster.assignments),
    unassigned: rosters.flatMap((roster) => roster.unassigned),
  };
}

function refereeVerdict(scenario: ScenarioDocument, roster: RosterDocument, folder: string): string {
  if (!existsSync(REFEREE)) return 'n/a';
  const scenarioFile = join(folder, 'referee-scenario.json');
  const rosterFile = join(folder, 'referee-roster.json');
  writeFileSync(scenarioFile, JSON.stringify(scenario));
  writeFileSync(rosterFile, JSON.stringify(roster));
  const run = spawnSync(process.execPath, [REFEREE, scenarioFile, rosterFile, '--json'], {
    encoding: 'utf8',
  });
  try {
    const verdict = JSON.parse(run.stdout) as { ok: boolean; violations: Array<{ rule: string }> };
    if (verdict.ok) return 'VALID';
    const rules = [...new Set(verdict.violations.map((violation) => violation.rule))].join(',');
    return `INVALID (${verdict.violations.length}: ${rules})`;
  } catch {
    return `ERROR (${run.stderr.trim().split('\n')[0] ?? 'no output'})`;
  }
}

function score(
  scenario: ScenarioDocument,
  roster: RosterDocument,
  folder: string,
  measured: Omit<Measured, 'kpis' | 'valid' | 'referee'>,
): Measured {
  const check = checkRoster(scenario, roster);
  return {
    ...measured,
    kpis: check.kpis,
    valid: check.valid,
    referee: refereeVerdict(scenario, roster, folder),
  };
}

// ---------- the table ----------

const fixed = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
const ratio = (value: number, base: number): string =>
  base === 0 ? (value === 0 ? '1.00' : '∞') : (value / base).toFixed(2);

const HEADER = [
  'scenario',
  'solver',
  'budget',
  'first valid',
  'coverage',
  'bound',
  'gap',
  'coverage ÷ greedy (blind / aware)',
  'distinct caregivers / client',
  'distinct ÷ greedy (blind / aware)',
  'primary',
  'preferred',
  'history',
  'travel min',
  'travel ÷ greedy (blind / aware)',
  'critical',
  'critical bound',
  'avoid-wish min',
  'unsocial sd',
  'peak RSS MB',
  'peak heap MB',
  'checkRoster',
  'referee',
];

function tableRows(
  label: string,
  bound: number,
  criticalBound: number | null,
  rows: Measured[],
  blind: Measured,
  aware: Measured,
): string[][] {
  return rows.map((row) => [
    label,
    row.solver,
    row.budget,
    row.firstValidMs === null ? '–' : `${Math.round(row.firstValidMs)} ms`,
    percent(row.kpis.coverage),
    percent(bound),
    // `+ 0` turns the -0 of a roster that reaches the bound into a plain 0.
    `${(Math.round((bound - row.kpis.coverage) * 1000) / 10 + 0).toFixed(1)} pt`,
    `${ratio(row.kpis.coverage, blind.kpis.coverage)} / ${ratio(row.kpis.coverage, aware.kpis.coverage)}`,
    fixed(row.kpis.meanDistinctCaregiversPerClient),
    `${ratio(row.kpis.meanDistinctCaregiversPerClient, blind.kpis.meanDistinctCaregiversPerClient)} / ${ratio(
      row.kpis.meanDistinctCaregiversPerClient,
      aware.kpis.meanDistinctCaregiversPerClient,
    )}`,
    percent(row.kpis.primaryShare),
    percent(row.kpis.preferredShare),
    percent(row.kpis.historyShare),
    String(row.kpis.travelMinutes),
    `${ratio(row.kpis.travelMinutes, blind.kpis.travelMinutes)} / ${ratio(row.kpis.travelMinutes, aware.kpis.travelMinutes)}`,
    percent(row.kpis.criticalCoverage),
    percent(criticalBound),
    String(row.kpis.avoidWishMinutes),
    fixed(row.kpis.unsocialStdDev, 4),
    fixed(row.peakRssMb, 0),
    fixed(row.peakHeapMb, 0),
    row.valid ? 'valid' : 'INVALID',
    row.referee,
  ]);
}

function markdownTable(rows: string[][]): string {
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(HEADER),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

// ---------- cases ----------

function benchCases(inputs: string[], seed: number): BenchCase[] {
  const team = (caregivers: number, clients: number, offset: number): BenchCase => ({
    label: `team ${caregivers}/${clients}`,
    teams: [generateScenario({ seed: seed + offset, caregivers, clients })],
  });
  const cases = [team(4, 12, 0), team(12, 50, 1), team(12, 60, 2), team(14, 70, 3)];
  cases.push({
    label: 'organisation 3×10/40',
    teams: generateOrganisation({ teams: 3, seed: seed + 4, caregivers: 10, clients: 40 }),
  });
  // the team of `team 12/50` again (same seed), now with working-time law, priorities and wishes
  const ruled = { seed: seed + 1, caregivers: 12, clients: 50, rules: EU_WORKING_TIME_RULES };
  cases.push({ label: 'team 12/50 + rules', teams: [generateScenario(ruled)] });
  cases.push({
    label: 'team 12/50 + rules, priorities, wishes',
    teams: [generateScenario({ ...ruled, priorities: true, wishes: true })],
    wishBlind: true,
  });
  cases.push({
    label: 'team 12/50, 4 weeks',
    teams: [generateScenario({ ...ruled, rules: undefined, days: 28 })],
  });
  cases.push({
    label: 'team 12/50, 4 weeks + rules, priorities, wishes',
    teams: [generateScenario({ ...ruled, days: 28, priorities: true, wishes: true })],
    wishBlind: true,
  });
  for (const file of inputs) {
    const validation = validateScenario(JSON.parse(readFileSync(file, 'utf8')));
    if (!validation.ok) {
      const problems = validation.problems
        .slice(0, 5)
        .map((problem) => `  ${problem.path}: ${problem.message}`);
      throw new Error(`${file} is not a valid scenario:\n${problems.join('\n')}`);
    }
    cases.push({ label: file.split('/').pop() ?? file, teams: [validation.scenario] });
  }
  return cases;
}

// ---------- memory stability ----------

async function repeatSolves(times: number, budgetMs: number, seed: number): Promise<string> {
  const collect = (globalThis as { gc?: () => void }).gc!;
  const heapAfterGc = (): number => {
    collect();
    collect();
    return process.memoryUsage().heapUsed / MEGABYTE;
  };
  const scenario = generateScenario({ seed: seed + 1, caregivers: 12, clients: 50 });
  const readings: Array<[string, number]> = [['start', heapAfterGc()]];
  const started = performance.now();
  for (let run = 1; run <= times; run++) {
    await solveRoster(scenario, { timeLimitMs: budgetMs, seed: run });
    if (run === Math.floor(times / 2)) readings.push([`after ${run}`, heapAfterGc()]);
  }
  readings.push([`after ${times}`, heapAfterGc()]);
  const middle = readings[1][1];
  const end = readings[readings.length - 1][1];
  // Growth in the second half is what a leak looks like: the first half includes warm-up.
  const growth = end - middle;
  const verdict = growth < Math.max(5, middle * 0.1) ? 'stable' : 'GROWING';
  return [
    `memory stability: team 12/50 (${scenario.visits.length} visits) solved ${times} times, ${budgetMs} ms each, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
    '',
    '| moment | heap used after GC (MB) |',
    '|---|---|',
    ...readings.map(([moment, heap]) => `| ${moment} | ${heap.toFixed(1)} |`),
    '',
    `second-half growth: ${growth.toFixed(1)} MB -> ${verdict}`,
  ].join('\n');
}

function respawnWithGc(argv: string[]): Promise<number> {
  // `tsx --expose-gc` and `node --expose-gc --import tsx` both work; this covers plain `npm run`.
  return new Promise((done) => {
    const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', __filename, ...argv], {
      stdio: 'inherit',
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

// ---------- main ----------

function timestamp(): string {
  return machineTime.now().toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

function writeReport(name: string, body: string): string {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, name);
  writeFileSync(file, body);
  return file;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      child: { type: 'string' },
      in: { type: 'string', multiple: true, default: [] },
      budgets: { type: 'string' },
      quick: { type: 'boolean', default: false },
      repeat: { type: 'string' },
      'repeat-budget': { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (values.child) {
    await runChild(values.child);
    return 0;
  }
  const seed = Number(values.seed);
  if (values.repeat !== undefined) {
    if (typeof (globalThis as { gc?: unknown }).gc !== 'function') return respawnWithGc(argv);
    const report = await repeatSolves(Number(values.repeat), Number(values['repeat-budget']), seed);
    console.log(report);
    console.log(
      `\nwritten to ${writeReport(`engine-repeat-${timestamp()}.md`, `# Engine memory stability\n\n${report}\n`)}`,
    );
    return report.includes('GROWING') ? 1 : 0;
  }

  const budgets = (values.budgets ?? (values.quick ? '1000' : '1000,5000,30000'))
    .split(',')
    .map((budget) => Number(budget.trim()))
    .filter((budget) => Number.isFinite(budget) && budget >= 0);
  if (budgets.length === 0) throw new Error('--budgets needs milliseconds, e.g. --budgets 1000,5000');
  const cases = benchCases(values.in ?? [], seed);
  const folder = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const rows: string[][] = [];
  let allValid = true;
  try {
    for (const benchCase of cases) {
      const scenario = mergeScenarios(benchCase.label, benchCase.teams);
      const visits = scenario.visits.length;
      process.stderr.write(`${benchCase.label}: ${visits} visits ...\n`);
      const bound = coverageUpperBound(scenario).coverage;
      // The same bound over the critical visits alone: no roster covers more of them than this.
      const criticalVisits = scenario.visits.filter((visit) => visit.priority === 'critical');
      const criticalBound = criticalVisits.length
        ? coverageUpperBound({ ...scenario, visits: criticalVisits, pinned: [] }).coverage
        : null;
      const baseline = (continuityAware: boolean): Measured => {
        const started = performance.now();
        const roster = mergeRosters(
          benchCase.teams.map((team) => greedyChronological(team, { continuityAware })),
        );
        const elapsed = performance.now() - started;
        return score(scenario, roster, folder, {
          solver: continuityAware ? 'greedy continuity-aware' : 'greedy continuity-blind',
          budget: '–',
          firstValidMs: elapsed,
          peakRssMb: null,
          peakHeapMb: null,
        });
      };
      const blind = baseline(false);
      const aware = baseline(true);
      const files = benchCase.teams.map((team, index) => {
        const file = join(folder, `${benchCase.label.replace(/\W+/g, '-')}-${index}.json`);
        writeFileSync(file, JSON.stringify(team));
        return file;
      });
      const engineRows: Measured[] = [];
      const variants: Array<{ name: string; weights?: Partial<ObjectiveWeights> }> = [{ name: 'engine' }];
      if (benchCase.wishBlind) variants.push({ name: 'engine wish-blind', weights: WISH_BLIND });
      for (const budget of budgets)
        for (const variant of variants) {
          const result = await solveInChild(files, budget, seed, folder, variant.weights);
          const roster = mergeRosters(result.solves.map((solve) => solve.roster));
          engineRows.push(
            score(scenario, roster, folder, {
              solver:
                benchCase.teams.length > 1
                  ? `${variant.name} (${benchCase.teams.length} teams in turn)`
                  : variant.name,
              budget: `${budget / 1000} s${benchCase.teams.length > 1 ? ' per team' : ''}`,
              // Teams are solved one after another: the organisation has a full roster once all have one.
              firstValidMs: result.solves.reduce((total, solve) => total + solve.stats.firstValidMs, 0),
              peakRssMb: result.peakRssMb,
              peakHeapMb: result.peakHeapMb,
            }),
          );
        }
      const measured = [...engineRows, blind, aware];
      allValid &&= measured.every(
        (row) => row.valid && row.referee !== 'INVALID' && !row.referee.startsWith('INVALID'),
      );
      rows.push(
        ...tableRows(`${benchCase.label} (${visits} visits)`, bound, criticalBound, measured, blind, aware),
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const table = markdownTable(rows);
  console.log(table);
  const notes = [
    `# Engine benchmark ${machineTime.now().toISOString()}`,
    '',
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; budgets ${budgets.join(', ')} ms; seed ${seed}; ` +
      `referee ${existsSync(REFEREE) ? 'present' : 'absent'}`,
    '',
    '- first valid: time until the engine had its first complete valid roster (greedy: its whole run)',
    '- bound: share of visits that have enough eligible caregivers at all (skills, availability, exclusions), each on its own; gap = bound − coverage',
    '- ratios: engine ÷ greedy; for distinct caregivers and travel lower is better, for coverage higher',
    '- peak RSS: maxRSS of the child process that ran the solve; peak heap: sampled every 10 ms',
    '- critical: criticalCoverage; avoid-wish min: avoidWishMinutes; unsocial sd: unsocialStdDev (shared spec KPIs)',
    '- critical bound: the bound above over the critical visits alone (enough eligible caregivers for each on its own)',
    '- "+ rules": EU working-time rules (11 h rest, at most 6 days in a row); greedy baselines keep them too, but know no priorities or wishes',
    '- engine wish-blind: the same engine with the weights of wishes and of fair weekends/evenings at 0',
    '',
    table,
    '',
  ].join('\n');
  console.log(`\nwritten to ${writeReport(`engine-${timestamp()}.md`, notes)}`);
  return allValid ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
