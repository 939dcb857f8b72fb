// Streaming exports: timesheets come in one caregiver at a time (the database layer pages through
// caregivers), text goes out one caregiver at a time. Nothing holds the whole organisation.
import { stringify, type Options as CsvOptions } from 'csv-stringify';
import type { CaregiverTimesheet, PayrollExportLine } from './types';

// Moved to timesheet.view.ts (a class, for the API's OpenAPI document); still exported from here.
export type { PayrollExportLine } from './types';

export type TimesheetStream = AsyncIterable<CaregiverTimesheet> | Iterable<CaregiverTimesheet>;

export interface PayrollCsvColumn {
  name: string;
  type: 'text' | 'number';
  description: string;
}

/** The CSV columns in order; README.md documents the same. Header row = these names. */
export const PAYROLL_CSV_COLUMNS: readonly PayrollCsvColumn[] = [
  { name: 'caregiver_id', type: 'text', description: 'Caregiver id.' },
  { name: 'caregiver_name', type: 'text', description: 'Caregiver name, UTF-8.' },
  { name: 'period_id', type: 'text', description: 'Pay period id `start/end`.' },
  { name: 'period_start', type: 'text', description: 'First local date of the period, YYYY-MM-DD.' },
  { name: 'period_end', type: 'text', description: 'Last local date of the period (inclusive), YYYY-MM-DD.' },
  {
    name: 'hour_type',
    type: 'text',
    description: 'visit | travel | waiting | overtime | premium | adjustment.',
  },
  {
    name: 'band',
    type: 'text',
    description:
      'premium: band id; overtime: day | week; adjustment: band of the adjusted line; otherwise empty.',
  },
  {
    name: 'source',
    type: 'text',
    description: 'visit lines: actual | corrected | planned (planned = no check-in); otherwise empty.',
  },
  {
    name: 'percentage',
    type: 'number',
    description: 'premium lines: the band percentage (44 = +44 %); otherwise empty.',
  },
  {
    name: 'minutes',
    type: 'number',
    description: 'Whole minutes, the source of truth; negative on adjustments that take back.',
  },
  { name: 'hours', type: 'number', description: 'minutes / 60 rounded to 2 decimals.' },
  {
    name: 'kilometres',
    type: 'number',
    description: 'travel (and its adjustments): kilometres between visits; otherwise 0.',
  },
  { name: 'visit_count', type: 'number', description: 'Number of visits the line comes from.' },
  { name: 'visit_ids', type: 'text', description: 'The visit ids, separated by spaces.' },
  { name: 'adjusts_period', type: 'text', description: 'adjustment lines: the locked period id corrected.' },
  { name: 'adjusts_hour_type', type: 'text', description: 'adjustment lines: the hour type corrected.' },
];

const COLUMN_NAMES = PAYROLL_CSV_COLUMNS.map((column) => column.name);
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would run as a formula gets a leading single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function exportLinesOf(timesheet: CaregiverTimesheet): PayrollExportLine[] {
  return timesheet.lines.map((line) => ({
    caregiverId: timesheet.caregiverId,
    caregiverName: timesheet.caregiverName,
    periodId: timesheet.period.id,
    periodStart: timesheet.period.start,
    periodEnd: timesheet.period.end,
    hourType: line.hourType,
    band: line.band,
    source: line.source ?? null,
    percentage: line.percentage ?? null,
    minutes: line.minutes,
    hours: line.hours,
    kilometres: line.kilometres,
    visitCount: line.visitIds.length,
    visitIds: line.visitIds,
    adjustsPeriodId: line.adjusts?.periodId ?? null,
    adjustsHourType: line.adjusts?.hourType ?? null,
  }));
}

/** The CSV record of a line: numbers stay numbers, every text cell is neutralised. */
export function csvRecordOf(line: PayrollExportLine): (string | number)[] {
  const text = (value: string | null): string => neutraliseFormula(value ?? '');
  return [
    text(line.caregiverId),
    text(line.caregiverName),
    text(line.periodId),
    text(line.periodStart),
    text(line.periodEnd),
    text(line.hourType),
    text(line.band),
    text(line.source),
    line.percentage ?? '',
    line.minutes,
    line.hours,
    line.kilometres,
    line.visitCount,
    text(line.visitIds.join(' ')),
    text(line.adjustsPeriodId),
    text(line.adjustsHourType),
  ];
}

const CSV_OPTIONS: CsvOptions = { record_delimiter: 'windows', quoted_match: /^\s|\s$/ };

function stringifyRecords(records: (string | number)[][], options: CsvOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    stringify(records, { ...CSV_OPTIONS, ...options }, (error, output) =>
      error ? reject(error) : resolve(output),
    );
  });
}

export interface CsvExportOptions {
  /** Write the header row. Default true. */
  header?: boolean;
  /** Start with a UTF-8 byte order mark, for spreadsheets that need one. Default false. */
  bom?: boolean;
}

/**
 * RFC 4180 CSV (CRLF, quoted when needed), UTF-8, one chunk per caregiver. Pipe it anywhere:
 * `Readable.from(exportCsv(timesheets)).pipe(response)`.
 */
export async function* exportCsv(
  timesheets: TimesheetStream,
  options: CsvExportOptions = {},
): AsyncGenerator<string> {
  const header = options.header ?? true;
  if (header || options.bom) {
    yield (options.bom ? '\ufeff' : '') + (header ? await stringifyRecords([COLUMN_NAMES], {}) : '');
  }
  for await (const timesheet of timesheets) {
    const records = exportLinesOf(timesheet).map(csvRecordOf);
    if (records.length > 0) yield await stringifyRecords(records, {});
  }
}

/** A JSON array of `PayrollExportLine` objects, streamed one caregiver at a time. */
export async function* exportJson(timesheets: TimesheetStream): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const timesheet of timesheets) {
    let chunk = '';
    for (const line of exportLinesOf(timesheet)) {
      chunk += (first ? '\n' : ',\n') + JSON.stringify(line);
      first = false;
    }
    if (chunk) yield chunk;
  }
  yield first ? ']' : '\n]\n';
}
