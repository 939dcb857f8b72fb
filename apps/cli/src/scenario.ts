// Scenario tools for people and scripts: generate a realistic team week, or check a scenario file
// and list every problem with its JSON path.
//   npm run scenario -- generate --seed 3 --caregivers 12 --clients 50 --out team.json
//   npm run scenario -- validate --in team.json
// Exit codes: 0 fine, 1 invalid scenario, 2 wrong usage or unreadable file.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  EU_WORKING_TIME_RULES,
  generateScenario,
  validateScenario,
  type GenerateOptions,
  type WorkingTimeRules,
} from '@homecare/scenario';

const USAGE = `usage:
  scenario generate [--seed N] [--caregivers N] [--clients N] [--start YYYY-MM-DD] [--days N]
                    [--tz ZONE] [--lat DEG] [--lon DEG] [--radius-km KM] [--speed-kmh KMH]
                    [--id-prefix TEXT] [--name TEXT] [--out FILE]
                    [--rules eu] [--min-rest-minutes N] [--max-consecutive-days N] [--priorities] [--wishes]
  scenario validate --in FILE`;

class UsageError extends Error {}

function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new UsageError(`--${flag} must be a number, got "${value}"`);
  return parsed;
}

function generate(args: string[]): number {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      seed: { type: 'string' },
      caregivers: { type: 'string' },
      clients: { type: 'string' },
      start: { type: 'string' },
      days: { type: 'string' },
      tz: { type: 'string' },
      lat: { type: 'string' },
      lon: { type: 'string' },
      'radius-km': { type: 'string' },
      'speed-kmh': { type: 'string' },
      'id-prefix': { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      // working-time law (`--rules eu`: 11 h rest, at most 6 days in a row; the two options override)
      rules: { type: 'string' },
      'min-rest-minutes': { type: 'string' },
      'max-consecutive-days': { type: 'string' },
      priorities: { type: 'boolean' },
      wishes: { type: 'boolean' },
    },
  });
  if (values.rules !== undefined && values.rules !== 'eu')
    throw new UsageError(`--rules knows only "eu", got "${values.rules}"`);
  const rules: WorkingTimeRules = { ...(values.rules === 'eu' ? EU_WORKING_TIME_RULES : {}) };
  const minRest = numberOption(values['min-rest-minutes'], 'min-rest-minutes');
  const maxDays = numberOption(values['max-consecutive-days'], 'max-consecutive-days');
  if (minRest !== undefined) rules.minRestMinutes = minRest;
  if (maxDays !== undefined) rules.maxConsecutiveDays = maxDays;
  const options: GenerateOptions = {
    seed: numberOption(values.seed, 'seed'),
    caregivers: numberOption(values.caregivers, 'caregivers'),
    clients: numberOption(values.clients, 'clients'),
    start: values.start,
    days: numberOption(values.days, 'days'),
    timezone: values.tz,
    lat: numberOption(values.lat, 'lat'),
    lon: numberOption(values.lon, 'lon'),
    radiusKm: numberOption(values['radius-km'], 'radius-km'),
    speedKmh: numberOption(values['speed-kmh'], 'speed-kmh'),
    idPrefix: values['id-prefix'],
    name: values.name,
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    priorities: values.priorities,
    wishes: values.wishes,
  };
  let scenario;
  try {
    scenario = generateScenario(options);
  } catch (error) {
    // The generator refuses impossible options with a RangeError: that is a usage problem.
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const text = `${JSON.stringify(scenario, null, 1)}\n`;
  if (values.out) {
    writeFileSync(values.out, text);
    const notes = scenario.notes as { loadRatio?: number } | undefined;
    process.stderr.write(
      `wrote ${values.out}: ${scenario.caregivers.length} caregivers, ${scenario.clients.length} clients, ` +
        `${scenario.visits.length} visits, load ${notes?.loadRatio ?? '?'}\n`,
    );
  } else {
    process.stdout.write(text);
  }
  return 0;
}

function validate(args: string[]): number {
  const { values } = parseArgs({ args, strict: true, options: { in: { type: 'string' } } });
  if (!values.in) throw new UsageError('validate needs --in FILE');
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(values.in, 'utf8'));
  } catch (error) {
    process.stderr.write(`cannot read ${values.in}: ${(error as Error).message}\n`);
    return 2;
  }
  const result = validateScenario(input);
  if (result.ok) {
    const { scenario } = result;
    process.stdout.write(
      `${values.in}: valid (${scenario.caregivers.length} caregivers, ${scenario.clients.length} clients, ` +
        `${scenario.visits.length} visits, ${scenario.period.start}..${scenario.period.end} ${scenario.timezone})\n`,
    );
    return 0;
  }
  for (const problem of result.problems) process.stdout.write(`${problem.path}: ${problem.message}\n`);
  process.stdout.write(`${values.in}: INVALID, ${result.problems.length} problem(s)\n`);
  return 1;
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'generate') return generate(rest);
    if (command === 'validate') return validate(rest);
    if (command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  } catch (error) {
    // parseArgs reports unknown or malformed flags with a TypeError carrying an ERR_PARSE_ARGS code.
    const parseProblem = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseProblem) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
