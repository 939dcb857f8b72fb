import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adjustmentLines } from './adjustments';
import {
  exportCsv,
  exportJson,
  neutraliseFormula,
  PAYROLL_CSV_COLUMNS,
  type PayrollExportLine,
} from './export';
import { periodContaining } from './pay-period';
import { caregiver, collect, HOME, parseCsv, settings, TEN_MINUTES_AWAY, visit } from './payroll.factory';
import { computeTimesheet } from './timesheet';
import type { CaregiverTimesheet } from './types';

const period = periodContaining({ frequency: 'weekly', anchorDate: '2026-01-05' }, '2026-06-09');

function timesheetFor(id: string, name: string): CaregiverTimesheet {
  return computeTimesheet(settings(), period, {
    caregiver: caregiver({ id, name }),
    visits: [
      visit({ id: `${id}-v1`, start: '2026-06-09T21:00', end: '2026-06-09T22:30', location: HOME }),
      visit({
        id: `${id}-v2`,
        start: '2026-06-09T22:45',
        end: '2026-06-09T23:15',
        location: TEN_MINUTES_AWAY,
      }),
    ],
  });
}

async function* lazily(timesheets: CaregiverTimesheet[]): AsyncGenerator<CaregiverTimesheet> {
  for (const timesheet of timesheets) yield timesheet;
}

describe('CSV export', () => {
  const awkward = 'Jansen, "Piet"\nde Vries';
  const formula = '=HYPERLINK("http://evil.example","click")';
  const timesheets = [
    timesheetFor('cg-1', awkward),
    timesheetFor('cg-2', formula),
    timesheetFor('cg-3', 'Zeynep Çelik'),
  ];

  it('starts with the documented header row', async () => {
    const rows = parseCsv(await collect(exportCsv(lazily([]))));
    expect(rows).toEqual([PAYROLL_CSV_COLUMNS.map((column) => column.name)]);
    expect(rows[0]).toEqual(
      expect.arrayContaining(['caregiver_name', 'hour_type', 'band', 'minutes', 'hours', 'kilometres']),
    );
  });

  it('quotes commas, quotes and newlines as RFC 4180 says, with CRLF records', async () => {
    const text = await collect(exportCsv(lazily(timesheets)));
    expect(text).toContain('"Jansen, ""Piet""\nde Vries"');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    const names = new Set(rows.slice(1).map((row) => row[1]));
    expect(names).toEqual(new Set([awkward, `'${formula}`, 'Zeynep Çelik']));
  });

  it('neutralises text cells a spreadsheet would run as a formula, but keeps negative numbers numeric', async () => {
    const locked = timesheetFor('cg-2', formula);
    const shorter = computeTimesheet(settings(), period, {
      caregiver: caregiver({ id: 'cg-2', name: formula }),
      visits: [visit({ id: 'cg-2-v1', start: '2026-06-09T21:00', end: '2026-06-09T22:00' })],
    });
    const withAdjustment: CaregiverTimesheet = {
      ...shorter,
      lines: [...shorter.lines, ...adjustmentLines(locked, shorter)],
    };
    const text = await collect(exportCsv(lazily([withAdjustment])));
    const rows = parseCsv(text);
    const header = rows[0];
    const column = (name: string) => header.indexOf(name);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const visitAdjustment = rows.find(
      (row) => row[column('hour_type')] === 'adjustment' && row[column('adjusts_hour_type')] === 'visit',
    )!;
    // 90 + 30 min locked, 60 min recomputed: -60 min, -1 h, written as plain numbers.
    expect(visitAdjustment[column('minutes')]).toBe('-60');
    expect(visitAdjustment[column('hours')]).toBe('-1');
    expect(text).toMatch(/,-60,-1,/);
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    expect(neutraliseFormula('Zeynep')).toBe('Zeynep');
  });

  it('writes UTF-8 (and a byte order mark only when asked)', async () => {
    const text = await collect(exportCsv(lazily([timesheets[2]])));
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.includes(Buffer.from([0xc3, 0x87]))).toBe(true); // Ç
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const withBom = await collect(exportCsv([timesheets[2]], { bom: true }));
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
  });

  it('streams one caregiver per chunk, pulling the next caregiver only when asked', async () => {
    let pulled = 0;
    async function* counting(): AsyncGenerator<CaregiverTimesheet> {
      for (const timesheet of timesheets) {
        pulled++;
        yield timesheet;
      }
    }
    const iterator = exportCsv(counting())[Symbol.asyncIterator]();
    await iterator.next(); // header
    expect(pulled).toBe(0);
    await iterator.next();
    expect(pulled).toBe(1);
    await iterator.return(undefined);
  });
});

describe('JSON export', () => {
  it('streams a JSON array of line objects matching the CSV rows', async () => {
    const timesheets = [timesheetFor('cg-1', 'A'), timesheetFor('cg-2', 'B')];
    const lines = JSON.parse(await collect(exportJson(lazily(timesheets)))) as PayrollExportLine[];
    expect(lines).toHaveLength(timesheets[0].lines.length + timesheets[1].lines.length);
    expect(lines[0]).toMatchObject({
      caregiverId: 'cg-1',
      periodId: period.id,
      hourType: 'visit',
      source: 'planned',
      minutes: 120,
    });
    expect(JSON.parse(await collect(exportJson(lazily([]))))).toEqual([]);
    const csvRows = parseCsv(await collect(exportCsv(lazily(timesheets))));
    expect(csvRows).toHaveLength(lines.length + 1);
  });
});

describe('column documentation', () => {
  it('documents every CSV column in README.md, in order and with the same meaning', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([a-z_]+)` +\| (text|number) +\| (.+?) +\|$/gm)].map(
      (match) => ({
        name: match[1],
        type: match[2],
        description: match[3].replace(/\\\|/g, '|'),
      }),
    );
    expect(documented).toEqual(PAYROLL_CSV_COLUMNS);
  });
});
