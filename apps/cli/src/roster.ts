// Command line for the roster engine: solve a scenario into a roster, or check a roster.
// Exit codes: 0 done / valid, 1 roster invalid, 2 bad usage or invalid input.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ScenarioInvalidError,
  assertScenarioDocument,
  checkRoster,
  solveRoster,
} from '@homecare/roster-engine';
import type { RosterDocument, ScenarioDocument, WorkingTimeRules } from '@homecare/scenario';

const USAGE = `Usage:
  roster solve --in SCENARIO.json --out ROSTER.json [--time-limit-ms N] [--seed S] [--previous ROSTER.json] [RULES]
  roster check --in SCENARIO.json --roster ROSTER.json [--json] [RULES]
  roster --help

solve   computes a roster (homecare-roster/v1 with KPIs, explanations and reasons) and prints a summary
check   checks a roster against its scenario with the engine's checker; exit 1 when a hard rule is broken

RULES (working-time law; each overrides the scenario's rules.*, "off" drops that rule):
  --min-rest-minutes N       rest between the last visit of one working day and the first of the next
  --max-consecutive-days N   at most N days with visits in a row`;

class UsageError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `the ${what} ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new UsageError(`--${name} must be a whole number (0 or more), got "${value}"`);
  return number;
}

type Values = Record<string, string | boolean | undefined>;

/** The scenario's rules with the command line's overrides; `off` drops a rule. */
function withRules(scenario: ScenarioDocument, values: Values): ScenarioDocument {
  const rules: WorkingTimeRules = { ...(scenario.rules ?? {}) };
  const override = (option: string, key: keyof WorkingTimeRules, least: number): void => {
    const value = values[option] as string | undefined;
    if (value === undefined) return;
    if (value === 'off') {
      delete rules[key];
      return;
    }
    const number = wholeNumber(value, option)!;
    if (number < least) throw new UsageError(`--${option} must be ${least} or more (or off), got "${value}"`);
    rules[key] = number;
  };
  override('min-rest-minutes', 'minRestMinutes', 0);
  override('max-consecutive-days', 'maxConsecutiveDays', 1);
  const { rules: _dropped, ...rest } = scenario;
  return Object.keys(rules).length > 0 ? { ...rest, rules } : rest;
}

/** "rules: rest at least 11h00, at most 6 days in a row" (or "rules: none"). */
function describeRules(scenario: ScenarioDocument): string {
  const rules = scenario.rules ?? {};
  const parts: string[] = [];
  if (rules.minRestMinutes !== undefined) {
    const minutes = rules.minRestMinutes;
    parts.push(`rest at least ${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`);
  }
  if (rules.maxConsecutiveDays !== undefined) parts.push(`at most ${rules.maxConsecutiveDays} days in a row`);
  return `rules: ${parts.length ? parts.join(', ') : 'none'}`;
}

async function solveCommand(values: Values): Promise<number> {
  const input = values.in as string | undefined;
  const output = values.out as string | undefined;
  if (!input || !output) throw new UsageError('solve needs --in SCENARIO.json and --out ROSTER.json');
  const scenario = withRules(readJson(input, 'scenario') as ScenarioDocument, values);
  const previousRoster = values.previous
    ? (readJson(values.previous as string, 'previous roster') as RosterDocument)
    : undefined;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  const result = await solveRoster(scenario, {
    timeLimitMs: wholeNumber(values['time-limit-ms'] as string | undefined, 'time-limit-ms'),
    seed: wholeNumber(values.seed as string | undefined, 'seed'),
    previousRoster,
    signal: controller.signal,
  });
  process.off('SIGINT', stop);
  writeFileSync(output, `${JSON.stringify(result.roster, null, 2)}\n`);
  const { kpis, stats } = result;
  const parts = [
    `coverage ${(kpis.coverage * 100).toFixed(1)}%`,
    `assigned ${kpis.assignedVisits}/${kpis.visits}`,
    `mean distinct caregivers per client ${kpis.meanDistinctCaregiversPerClient.toFixed(2)}`,
    `travel ${kpis.travelMinutes} min`,
    `critical coverage ${kpis.criticalCoverage === null ? '– (no critical visits)' : `${(kpis.criticalCoverage * 100).toFixed(1)}%`}`,
    `avoid-wish ${kpis.avoidWishMinutes} min`,
    `unsocial sd ${kpis.unsocialStdDev.toFixed(4)}`,
    `first valid ${Math.round(stats.firstValidMs)} ms`,
    `elapsed ${Math.round(stats.elapsedMs)} ms`,
  ];
  if (stats.changedFromPrevious !== undefined)
    parts.push(`changed from previous ${stats.changedFromPrevious}`);
  if (stats.cancelled) parts.push('cancelled');
  console.log(describeRules(scenario));
  console.log(`${parts.join(', ')} -> ${output}`);
  return 0;
}

function checkCommand(values: Values): number {
  const input = values.in as string | undefined;
  const rosterPath = values.roster as string | undefined;
  if (!input || !rosterPath) throw new UsageError('check needs --in SCENARIO.json and --roster ROSTER.json');
  const scenario = readJson(input, 'scenario');
  // The checker reads a well-formed scenario, as the referee does: say what is wrong with it first.
  assertScenarioDocument(scenario);
  const ruled = withRules(scenario, values);
  const roster = readJson(rosterPath, 'roster') as RosterDocument;
  const result = checkRoster(ruled, roster);
  if (values.json)
    console.log(
      JSON.stringify(
        { ok: result.valid, rules: ruled.rules ?? {}, kpis: result.kpis, violations: result.violations },
        null,
        2,
      ),
    );
  else {
    console.log(describeRules(ruled));
    for (const violation of result.violations.slice(0, 50))
      console.log(`violation ${violation.rule}: ${violation.message}`);
    if (result.violations.length > 50) console.log(`... ${result.violations.length - 50} more`);
    console.log(`kpis: ${JSON.stringify(result.kpis)}`);
    console.log(result.valid ? 'VALID' : `INVALID: ${result.violations.length} hard violations`);
  }
  return result.valid ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        roster: { type: 'string' },
        previous: { type: 'string' },
        'time-limit-ms': { type: 'string' },
        seed: { type: 'string' },
        'min-rest-minutes': { type: 'string' },
        'max-consecutive-days': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = positionals[0];
  try {
    if (command === 'solve' && positionals.length === 1) return await solveCommand(values);
    if (command === 'check' && positionals.length === 1) return checkCommand(values);
    throw new UsageError(
      command
        ? `unknown command or extra arguments: ${positionals.join(' ')}`
        : 'missing command (solve or check)',
    );
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ScenarioInvalidError) {
      console.error(
        `the scenario is not valid (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):`,
      );
      for (const problem of error.problems) console.error(`  ${problem.path}: ${problem.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 2;
    },
  );
}
