import { describe, expect, it } from '@jest/globals';
import {
  cellValue,
  columnsFor,
  fileNameOf,
  flagWhen,
  hoursOf,
  mergePeriods,
  readableMessage,
  shiftDate,
  totalsOf,
  type Sheet,
  type SheetLine,
} from './timesheet-table';

const line = (
  hourType: SheetLine['hourType'],
  minutes: number,
  extra: Partial<Sheet['lines'][number]> = {},
) => ({
  hourType,
  band: '',
  minutes,
  kilometres: 0,
  ...extra,
});

const anna: Sheet = {
  caregiverId: 'anna',
  lines: [
    line('visit', 300, {}),
    line('visit', 60, {}),
    line('travel', 45, { kilometres: 12.3456 }),
    line('waiting', 20),
    line('premium', 90, { band: 'night', percentage: 44 }),
    line('premium', 30, { band: 'saturday', percentage: 38 }),
  ],
  totals: { workedMinutes: 405, contractMinutes: 480 },
};
const bram: Sheet = {
  caregiverId: 'bram',
  lines: [
    line('visit', 600),
    line('overtime', 40, { band: 'day' }),
    line('overtime', 20, { band: 'week' }),
    line('premium', 15, { band: 'retired-band', percentage: 10 }),
    line('adjustment', -30, { band: '' }),
  ],
  totals: { workedMinutes: 600, contractMinutes: 540 },
};
const bands = [
  { id: 'evening', label: 'Evening', percentage: 22 },
  { id: 'saturday', label: 'Saturday', percentage: 38 },
  { id: 'night', label: 'Night', percentage: 44 },
];

describe('the timesheet table', () => {
  it('has the hour types, the premium bands in use in settings order, and adjustments only when there are any', () => {
    expect(columnsFor([anna], bands).map((column) => column.id)).toEqual([
      'visit',
      'travel',
      'waiting',
      'worked',
      'contract',
      'overtime',
      'premium:saturday',
      'premium:night',
      'kilometres',
    ]);
    const both = columnsFor([anna, bram], bands);
    expect(both.map((column) => column.id)).toEqual([
      'visit',
      'travel',
      'waiting',
      'worked',
      'contract',
      'overtime',
      'premium:saturday',
      'premium:night',
      'premium:retired-band',
      'adjustment',
      'kilometres',
    ]);
    expect(both.find((column) => column.id === 'premium:night')).toMatchObject({
      label: 'Night',
      percentage: 44,
    });
  });

  it('sums the lines of each hour type and band, and takes worked and contract from the totals', () => {
    const columns = columnsFor([anna, bram], bands);
    const row = (sheet: Sheet) =>
      Object.fromEntries(columns.map((column) => [column.id, cellValue(sheet, column)]));
    expect(row(anna)).toEqual({
      visit: 360,
      travel: 45,
      waiting: 20,
      worked: 405,
      contract: 480,
      overtime: 0,
      'premium:saturday': 30,
      'premium:night': 90,
      'premium:retired-band': 0,
      adjustment: 0,
      kilometres: 12.346,
    });
    expect(row(bram)).toMatchObject({ overtime: 60, adjustment: -30, 'premium:retired-band': 15 });
    expect(totalsOf([anna, bram], columns)).toEqual([960, 45, 20, 1005, 1020, 60, 30, 90, 15, -30, 12.346]);
  });

  it('shows minutes as decimal hours', () => {
    expect(hoursOf(450)).toBe(7.5);
    expect(hoursOf(20)).toBe(0.33);
    expect(hoursOf(-30)).toBe(-0.5);
  });
});

describe('the CSV file name', () => {
  it("takes the server's name, the extended form first, never a path", () => {
    expect(fileNameOf('attachment; filename="payroll-2026-10-05_2026-10-11.csv"', 'x.csv')).toBe(
      'payroll-2026-10-05_2026-10-11.csv',
    );
    expect(fileNameOf("attachment; filename=plain.csv; filename*=UTF-8''uren%20oktober.csv", 'x.csv')).toBe(
      'uren oktober.csv',
    );
    expect(fileNameOf('attachment; filename=../../etc/passwd', 'x.csv')).toBe('passwd');
    expect(fileNameOf('attachment', 'fallback.csv')).toBe('fallback.csv');
    expect(fileNameOf(null, 'fallback.csv')).toBe('fallback.csv');
  });
});

describe('the period list', () => {
  it('merges overlapping lists, newest first', () => {
    expect(
      mergePeriods([
        [{ key: '2026-10-05' }, { key: '2026-10-12' }],
        [{ key: '2026-09-28' }, { key: '2026-10-05' }],
      ]).map((period) => period.key),
    ).toEqual(['2026-10-12', '2026-10-05', '2026-09-28']);
    expect(shiftDate('2026-01-01', -92)).toBe('2025-10-01');
  });
});

describe('when a warning happened', () => {
  const entries = [{ visitId: 'v1', date: '2026-10-06', start: 29_000_000 }];
  it("uses the counted visit's day and start, else the flag's own date", () => {
    expect(flagWhen({ kind: 'late', visitId: 'v1' }, entries)).toEqual({
      date: '2026-10-06',
      start: 29_000_000,
    });
    expect(flagWhen({ kind: 'missed', visitId: 'v9' }, entries)).toEqual({ date: undefined });
    expect(flagWhen({ kind: 'rest-too-short', date: '2026-10-07' }, entries)).toEqual({ date: '2026-10-07' });
    expect(flagWhen({ kind: 'week-over-limit', weekStart: '2026-10-05' }, entries)).toEqual({
      date: '2026-10-05',
    });
    expect(flagWhen({ kind: 'no-break', start: 28_000_000 }, entries)).toEqual({ start: 28_000_000 });
  });
});

describe('a readable warning', () => {
  it('names counted visits by their start, and leaves other ids as the API wrote them', () => {
    const first = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const second = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const entries = [{ visitId: first, date: '2026-10-06', start: 1 }];
    expect(
      readableMessage(
        `visits ${first} and ${second} overlap by 10 min`,
        entries,
        (entry) => `on ${entry.date}`,
      ),
    ).toBe(`visits on 2026-10-06 and ${second} overlap by 10 min`);
  });
});
