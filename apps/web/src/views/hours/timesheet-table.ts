// The period's timesheets as a table: which columns the hour types make, what each cell holds,
// the totals, and small helpers around the period list and the CSV file. Pure: no DOM.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

/** What the table reads of a timesheet. */
export type SheetLine = Pick<
  Schemas['TimesheetLine'],
  'hourType' | 'band' | 'minutes' | 'kilometres' | 'percentage'
>;

export interface Sheet {
  caregiverId: string;
  lines: readonly SheetLine[];
  totals: Pick<Schemas['TimesheetTotals'], 'workedMinutes' | 'contractMinutes'>;
}

export type Band = Pick<Schemas['PremiumBandView'], 'id' | 'label' | 'percentage' | 'timeOfDay'>;

export type Column =
  | {
      id: 'visit' | 'travel' | 'waiting' | 'worked' | 'contract' | 'overtime' | 'adjustment';
      unit: 'minutes';
    }
  | {
      id: `premium:${string}`;
      unit: 'minutes';
      band: string;
      label: string;
      percentage: number;
      /** The band's hours of the day, when it has them (night, evening). */
      timeOfDay?: { from: string; to: string };
    }
  | { id: 'kilometres'; unit: 'kilometres' };

/**
 * The columns of the table: the hour types always (visit, travel, waiting, worked, contract,
 * overtime), a column per premium band that has minutes (in the organisation's band order), and
 * adjustments only when there are any. Kilometres last.
 */
export function columnsFor(sheets: readonly Sheet[], bands: readonly Band[]): Column[] {
  const columns: Column[] = (['visit', 'travel', 'waiting', 'worked', 'contract', 'overtime'] as const).map(
    (id): Column => ({ id, unit: 'minutes' }),
  );
  const premiumLines = sheets.flatMap((sheet) => sheet.lines.filter((line) => line.hourType === 'premium'));
  const used = new Map<string, SheetLine>();
  for (const line of premiumLines) if (!used.has(line.band)) used.set(line.band, line);
  const known = bands.filter((band) => used.has(band.id));
  // A band no longer in the settings (a locked period) still gets its column, after the others.
  const unknown = [...used.keys()].filter((id) => !bands.some((band) => band.id === id));
  for (const band of known)
    columns.push({
      id: `premium:${band.id}`,
      unit: 'minutes',
      band: band.id,
      label: band.label,
      percentage: used.get(band.id)?.percentage ?? band.percentage,
      ...(band.timeOfDay ? { timeOfDay: band.timeOfDay } : {}),
    });
  for (const id of unknown)
    columns.push({
      id: `premium:${id}`,
      unit: 'minutes',
      band: id,
      label: id,
      percentage: used.get(id)?.percentage ?? 0,
    });
  if (sheets.some((sheet) => sheet.lines.some((line) => line.hourType === 'adjustment')))
    columns.push({ id: 'adjustment', unit: 'minutes' });
  columns.push({ id: 'kilometres', unit: 'kilometres' });
  return columns;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** A cell: minutes (or kilometres) of one caregiver in one column. */
export function cellValue(sheet: Sheet, column: Column): number {
  const of = (predicate: (line: SheetLine) => boolean) =>
    sum(sheet.lines.filter(predicate).map((line) => line.minutes));
  switch (column.id) {
    case 'worked':
      return sheet.totals.workedMinutes;
    case 'contract':
      return sheet.totals.contractMinutes;
    case 'kilometres':
      // Travel and its adjustments; other lines carry 0.
      return Math.round(sum(sheet.lines.map((line) => line.kilometres)) * 1000) / 1000;
    case 'visit':
    case 'travel':
    case 'waiting':
    case 'overtime':
    case 'adjustment':
      return of((line) => line.hourType === column.id);
    default:
      return of((line) => line.hourType === 'premium' && line.band === column.band);
  }
}

/** The totals row: each column summed over the caregivers shown. */
export function totalsOf(sheets: readonly Sheet[], columns: readonly Column[]): number[] {
  return columns.map((column) => {
    const total = sum(sheets.map((sheet) => cellValue(sheet, column)));
    return column.unit === 'kilometres' ? Math.round(total * 1000) / 1000 : total;
  });
}

/** Minutes as decimal hours with two decimals, the way payroll reads them (450 -> 7.5). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/**
 * The file name a Content-Disposition header gives (RFC 6266: `filename*` before `filename`),
 * without any path; `fallback` when there is none.
 */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim());
    } catch {
      name = undefined;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
    name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2].trim()) : undefined;
  }
  const base = name?.split(/[/\\]/).pop()?.trim();
  return base ? base : fallback;
}

/** Periods from several lists, each once, newest first. */
export function mergePeriods<T extends { key: string }>(lists: readonly (readonly T[])[]): T[] {
  const byKey = new Map<string, T>();
  for (const list of lists) for (const period of list) byKey.set(period.key, period);
  return [...byKey.values()].sort((left, right) => right.key.localeCompare(left.key));
}

/** A date `days` after a local date `YYYY-MM-DD` (negative: before). */
export function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export interface FlagLike {
  kind: string;
  visitId?: string;
  visitIds?: string[];
  date?: string;
  weekStart?: string;
  start?: number;
}

/**
 * When a warning happened, for sorting and for a short "when" next to the API's message: the
 * visit's working day and start (epoch minutes) if the visit was counted, else the flag's date.
 */
export function flagWhen(
  flag: FlagLike,
  entries: readonly { visitId: string; date: string; start: number }[],
): { date?: string; start?: number } {
  const visitId = flag.visitId ?? flag.visitIds?.[0];
  const entry = visitId ? entries.find((candidate) => candidate.visitId === visitId) : undefined;
  if (entry) return { date: entry.date, start: entry.start };
  if (flag.start !== undefined) return { start: flag.start };
  return { date: flag.date ?? flag.weekStart };
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * The API's message with each counted visit's id replaced by words for it (its day and start),
 * since nobody reads a visit by its id. Ids of visits that were not counted stay as they are.
 */
export function readableMessage<T extends { visitId: string }>(
  message: string,
  entries: readonly T[],
  describe: (entry: T) => string,
): string {
  return message.replace(UUID, (id) => {
    const entry = entries.find((candidate) => candidate.visitId.toLowerCase() === id.toLowerCase());
    return entry ? describe(entry) : id;
  });
}
