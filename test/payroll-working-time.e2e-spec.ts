// Payroll and the roster speak the same working-time rules: a week in which a caregiver works seven
// days in a row is flagged on the hours API against the team's rule, and a week the engine planned
// under the team's rules (11 h rest, at most 6 days in a row) raises no working-time flag at all,
// where the same team planned without the rules does.
import type { ScenarioDocument } from '@homecare/scenario';
import { createTestApp, signInAs, unique, type TestApp } from './support/test-app';
import { ensureBuilt, startWorker, workerStarted, type ChildApp } from './support/processes';
import { publishFirstProposal } from './support/negotiation';
import type { RosterBody } from './support/rosters';
import { dayOf, weekFromNow } from './support/clock';

jest.setTimeout(180_000);

/** Three weeks ago, as of the clock: over, so payroll computes it. */
const WEEK = weekFromNow(-3);
const DAYS = [0, 1, 2, 3, 4, 5, 6];
const WORKING_TIME_FLAGS = ['rest-too-short', 'too-many-days-in-a-row'];

interface PublishedVisit {
  visitId: string;
  caregiverIds: string[];
  plannedStart: string;
}

const caregiverOf = (id: string, name: string, availability: { start: string; end: string }[]) => ({
  id,
  name,
  skills: [],
  maxMinutesPerWeek: 2400,
  availability,
});

const dailyVisits = (from: string, to: string) =>
  DAYS.map((day) => ({
    id: `day-${day}`,
    clientId: 'c1',
    earliestStart: `${dayOf(WEEK, day)}T${from}`,
    latestEnd: `${dayOf(WEEK, day)}T${to}`,
    durationMinutes: 30,
  }));

/** Anna alone, a morning visit every day of the week: she works all seven. */
function sevenDaysScenario(): ScenarioDocument {
  return {
    format: 'homecare-scenario/v1',
    name: unique('seven-days'),
    timezone: 'Europe/Amsterdam',
    period: { start: WEEK.periodStart, end: WEEK.periodEnd },
    caregivers: [
      caregiverOf(
        'anna',
        'Anna',
        DAYS.map((day) => ({ start: `${dayOf(WEEK, day)}T07:00`, end: `${dayOf(WEEK, day)}T10:00` })),
      ),
    ],
    clients: [{ id: 'c1', name: 'Client', location: { lat: 52.36, lon: 4.93 } }],
    visits: dailyVisits('08:00', '09:00'),
  };
}

/**
 * Anna can do every visit of the week, Bram only Tuesday's: for continuity Anna would take them
 * all (seven days, and 8 h rest between Monday's 22:30 visit and Tuesday's 07:00), so the rules
 * decide whether Bram gets Tuesday.
 */
function temptingScenario(withRules: boolean): ScenarioDocument {
  const monday = dayOf(WEEK, 0);
  const tuesday = dayOf(WEEK, 1);
  return {
    format: 'homecare-scenario/v1',
    name: unique(withRules ? 'ruled-week' : 'unruled-week'),
    timezone: 'Europe/Amsterdam',
    period: { start: WEEK.periodStart, end: WEEK.periodEnd },
    ...(withRules ? { rules: { minRestMinutes: 660, maxConsecutiveDays: 6 } } : {}),
    caregivers: [
      caregiverOf(
        'anna',
        'Anna',
        DAYS.map((day) => ({ start: `${dayOf(WEEK, day)}T06:30`, end: `${dayOf(WEEK, day)}T23:30` })),
      ),
      caregiverOf('bram', 'Bram', [{ start: `${tuesday}T06:30`, end: `${tuesday}T12:00` }]),
    ],
    clients: [{ id: 'c1', name: 'Client', location: { lat: 52.36, lon: 4.93 } }],
    visits: [
      ...dailyVisits('09:00', '10:00'),
      {
        id: 'late',
        clientId: 'c1',
        earliestStart: `${monday}T22:30`,
        latestEnd: `${monday}T23:00`,
        durationMinutes: 30,
      },
      {
        id: 'early',
        clientId: 'c1',
        earliestStart: `${tuesday}T07:00`,
        latestEnd: `${tuesday}T07:30`,
        durationMinutes: 30,
      },
    ],
  };
}

