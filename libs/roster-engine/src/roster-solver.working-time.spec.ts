import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';
import { datesBetween } from '@homecare/scenario';
import { checkRoster } from './roster-checker';
import { solveRoster } from './roster-solver';
import { caregiver, client, hasReferee, refereeVerdicts, scenarioOf, visit } from './scenario.fixtures';

// The engine keeps working-time law as hard rules, puts critical visits first and listens to
// caregivers' wishes; each roster is also put to the shared referee when it is present.

const PERIOD = { start: '2026-11-23', end: '2026-12-06' };
const DATES = datesBetween(PERIOD.start, PERIOD.end);
const allDay = DATES.map((date) => ({ start: `${date}T06:00`, end: `${date}T23:30` }));
const quick = { timeLimitMs: 400, maxIterations: 400, seed: 1 };

function team(extra: Partial<ScenarioDocument> = {}, visits = extra.visits ?? []): ScenarioDocument {
  return scenarioOf({
    period: PERIOD,
    caregivers: [
      caregiver('cg-a', { availability: allDay, maxMinutesPerDay: null }),
      caregiver('cg-b', { availability: allDay, maxMinutesPerDay: null }),
    ],
    clients: [client('cl-1', { history: { 'cg-a': 20 }, preferredCaregivers: ['cg-a'] }), client('cl-2')],
    ...extra,
    visits,
  });
}

const caregiverOf = (roster: RosterDocument, visitId: string): string[] | undefined =>
  roster.assignments.find((assignment) => assignment.visitId === visitId)?.caregiverIds;

async function solveAndReferee(scenario: ScenarioDocument): Promise<RosterDocument> {
  const { roster } = await solveRoster(scenario, quick);
  expect(checkRoster(scenario, roster).violations).toEqual([]);
  if (hasReferee()) expect(refereeVerdicts([{ scenario, roster }])[0].violations).toEqual([]);
  return roster;
}

describe('solveRoster with working-time rules', () => {
  it("keeps 11 hours of rest: the client's own caregiver is not planned for the early visit after her late one", async () => {
    // Anna alone can do the late nursing visit on Monday; Tuesday 07:00 would leave her 8h30 of rest.
    const scenario = team({ rules: { minRestMinutes: 660 } }, [
      visit('v-late', 'cl-2', '2026-11-23T22:00', '2026-11-23T22:30', 30, { requiredSkills: ['nursing'] }),
      visit('v-early', 'cl-1', '2026-11-24T07:00', '2026-11-24T07:45', 45),
    ]);
    scenario.caregivers[0].skills = ['personal-care', 'nursing'];
    const roster = await solveAndReferee(scenario);
    expect(caregiverOf(roster, 'v-late')).toEqual(['cg-a']);
    expect(caregiverOf(roster, 'v-early')).toEqual(['cg-b']);
    const explanation = roster.assignments.find(
      (assignment) => assignment.visitId === 'v-early',
    )!.explanation;
    expect(explanation).toContain(
      'not Anna: would have 8h30 rest after the late visit on Mon 23 Nov until 22:30, less than the 11h00 required',
    );
    // The same as a code with figures, for the team's own language.
    const codes = roster.assignments.find((assignment) => assignment.visitId === 'v-early')!.explanationCodes;
    expect(codes).toContainEqual({
      code: 'kept-away-by-rule',
      params: {
        zone: expect.any(String),
        caregiver: 'Anna',
        breach: expect.objectContaining({
          rule: 'rest',
          rest: 510,
          required: 660,
          side: 'after',
          date: '2026-11-23',
        }),
      },
    });
    expect(
      roster.assignments
        .find((assignment) => assignment.visitId === 'v-late')!
        .explanationCodes!.filter((reason) => reason.code === 'kept-away-by-rule'),
    ).toEqual([]);
  });

  it('moves a visit later in its window rather than break the rest', async () => {
    const scenario = team({ rules: { minRestMinutes: 660 } }, [
      visit('v-late', 'cl-1', '2026-11-23T21:00', '2026-11-23T22:00', 60),
      visit('v-next', 'cl-1', '2026-11-24T07:00', '2026-11-24T10:00', 30),
    ]);
    scenario.caregivers = [scenario.caregivers[0]];
    const roster = await solveAndReferee(scenario);
    expect(roster.assignments.find((assignment) => assignment.visitId === 'v-next')?.start).toBe(
      '2026-11-24T09:00',
    );
  });

  it('gives nobody more days in a row than allowed, and says why when nobody is left', async () => {
    const days = DATES.slice(0, 7);
    const scenario = team(
      { rules: { maxConsecutiveDays: 6 } },
      days.map((date, index) => visit(`v-${index}`, 'cl-1', `${date}T09:00`, `${date}T10:00`, 30)),
    );
    scenario.caregivers = [scenario.caregivers[0]];
    const { roster, kpis } = await solveRoster(scenario, quick);
    expect(checkRoster(scenario, roster).violations).toEqual([]);
    expect(kpis.assignedVisits).toBe(6);
    expect(roster.unassigned[0].reason).toContain('Anna would work 7 days in a row');
    expect(roster.unassigned[0].reason).toContain('more than the 6 allowed');
    expect(roster.unassigned[0].reasonCode).toMatchObject({
      code: 'fully-booked',
      params: {
        limits: [
          {
            caregiver: 'Anna',
            breach: expect.objectContaining({ rule: 'consecutive-days', run: 7, limit: 6 }),
          },
        ],
      },
    });
    expect(roster.unassigned[0].reasonCode!.params.critical).toBeUndefined();
  });

  it('counts weekly limits per ISO week, so a two-week period holds two weeks of work', async () => {
    const scenario = team(
      {},
      DATES.map((date, index) => visit(`v-${index}`, 'cl-1', `${date}T09:00`, `${date}T11:00`, 100)),
    );
    scenario.caregivers = [{ ...scenario.caregivers[0], maxMinutesPerWeek: 500 }];
    const roster = await solveAndReferee(scenario);
    // five visits of 100 minutes per ISO week
    expect(roster.assignments).toHaveLength(10);
    for (const week of [DATES.slice(0, 7), DATES.slice(7)]) {
      const inWeek = roster.assignments.filter((assignment) => week.includes(assignment.start.slice(0, 10)));
      expect(inWeek).toHaveLength(5);
    }
  });
});

