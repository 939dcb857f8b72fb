// Small factories for the payroll specs: local wall-clock times in, plain input objects out.
import { parseLocalDateTime, type LatLon } from '@homecare/scenario';
import { DEFAULT_PREMIUM_BANDS } from './premium-bands';
import { holidaysOf, NL_HOLIDAYS } from './holidays';
import type { CaregiverPayProfile, PayrollSettings, TimeCorrection, VisitStatus, WorkedVisit } from './types';

export const ZONE = 'Europe/Amsterdam';
export const at = (local: string): number => parseLocalDateTime(local, ZONE);

export const HOME: LatLon = { lat: 52.0, lon: 5.0 };
/** 0.017 degrees of latitude north of HOME: 1.890 km, x 1.3 = 2.457 km, at 15 km/h 9.83 -> 10 min. */
export const TEN_MINUTES_AWAY: LatLon = { lat: 52.017, lon: 5.0 };

export function settings(overrides: Partial<PayrollSettings> = {}): PayrollSettings {
  return {
    timeZone: ZONE,
    premiumBands: DEFAULT_PREMIUM_BANDS,
    publicHolidays: holidaysOf(NL_HOLIDAYS),
    travel: { speedKmh: 15, detourFactor: 1.3 },
    ...overrides,
  };
}

export function caregiver(overrides: Partial<CaregiverPayProfile> = {}): CaregiverPayProfile {
  return { id: 'cg-1', name: 'Anna de Vries', contractMinutesPerWeek: 36 * 60, ...overrides };
}

export interface VisitSpec {
  id: string;
  start: string;
  end: string;
  shiftId?: string;
  location?: LatLon;
  status?: VisitStatus;
  checkIn?: string;
  checkOut?: string;
  latestStart?: string;
  corrections?: { start: string; end: string; reason: string; correctedAt: string }[];
}

export function visit(spec: VisitSpec): WorkedVisit {
  const corrections: TimeCorrection[] | undefined = spec.corrections?.map((correction) => ({
    start: at(correction.start),
    end: at(correction.end),
    reason: correction.reason,
    correctedAt: at(correction.correctedAt),
  }));
  return {
    id: spec.id,
    location: spec.location ?? HOME,
    shiftId: spec.shiftId ?? `shift-${spec.start.slice(0, 10)}`,
    status: spec.status ?? 'done',
    plannedStart: at(spec.start),
    plannedEnd: at(spec.end),
    ...(spec.checkIn !== undefined && { checkIn: at(spec.checkIn) }),
    ...(spec.checkOut !== undefined && { checkOut: at(spec.checkOut) }),
    ...(spec.latestStart !== undefined && { latestStart: at(spec.latestStart) }),
    ...(corrections && { corrections }),
  };
}

/** A strict RFC 4180 reader for the tests: CRLF records, double quotes, "" inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let index = 0;
  let quoted = false;
  while (index < text.length) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      index++;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index++;
    } else if (char === '\n' || char === '\r' || char === '"')
      throw new Error(`bare ${JSON.stringify(char)} at ${index}`);
    else cell += char;
    index++;
  }
  if (cell !== '' || row.length > 0) throw new Error('last record not terminated by CRLF');
  return rows;
}

export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