describe('payroll flags working time by the rules the roster was planned with', () => {
  let api: TestApp;
  let worker: ChildApp;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    worker = startWorker();
    await workerStarted(worker);
  }, 240_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  /** Imports the scenario, has every caregiver agree to the engine's proposal and publishes it. */
  async function publish(scenario: ScenarioDocument) {
    const imported = await api.http.post('/teams/import').send(scenario).expect(201);
    const teamId = imported.body.teamId as string;
    const organisationId = imported.body.organisationId as string;
    const ids = imported.body.ids.caregivers as Record<string, string>;
    const members = [];
    for (const caregiverId of Object.values(ids))
      members.push(await signInAs(api, { role: 'caregiver', caregiverIds: [caregiverId] }));
    await publishFirstProposal(members, teamId, WEEK);
    const roster = await api.http
      .get(`/teams/${teamId}/published-roster`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    await coordinator.http
      .put(`/organisations/${organisationId}/payroll-settings`)
      .send({ frequency: 'weekly', anchorDate: WEEK.periodStart })
      .expect(200);
    return { teamId, organisationId, ids, coordinator, visits: roster.body.visits as PublishedVisit[] };
  }

  async function flagsOf(team: Awaited<ReturnType<typeof publish>>, caregiverId: string) {
    const sheets = await team.coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId: team.organisationId, limit: 200 })
      .expect(200);
    expect(sheets.body.source).toBe('computed');
    const sheet = (sheets.body.items as RosterBody[]).find((item) => item.caregiverId === caregiverId);
    return (sheet?.flags ?? []) as RosterBody[];
  }

  it('flags a caregiver who works seven days in a row in a published week, by the team’s rule', async () => {
    // The team planned without a days-in-a-row rule (the document has none), so the engine gave
    // Anna all seven mornings; then it adopts the EU's six days, and payroll judges the week by it.
    const team = await publish(sevenDaysScenario());
    const anna = team.ids.anna;
    expect(team.visits).toHaveLength(7);
    expect(team.visits.every((visit) => visit.caregiverIds.join() === anna)).toBe(true);
    expect((await flagsOf(team, anna)).filter((flag) => WORKING_TIME_FLAGS.includes(flag.kind))).toEqual([]);

    const rules = await team.coordinator.http
      .patch(`/teams/${team.teamId}/working-time-rules`)
      .send({ maxConsecutiveDays: 6 })
      .expect(200);
    expect(rules.body.effective.maxConsecutiveDays).toBe(6);
    const flags = await flagsOf(team, anna);
    expect(flags.filter((flag) => flag.kind === 'too-many-days-in-a-row')).toEqual([
      expect.objectContaining({
        kind: 'too-many-days-in-a-row',
        date: WEEK.periodStart,
        lastDate: WEEK.periodEnd,
        days: 7,
        limitDays: 6,
      }),
    ]);
    // The caregiver reads the same flag on their own hours.
    const own = await (
      await signInAs(api, { role: 'caregiver', caregiverIds: [anna] })
    ).http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId: team.organisationId })
      .expect(200);
    expect(own.body.items[0].flags).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'too-many-days-in-a-row', days: 7 })]),
    );
  });

  it('raises no working-time flag on a week the engine planned under the team’s rules; the same week planned without them does', async () => {
    const ruled = await publish(temptingScenario(true));
    const tuesday = dayOf(WEEK, 1);
    // Bram took Tuesday (both visits), so Anna rests 11 h and works no seventh day.
    const onTuesday = ruled.visits.filter((visit) => visit.plannedStart.slice(0, 10) === tuesday);
    expect(onTuesday.length).toBeGreaterThan(0);
    expect(
      ruled.visits.filter((visit) => visit.caregiverIds.includes(ruled.ids.anna)).length,
    ).toBeGreaterThan(5);
    for (const caregiverId of Object.values(ruled.ids))
      expect(
        (await flagsOf(ruled, caregiverId)).filter((flag) => WORKING_TIME_FLAGS.includes(flag.kind)),
      ).toEqual([]);

    // Without the rules the engine keeps the client with Anna; payroll's own 11 h rest flags it.
    const unruled = await publish(temptingScenario(false));
    const annaFlags = await flagsOf(unruled, unruled.ids.anna);
    expect(annaFlags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'rest-too-short', date: dayOf(WEEK, 0), nextDate: tuesday }),
      ]),
    );
  });
});