describe('solveRoster with priorities and wishes', () => {
  it('covers the critical visit when only one of two can go, and lists an uncovered critical visit first', async () => {
    const scenario = team({}, [
      visit('v-social', 'cl-1', '2026-11-23T09:00', '2026-11-23T10:00', 60, { priority: 'optional' }),
      visit('v-normal', 'cl-1', '2026-11-23T09:00', '2026-11-23T10:00', 60),
      visit('v-insulin', 'cl-2', '2026-11-23T09:00', '2026-11-23T10:00', 60, { priority: 'critical' }),
      visit('v-insulin-2', 'cl-2', '2026-11-23T09:00', '2026-11-23T10:00', 60, {
        priority: 'critical',
        requiredSkills: ['nursing'],
      }),
    ]);
    scenario.caregivers = [scenario.caregivers[0]];
    const { roster, kpis } = await solveRoster(scenario, quick);
    expect(caregiverOf(roster, 'v-insulin')).toEqual(['cg-a']);
    expect(kpis.criticalCoverage).toBe(0.5);
    expect(roster.unassigned[0]).toMatchObject({ visitId: 'v-insulin-2' });
    expect(roster.unassigned[0].reason).toMatch(
      /^critical visit left out: nobody in the team has the skill nursing/,
    );
    expect(roster.unassigned[0].reasonCode).toMatchObject({ code: 'no-skill', params: { critical: true } });
    expect(roster.unassigned.find((entry) => entry.visitId === 'v-social')!.reasonCode).toMatchObject({
      code: 'fully-booked',
    });
  });

  it('gives an avoided evening to the colleague who did not ask to avoid it, when continuity allows', async () => {
    const scenario = team({}, [visit('v-eve', 'cl-2', '2026-11-24T19:00', '2026-11-24T20:00', 60)]);
    scenario.caregivers[1].wishes = [{ kind: 'avoid', start: '2026-11-24T18:00', end: '2026-11-24T23:00' }];
    const roster = await solveAndReferee(scenario);
    expect(caregiverOf(roster, 'v-eve')).toEqual(['cg-a']);
  });

  it('shares weekends and evenings out more evenly than a wish-blind run', async () => {
    // two weekends of visits at three clients; Anna knows them all, Bram none
    const clients = [client('cl-1'), client('cl-2', { location: { lat: 52.365, lon: 4.905 } })];
    const weekendDates = DATES.filter((date) =>
      ['2026-11-28', '2026-11-29', '2026-12-05', '2026-12-06'].includes(date),
    );
    const visits = weekendDates.flatMap((date, index) => [
      visit(`v-${index}-a`, 'cl-1', `${date}T09:00`, `${date}T12:00`, 45),
      visit(`v-${index}-b`, 'cl-2', `${date}T09:00`, `${date}T12:00`, 45),
    ]);
    const scenario = team({ clients }, visits);
    const fair = await solveRoster(scenario, quick);
    const blind = await solveRoster(scenario, { ...quick, weights: { unsocialFairness: 0 } });
    expect(fair.kpis.unsocialStdDev).toBeLessThanOrEqual(blind.kpis.unsocialStdDev);
  });
});
