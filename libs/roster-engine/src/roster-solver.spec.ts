import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';
import { checkRoster } from './roster-checker';
import { solveRoster } from './roster-solver';
import { ScenarioInvalidError } from './scenario-invalid.error';
import { caregiver, client, hasReferee, refereeVerdicts, scenarioOf, visit } from './scenario.fixtures';

const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const wholeWeek = days.map((day) => ({ start: `${day}T07:00`, end: `${day}T13:00` }));

/** One client with a morning visit each weekday; two identical caregivers. */
function morningScenario(): ScenarioDocument {
  return scenarioOf({
    caregivers: [
      caregiver('cg-a', { availability: wholeWeek }),
      caregiver('cg-b', { availability: wholeWeek }),
    ],
    clients: [client('cl-1'), client('cl-2', { location: { lat: 52.365, lon: 4.905 } })],
    visits: days.flatMap((day, index) => [
      visit(`v-${index}-1`, 'cl-1', `${day}T08:00`, `${day}T10:00`, 45),
      visit(`v-${index}-2`, 'cl-2', `${day}T08:00`, `${day}T10:00`, 45),
    ]),
  });
}

const caregiversOfClient = (
  scenario: ScenarioDocument,
  roster: RosterDocument,
  clientId: string,
): Set<string> => {
  const visits = new Set(
    scenario.visits.filter((candidate) => candidate.clientId === clientId).map((candidate) => candidate.id),
  );
  return new Set(
    roster.assignments
      .filter((assignment) => visits.has(assignment.visitId))
      .flatMap((assignment) => assignment.caregiverIds),
  );
};

const quick = { timeLimitMs: 300, maxIterations: 300 };

