// Payroll export benchmark: a synthetic organisation of 100 and 1,000 caregivers over a
// four-week period (about 20 visits a day on working days), generated lazily caregiver by
// caregiver, computed and streamed through the CSV export to a file and to /dev/null. The baseline
// in the same run is the naive export: every row built into one array, then stringified at once.
//
//   npm run bench:payroll                      100 and 1,000 caregivers
//   npm run bench:payroll -- --sizes 100,5000
//   npm run bench:payroll -- --db              also through Postgres and the HTTP export
//
// Each case runs in its own child process, so its peak memory is its own: RSS and heap are
// sampled every 10 ms (and once per caregiver, since computing blocks the timer), and the kernel's
// maxRSS of the child is printed too. The table goes to stdout and bench-results/payroll-<time>.md.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify';
import { addDays, isoWeekday, parseLocalDateTime } from '@homecare/scenario';
import {
  csvRecordOf,
  DEFAULT_PREMIUM_BANDS,
  exportCsv,
  exportLinesOf,
  holidaysOf,
  NL_HOLIDAYS,
  PAYROLL_CSV_COLUMNS,
  periodContaining,
  TimesheetCalculator,
  type CaregiverTimesheet,
  type PayrollSettings,
  type WorkedVisit,
} from '@homecare/payroll';
import { machineTime } from '@homecare/common';

const ROOT = resolve(__dirname, '..');
const MEGABYTE = 1024 * 1024;
const ZONE = 'Europe/Amsterdam';
const SETTINGS: PayrollSettings = {
  timeZone: ZONE,
  premiumBands: DEFAULT_PREMIUM_BANDS,
  publicHolidays: holidaysOf(NL_HOLIDAYS),
  travel: { speedKmh: 15, detourFactor: 1.3 },
};
// Four weeks with Koningsdag and Bevrijdingsdag in them.
const PERIOD = periodContaining({ frequency: 'four-weekly', anchorDate: '2026-01-05' }, '2026-04-27');

