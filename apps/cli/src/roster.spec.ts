import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from './roster';

// The command line end to end on a tiny team: solve, then check what it wrote.

const scenario = {
  format: 'homecare-scenario/v1',
  timezone: 'Europe/Amsterdam',
  period: { start: '2026-11-23', end: '2026-11-23' },
  caregivers: [
    {
      id: 'cg-a',
      name: 'Anna',
      skills: ['personal-care'],
      maxMinutesPerWeek: 600,
      availability: [{ start: '2026-11-23T08:00', end: '2026-11-23T12:00' }],
    },
  ],
  clients: [{ id: 'cl-1', location: { lat: 52.36, lon: 4.9 } }],
  visits: [
    {
      id: 'v-1',
      clientId: 'cl-1',
      earliestStart: '2026-11-23T08:00',
      latestEnd: '2026-11-23T10:00',
      durationMinutes: 30,
      requiredSkills: ['personal-care'],
    },
    {
      id: 'v-2',
      clientId: 'cl-1',
      earliestStart: '2026-11-23T14:00',
      latestEnd: '2026-11-23T15:00',
      durationMinutes: 30,
      requiredSkills: ['personal-care'],
    },
  ],
};

describe('roster command line', () => {
  let directory: string;
  let output: string[];
  let errors: string[];
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'roster-cli-'));
    output = [];
    errors = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(String(line)));
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(String(line)));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(directory, { recursive: true, force: true });
  });

  it('solves a scenario, writes the roster and prints a summary; check accepts it', async () => {
    const scenarioPath = path.join(directory, 'scenario.json');
    const rosterPath = path.join(directory, 'roster.json');
    writeFileSync(scenarioPath, JSON.stringify(scenario));
    expect(
      await main([
        'solve',
        '--in',
        scenarioPath,
        '--out',
        rosterPath,
        '--time-limit-ms',
        '200',
        '--seed',
        '3',
      ]),
    ).toBe(0);
    expect(output[0]).toBe('rules: none');
    expect(output.join('\n')).toMatch(
      /coverage 50\.0%, assigned 1\/2, mean distinct caregivers per client 1\.00, travel 0 min, critical coverage – \(no critical visits\), avoid-wish 0 min, unsocial sd 0\.0000, first valid \d+ ms, elapsed \d+ ms/,
    );
    const roster = JSON.parse(readFileSync(rosterPath, 'utf8'));
    expect(roster.format).toBe('homecare-roster/v1');
    // The roster's text for people (English, Intl date and 24-hour clock), its code for programs.
    expect(roster.unassigned[0].reason).toContain(
      'no caregiver with skill personal-care is available on Mon 23 Nov 14:00–15:00',
    );
    expect(roster.unassigned[0].reasonCode).toMatchObject({
      code: 'none-available',
      params: { skills: ['personal-care'] },
    });
    output = [];
    expect(await main(['check', '--in', scenarioPath, '--roster', rosterPath, '--json'])).toBe(0);
    expect(JSON.parse(output.join('\n'))).toMatchObject({ ok: true, violations: [] });
  });

  it('takes the working-time rules from the scenario or the command line and prints the rule KPIs', async () => {
    // A critical 22:30 visit and a 07:00 visit the next morning for Anna alone: 8 h 00 between them.
    const lateEarly = {
      ...scenario,
      period: { start: '2026-11-23', end: '2026-11-24' },
      rules: { minRestMinutes: 660 },
      caregivers: [
        {
          ...scenario.caregivers[0],
          availability: [
            { start: '2026-11-23T22:00', end: '2026-11-23T23:30' },
            { start: '2026-11-24T06:30', end: '2026-11-24T08:00' },
          ],
          wishes: [{ kind: 'avoid', start: '2026-11-24T06:00', end: '2026-11-24T08:00' }],
        },
      ],
      visits: [
        {
          ...scenario.visits[0],
          id: 'late',
          earliestStart: '2026-11-23T22:30',
          latestEnd: '2026-11-23T23:00',
          priority: 'critical',
        },
        {
          ...scenario.visits[0],
          id: 'early',
          earliestStart: '2026-11-24T07:00',
          latestEnd: '2026-11-24T07:30',
        },
      ],
    };
    const scenarioPath = path.join(directory, 'late-early.json');
    const rosterPath = path.join(directory, 'roster.json');
    writeFileSync(scenarioPath, JSON.stringify(lateEarly));
    const solve = async (...extra: string[]) => {
      output = [];
      expect(
        await main(['solve', '--in', scenarioPath, '--out', rosterPath, '--time-limit-ms', '200', ...extra]),
      ).toBe(0);
      return JSON.parse(readFileSync(rosterPath, 'utf8'));
    };

    // The scenario's 11 h: the critical visit is kept, the early one left out for the rest rule.
    let roster = await solve();
    expect(output[0]).toBe('rules: rest at least 11h00');
    expect(output[1]).toMatch(
      /coverage 50\.0%, .*critical coverage 100\.0%, avoid-wish 0 min, unsocial sd \d+\.\d{4}/,
    );
    expect(roster.unassigned).toEqual([
      {
        visitId: 'early',
        reason: expect.stringContaining('would have 8h00 rest'),
        reasonCode: expect.objectContaining({ code: 'fully-booked' }),
      },
    ]);

    // 8 h allowed on the command line: both, and the avoid wish is broken for 30 minutes.
    roster = await solve('--min-rest-minutes', '480', '--max-consecutive-days', '6');
    expect(output[0]).toBe('rules: rest at least 8h00, at most 6 days in a row');
    expect(output[1]).toMatch(/coverage 100\.0%, .*critical coverage 100\.0%, avoid-wish 30 min/);
    expect(roster.unassigned).toEqual([]);

    // That roster, checked under the scenario's own rule and under the rule switched off.
    output = [];
    expect(await main(['check', '--in', scenarioPath, '--roster', rosterPath])).toBe(1);
    expect(output.join('\n')).toContain('violation rest');
    output = [];
    expect(
      await main([
        'check',
        '--in',
        scenarioPath,
        '--roster',
        rosterPath,
        '--min-rest-minutes',
        'off',
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(output.join('\n'))).toMatchObject({
      ok: true,
      rules: {},
      kpis: { criticalCoverage: 1, avoidWishMinutes: 30 },
    });

    expect(
      await main(['solve', '--in', scenarioPath, '--out', rosterPath, '--max-consecutive-days', '0']),
    ).toBe(2);
    expect(errors.join('\n')).toContain('--max-consecutive-days must be 1 or more');
  });

  it('exits 1 on a roster that breaks a rule', async () => {
    const scenarioPath = path.join(directory, 'scenario.json');
    const rosterPath = path.join(directory, 'roster.json');
    writeFileSync(scenarioPath, JSON.stringify(scenario));
    writeFileSync(
      rosterPath,
      JSON.stringify({
        format: 'homecare-roster/v1',
        assignments: [{ visitId: 'v-1', caregiverIds: ['cg-a'], start: '2026-11-23T09:45' }],
        unassigned: [{ visitId: 'v-2', reason: 'x' }],
      }),
    );
    expect(await main(['check', '--in', scenarioPath, '--roster', rosterPath])).toBe(1);
    expect(output.join('\n')).toContain('violation time-window');
  });

  it('exits 2 with the problems of an invalid scenario', async () => {
    const scenarioPath = path.join(directory, 'scenario.json');
    writeFileSync(scenarioPath, JSON.stringify({ ...scenario, timezone: 'Nowhere/City' }));
    expect(await main(['solve', '--in', scenarioPath, '--out', path.join(directory, 'roster.json')])).toBe(2);
    expect(errors.join('\n')).toContain('$.timezone');
  });

  it('exits 2 on bad usage and prints help on --help', async () => {
    expect(await main(['solve'])).toBe(2);
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['solve', '--in', 'a.json', '--out', 'b.json', '--time-limit-ms', 'soon'])).toBe(2);
    expect(await main(['--help'])).toBe(0);
    expect(output.join('\n')).toContain('roster solve --in SCENARIO.json');
  });
});