describe('solveRoster', () => {
  it('gives each client one caregiver when two are equally good', async () => {
    const scenario = morningScenario();
    const { roster, kpis } = await solveRoster(scenario, quick);
    expect(checkRoster(scenario, roster).valid).toBe(true);
    expect(kpis.coverage).toBe(1);
    expect(caregiversOfClient(scenario, roster, 'cl-1').size).toBe(1);
    expect(caregiversOfClient(scenario, roster, 'cl-2').size).toBe(1);
    expect(kpis.meanDistinctCaregiversPerClient).toBe(1);
  });

  it('chooses the preferred caregiver, and explains why', async () => {
    const scenario = morningScenario();
    scenario.clients[0].preferredCaregivers = ['cg-b'];
    scenario.clients[0].history = { 'cg-b': 7 };
    const { roster } = await solveRoster(scenario, quick);
    expect([...caregiversOfClient(scenario, roster, 'cl-1')]).toEqual(['cg-b']);
    const assignment = roster.assignments.find((candidate) => candidate.visitId === 'v-2-1')!;
    expect(assignment.explanation).toEqual(
      expect.arrayContaining(['preferred by the client', 'knows the client (7 earlier visits)']),
    );
    expect(assignment.explanation!.some((line) => line.startsWith('already visits this client'))).toBe(true);
  });

  it('never sends an excluded caregiver, even when that leaves a visit uncovered', async () => {
    const scenario = morningScenario();
    scenario.caregivers = [scenario.caregivers[0]];
    scenario.clients[0].excludedCaregivers = ['cg-a'];
    const { roster } = await solveRoster(scenario, quick);
    expect(caregiversOfClient(scenario, roster, 'cl-1').size).toBe(0);
    const reason = roster.unassigned.find((entry) => entry.visitId === 'v-0-1')!.reason;
    expect(reason).toContain('Anna');
    expect(reason).toContain('excluded by the client');
  });

  it('says which skill and day are missing for a visit nobody can do', async () => {
    const scenario = morningScenario();
    scenario.visits.push(
      visit('v-sunday', 'cl-1', '2026-11-29T09:00', '2026-11-29T12:00', 30, { requiredSkills: ['nursing'] }),
    );
    scenario.caregivers.push(
      caregiver('cg-c', {
        skills: ['nursing'],
        availability: [{ start: '2026-11-28T09:00', end: '2026-11-28T12:00' }],
      }),
    );
    const { roster } = await solveRoster(scenario, quick);
    const entry = roster.unassigned.find((candidate) => candidate.visitId === 'v-sunday');
    expect(entry?.reason).toBe('no caregiver with skill nursing is available on Sun 29 Nov 09:00–12:00');
    // the same as a code with parameters, for readers in another language
    expect(entry?.reasonCode).toEqual({
      code: 'none-available',
      params: {
        zone: scenario.timezone,
        from: expect.stringMatching(/^2026-11-29T\d\d:00:00\.000Z$/),
        to: expect.stringMatching(/^2026-11-29T\d\d:00:00\.000Z$/),
        skills: ['nursing'],
      },
    });
    expect(checkRoster(scenario, roster).valid).toBe(true);
  });

  it('explains a double-up visit when only one qualified caregiver is free', async () => {
    const scenario = morningScenario();
    scenario.caregivers[1].availability = [];
    scenario.visits = [
      visit('v-double', 'cl-1', '2026-11-23T08:00', '2026-11-23T10:00', 30, { caregiversNeeded: 2 }),
    ];
    const { roster } = await solveRoster(scenario, quick);
    expect(roster.unassigned[0].reason).toContain(
      'needs two caregivers together but only one qualified caregiver is available then (Anna)',
    );
  });

  it('explains a visit nobody can fit in because the week is full', async () => {
    const scenario = morningScenario();
    scenario.caregivers = [caregiver('cg-a', { availability: wholeWeek, maxMinutesPerWeek: 200 })];
    scenario.clients = [scenario.clients[0]];
    scenario.visits = scenario.visits.filter((candidate) => candidate.clientId === 'cl-1');
    const { roster, kpis } = await solveRoster(scenario, quick);
    expect(kpis.assignedVisits).toBe(4);
    expect(roster.unassigned[0].reason).toContain(
      "Anna would work 3h45 in the week of Mon 23 Nov, more than the contract's 3h20",
    );
  });

  it('schedules double-up visits with two caregivers starting together', async () => {
    const scenario = morningScenario();
    scenario.visits.push(
      visit('v-double', 'cl-2', '2026-11-23T10:00', '2026-11-23T12:00', 30, { caregiversNeeded: 2 }),
    );
    const { roster } = await solveRoster(scenario, quick);
    const double = roster.assignments.find((assignment) => assignment.visitId === 'v-double')!;
    expect(new Set(double.caregiverIds).size).toBe(2);
    expect(checkRoster(scenario, roster).valid).toBe(true);
  });

  it('keeps pinned visits exactly, even a pin that breaks a rule', async () => {
    const scenario = morningScenario();
    scenario.pinned = [
      { visitId: 'v-0-1', caregiverIds: ['cg-b'], start: '2026-11-23T09:00' },
      // cg-a lacks nursing: the team decided anyway, so the roster keeps it and the checker says so
      { visitId: 'v-1-1', caregiverIds: ['cg-a'] },
    ];
    scenario.visits[2].requiredSkills = ['nursing'];
    const { roster } = await solveRoster(scenario, quick);
    expect(roster.assignments.find((assignment) => assignment.visitId === 'v-0-1')).toMatchObject({
      caregiverIds: ['cg-b'],
      start: '2026-11-23T09:00',
    });
    expect(roster.assignments.find((assignment) => assignment.visitId === 'v-1-1')?.caregiverIds).toEqual([
      'cg-a',
    ]);
    expect(roster.assignments.find((assignment) => assignment.visitId === 'v-0-1')?.explanation).toContain(
      'pinned by the team',
    );
    expect(checkRoster(scenario, roster).violations.map((violation) => violation.rule)).toEqual(['skill']);
    expect(
      roster.assignments.find((assignment) => assignment.visitId === 'v-1-1')?.explanation?.join(' '),
    ).toContain('breaks a rule');
  });

  it('writes a start in the repeated fall-back hour with its offset (2026-10-25, Amsterdam)', async () => {
    const date = '2026-10-25';
    const scenario = scenarioOf({
      period: { start: date, end: date },
      caregivers: [caregiver('cg-a', { availability: [{ start: `${date}T01:00`, end: `${date}T05:00` }] })],
      clients: [client('cl-1')],
      visits: [
        visit('v-long', 'cl-1', `${date}T01:00`, `${date}T04:00`, 120),
        visit('v-next', 'cl-1', `${date}T01:00`, `${date}T04:00`, 30),
      ],
      // 01:00 CEST + 120 real minutes ends at 02:00 CET, the second time the clock shows 02:00
      pinned: [{ visitId: 'v-long', caregiverIds: ['cg-a'], start: `${date}T01:00` }],
    });
    const { roster } = await solveRoster(scenario, quick);
    expect(roster.assignments.find((assignment) => assignment.visitId === 'v-next')?.start).toBe(
      `${date}T02:00:00+01:00`,
    );
    expect(checkRoster(scenario, roster).valid).toBe(true);
    if (hasReferee()) expect(refereeVerdicts([{ scenario, roster }])[0].ok).toBe(true);
  });

  it('respects forbidden pairs', async () => {
    const scenario = morningScenario();
    const forbidden = days.map((_, index) => ({ visitId: `v-${index}-1`, caregiverId: 'cg-a' }));
    const { roster } = await solveRoster(scenario, { ...quick, forbidden });
    expect([...caregiversOfClient(scenario, roster, 'cl-1')]).toEqual(['cg-b']);
  });

  it('keeps the previous roster when it is still valid, and changes little when someone falls ill', async () => {
    const scenario = morningScenario();
    scenario.caregivers.push(caregiver('cg-c', { availability: wholeWeek }));
    scenario.clients.push(client('cl-3', { location: { lat: 52.355, lon: 4.895 } }));
    scenario.visits.push(
      ...days.map((day, index) => visit(`v-${index}-3`, 'cl-3', `${day}T08:00`, `${day}T10:00`, 45)),
    );
    const first = await solveRoster(scenario, { ...quick, seed: 3 });
    const again = await solveRoster(scenario, { ...quick, seed: 11, previousRoster: first.roster });
    expect(again.stats.changedFromPrevious).toBe(0);
    expect(again.roster.assignments.map(({ visitId, caregiverIds }) => ({ visitId, caregiverIds }))).toEqual(
      first.roster.assignments.map(({ visitId, caregiverIds }) => ({ visitId, caregiverIds })),
    );
    // the caregiver of cl-1 is ill on Wednesday: only that visit moves
    const ill = first.roster.assignments.find((assignment) => assignment.visitId === 'v-2-1')!
      .caregiverIds[0];
    const sick = structuredClone(scenario);
    const sickCaregiver = sick.caregivers.find((candidate) => candidate.id === ill)!;
    sickCaregiver.availability = sickCaregiver.availability.filter(
      (interval) => !interval.start.startsWith('2026-11-25'),
    );
    const after = await solveRoster(sick, { ...quick, previousRoster: first.roster });
    expect(checkRoster(sick, after.roster).valid).toBe(true);
    expect(after.kpis.coverage).toBe(1);
    expect(after.stats.changedFromPrevious).toBe(1);
  });

  it('returns a valid roster when cancelled', async () => {
    const scenario = morningScenario();
    const controller = new AbortController();
    const progress: number[] = [];
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const result = await solveRoster(scenario, {
      timeLimitMs: 20_000,
      signal: controller.signal,
      onProgress: (report) => progress.push(report.fraction),
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.stats.cancelled).toBe(true);
    expect(checkRoster(scenario, result.roster).valid).toBe(true);
    expect(result.kpis.coverage).toBe(1);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('gives the same roster for the same seed when bounded by iterations', async () => {
    const scenario = morningScenario();
    scenario.clients.push(client('cl-3', { location: { lat: 52.355, lon: 4.895 } }));
    scenario.visits.push(
      ...days.map((day, index) => visit(`v-${index}-3`, 'cl-3', `${day}T07:30`, `${day}T11:00`, 60)),
    );
    const options = { timeLimitMs: 60_000, maxIterations: 400, seed: 42 };
    const first = await solveRoster(scenario, options);
    const second = await solveRoster(scenario, options);
    expect(second.stats.iterations).toBe(400);
    expect(second.roster).toEqual(first.roster);
  });

  it('under a time budget, equals the iteration-bounded run with the same iteration count', async () => {
    const scenario = morningScenario();
    const timed = await solveRoster(scenario, { timeLimitMs: 300, seed: 5 });
    const bounded = await solveRoster(scenario, {
      timeLimitMs: 2500,
      maxIterations: timed.stats.iterations,
      seed: 5,
    });
    expect(bounded.stats.iterations).toBe(timed.stats.iterations);
    expect(bounded.roster).toEqual(timed.roster);
  });

  it('refuses a malformed scenario with every problem by JSON path', async () => {
    const scenario = morningScenario() as unknown as Record<string, unknown>;
    (scenario.visits as Record<string, unknown>[])[1].clientId = 'nobody';
    scenario.timezone = 'Mars/Olympus';
    const error = await solveRoster(scenario as unknown as ScenarioDocument).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ScenarioInvalidError);
    const paths = (error as ScenarioInvalidError).problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['$.timezone', '$.visits[1].clientId']));
  });

  it('refuses forbidden pairs that name unknown visits', async () => {
    await expect(
      solveRoster(morningScenario(), { forbidden: [{ visitId: 'v-404', caregiverId: 'cg-a' }] }),
    ).rejects.toThrow(ScenarioInvalidError);
  });
});