type Mode = 'stream-file' | 'stream-null' | 'naive-file';
interface CaseResult {
  caregivers: number;
  mode: Mode;
  seconds: number;
  rows: number;
  bytes: number;
  visits: number;
  peakRssMb: number;
  peakHeapMb: number;
  maxRssMb: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run exports the same organisation. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** One caregiver's visits: two shifts of ten visits on five days a week. */
function visitsOf(index: number): WorkedVisit[] {
  const next = random(index + 1);
  const visits: WorkedVisit[] = [];
  const days = Array.from({ length: 28 }, (_, day) => addDays(PERIOD.start, day));
  const restDays = new Set([1 + (index % 5), 6 + (index % 2)]);
  for (const date of days) {
    if (restDays.has(isoWeekday(date))) continue;
    for (const [shift, from] of [
      ['early', '07:00'],
      ['late', '16:00'],
    ] as const) {
      let cursor = parseLocalDateTime(`${date}T${from}`, ZONE);
      for (let visit = 0; visit < 10; visit++) {
        const duration = 10 + Math.floor(next() * 20);
        const plannedStart = cursor + Math.floor(next() * 12);
        const plannedEnd = plannedStart + duration;
        const checkedIn = next() < 0.8;
        const drift = Math.floor(next() * 10) - 3;
        visits.push({
          id: `v-${index}-${date}-${shift}-${visit}`,
          shiftId: `s-${index}-${date}-${shift}`,
          location: { lat: 52.05 + next() * 0.08, lon: 5.05 + next() * 0.12 },
          status: checkedIn ? 'done' : next() < 0.9 ? 'done' : 'missed',
          plannedStart,
          plannedEnd,
          ...(checkedIn && {
            checkIn: plannedStart + drift,
            checkOut: plannedEnd + drift + Math.floor(next() * 5),
          }),
        });
        cursor = plannedEnd + 5;
      }
    }
  }
  return visits;
}

const counters = { rows: 1, visits: 0 };
let peakRss = 0;
let peakHeap = 0;
function sample(): void {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
}

/** The database layer's shape: caregivers come in page by page, nothing is preloaded. */
async function* organisation(size: number): AsyncGenerator<CaregiverTimesheet> {
  const calculator = new TimesheetCalculator(SETTINGS);
  for (let index = 0; index < size; index++) {
    const visits = visitsOf(index);
    counters.visits += visits.length;
    const timesheet = calculator.compute(PERIOD, {
      caregiver: {
        id: `cg-${String(index).padStart(4, '0')}`,
        name: index % 97 === 0 ? `=Caregiver, "${index}"` : `Zeynep Çelik ${index}`,
        contractMinutesPerWeek: 32 * 60,
        maxMinutesPerDay: 9 * 60,
      },
      visits,
    });
    counters.rows += timesheet.lines.length;
    sample();
    yield timesheet;
  }
}

async function runCase(size: number, mode: Mode, file: string): Promise<Omit<CaseResult, 'maxRssMb'>> {
  const timer = setInterval(sample, 10);
  const started = performance.now();
  let bytes = 0;
  const target = mode === 'stream-null' ? '/dev/null' : file;
  if (mode === 'naive-file') {
    // Everything in memory first, then one stringify call: what a quick implementation does.
    const records: (string | number)[][] = [PAYROLL_CSV_COLUMNS.map((column) => column.name)];
    for await (const timesheet of organisation(size))
      for (const line of exportLinesOf(timesheet)) records.push(csvRecordOf(line));
    sample();
    const text = await new Promise<string>((done, fail) =>
      stringify(records, { record_delimiter: 'windows' }, (error, output) =>
        error ? fail(error) : done(output),
      ),
    );
    sample();
    writeFileSync(target, text);
    bytes = Buffer.byteLength(text);
  } else {
    const counted = async function* (chunks: AsyncIterable<string>): AsyncGenerator<string> {
      for await (const chunk of chunks) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    };
    await pipeline(
      Readable.from(counted(exportCsv(organisation(size)))),
      createWriteStream(target) as Writable,
    );
    if (mode === 'stream-file') bytes = statSync(target).size;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  return {
    caregivers: size,
    mode,
    seconds,
    rows: counters.rows,
    bytes,
    visits: counters.visits,
    peakRssMb: peakRss / MEGABYTE,
    peakHeapMb: peakHeap / MEGABYTE,
  };
}

function runChild(size: number, mode: Mode, directory: string): Promise<CaseResult> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--child',
        mode,
        '--size',
        String(size),
        '--out',
        join(directory, `${mode}-${size}.csv`),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`${mode} ${size} exited with ${code}`));
      done(JSON.parse(output.trim().split('\n').pop()!) as CaseResult);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      size: { type: 'string' },
      out: { type: 'string' },
      sizes: { type: 'string', default: '100,1000' },
      db: { type: 'boolean', default: false },
    },
  });
  if (values.child) {
    const result = await runCase(Number(values.size), values.child as Mode, values.out!);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ ...result, maxRssMb })}\n`);
    return;
  }
  const sizes = values.sizes.split(',').map(Number);
  const directory = mkdtempSync(join(tmpdir(), 'bench-payroll-'));
  const results: CaseResult[] = [];
  try {
    for (const size of sizes) {
      for (const mode of ['stream-file', 'stream-null', 'naive-file'] as const) {
        process.stderr.write(`${size} caregivers, ${mode} ...\n`);
        results.push(await runChild(size, mode, directory));
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const format = (value: number, digits = 1): string => value.toFixed(digits);
  const table = [
    `Payroll CSV export, period ${PERIOD.start} to ${PERIOD.end} (four weeks), Node ${process.version}`,
    '',
    '| caregivers | visits | export | time (s) | rows | bytes | peak RSS (MB) | peak heap (MB) | maxRSS (MB) |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.caregivers} | ${result.visits} | ${result.mode} | ${format(result.seconds, 2)} | ${result.rows} | ${result.bytes} | ` +
        `${format(result.peakRssMb)} | ${format(result.peakHeapMb)} | ${format(result.maxRssMb)} |`,
    ),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench-results', `payroll-${machineTime.now().toISOString().replace(/[:.]/g, '-')}.md`),
    `${table}\n`,
  );
  // The same export through Postgres and the HTTP API (scripts/bench-payroll-db.ts).
  if (values.db) {
    const database = spawnSync(
      process.execPath,
      [...process.execArgv, join(ROOT, 'scripts', 'bench-payroll-db.ts'), '--sizes', values.sizes],
      { stdio: 'inherit' },
    );
    if (database.status !== 0) process.exitCode = database.status ?? 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
