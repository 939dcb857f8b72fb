import {
  generateScenario,
  parseLocalDateTime,
  validateScenario,
  type ScenarioDocument,
} from '@homecare/scenario';
import { normalizeScenario, withPins } from '../../../../test/fixtures/scenario-equivalence';
import { formatScenarioTime, toScenarioDocument, type ScenarioExportSource } from './scenario-export.mapper';
import { planScenarioImport, scenarioStorageProblems, splitCaregiverName } from './scenario-import.plan';

const MINUTE_MS = 60_000;

/** What the database holds after an import: the plan's rows with the defaults the columns add. */
function rowsOf(scenario: ScenarioDocument): ScenarioExportSource {
  const validation = validateScenario(scenario);
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  let counter = 0;
  const plan = planScenarioImport(
    validation.scenario,
    'team-1',
    () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  );
  return {
    team: {
      name: scenario.name ?? '',
      timezone: scenario.timezone,
      travelSpeedKmh: validation.scenario.travel!.speedKmh!,
      travelDetourFactor: validation.scenario.travel!.detourFactor!,
    },
    period: scenario.period,
    caregivers: plan.caregivers,
    availability: plan.availabilityWindows.map((window) => ({
      caregiverId: window.caregiverId,
      start: window.startsAt,
      end: window.endsAt,
    })),
    clients: plan.clients,
    history: plan.history,
    visits: plan.visits,
    pins: plan.pins,
  };
}

describe('scenario import plan and export mapping', () => {
  it('maps the rows of an import back to the same document', () => {
    const scenario = withPins(generateScenario({ seed: 9, caregivers: 6, clients: 20 }), 5);
    const exported = toScenarioDocument(rowsOf(scenario));
    expect(normalizeScenario(exported)).toEqual(normalizeScenario(scenario));
    expect(exported.caregivers[0]).not.toHaveProperty('skillLevel');
    expect(validateScenario(exported).ok).toBe(true);
  });

  it('keeps local times exact across both clock changes of a year', () => {
    for (const start of ['2026-03-23', '2026-10-19']) {
      const scenario = generateScenario({ seed: 4, caregivers: 5, clients: 15, start });
      expect(normalizeScenario(toScenarioDocument(rowsOf(scenario)))).toEqual(normalizeScenario(scenario));
    }
  });

  it('writes the second occurrence of a fall-back hour with its offset and everything else as local time', () => {
    const zone = 'Europe/Amsterdam';
    const first = parseLocalDateTime('2026-10-25T02:30', zone);
    expect(formatScenarioTime(first, zone)).toBe('2026-10-25T02:30');
    expect(formatScenarioTime(first + 60, zone)).toBe('2026-10-25T02:30:00+01:00');
    expect(formatScenarioTime(parseLocalDateTime('2026-03-29T03:00', zone), zone)).toBe('2026-03-29T03:00');
  });

  it('leaves out inactive caregivers with every reference to them, and cancelled or out-of-period visits', () => {
    const scenario = withPins(generateScenario({ seed: 6, caregivers: 4, clients: 8 }), 4);
    const source = rowsOf(scenario);
    const gone = source.caregivers[0];
    source.caregivers[0] = { ...gone, active: false };
    source.clients[0] = { ...source.clients[0], preferredCaregiverIds: [gone.id], excludedCaregiverIds: [] };
    source.history.push({ clientId: source.clients[1].id, caregiverId: gone.id, visits: 3 });
    source.pins = [{ visitId: source.visits[0].id, caregiverIds: [gone.id], start: null }];
    source.visits[1] = { ...source.visits[1], status: 'cancelled' };
    source.visits[2] = { ...source.visits[2], earliestStart: new Date(Date.parse('2026-12-01T08:00:00Z')) };

    const exported = toScenarioDocument(source);
    const goneId = scenario.caregivers[0].id;
    expect(exported.caregivers.map((caregiver) => caregiver.id)).not.toContain(goneId);
    expect(JSON.stringify(exported.clients)).not.toContain(`"${goneId}"`);
    expect(exported.pinned).toEqual([]);
    expect(exported.visits.map((visit) => visit.id)).toEqual(
      scenario.visits.map((visit) => visit.id).filter((_, index) => index !== 1 && index !== 2),
    );
  });

  it('uses database ids where rows have no scenario id, the same in every reference', () => {
    const source = rowsOf(generateScenario({ seed: 2, caregivers: 2, clients: 3, days: 1 }));
    source.caregivers = source.caregivers.map((caregiver) => ({ ...caregiver, externalRef: null }));
    source.clients = source.clients.map((client) => ({ ...client, externalRef: null }));
    source.visits = source.visits.map((visit) => ({ ...visit, externalRef: null }));
    const exported = toScenarioDocument(source);
    expect(exported.caregivers.map((caregiver) => caregiver.id)).toEqual(
      source.caregivers.map((caregiver) => caregiver.id),
    );
    expect(
      exported.visits.every((visit) => source.clients.some((client) => client.id === visit.clientId)),
    ).toBe(true);
    expect(validateScenario(exported).ok).toBe(true);
  });

  it('keeps a whole availability window that only starts before the period', () => {
    const source = rowsOf(
      generateScenario({ seed: 2, caregivers: 2, clients: 3, days: 1, start: '2026-11-23' }),
    );
    const caregiverId = source.caregivers[0].id;
    source.availability = [
      {
        caregiverId,
        start: new Date(Date.parse('2026-11-22T20:00:00Z')),
        end: new Date(Date.parse('2026-11-23T02:00:00Z')),
      },
      {
        caregiverId,
        start: new Date(Date.parse('2026-11-22T08:00:00Z')),
        end: new Date(Date.parse('2026-11-22T12:00:00Z')),
      },
    ];
    expect(toScenarioDocument(source).caregivers[0].availability).toEqual([
      { start: '2026-11-22T21:00', end: '2026-11-23T03:00' },
    ]);
  });

  it('splits a caregiver name at the first space, and names a nameless caregiver by id', () => {
    expect(splitCaregiverName('Anna de Vries', 'cg-01')).toEqual({ firstName: 'Anna', lastName: 'de Vries' });
    expect(splitCaregiverName('  Bram ', 'cg-02')).toEqual({ firstName: 'Bram', lastName: '' });
    expect(splitCaregiverName(undefined, 'cg-03')).toEqual({ firstName: 'cg-03', lastName: '' });
  });

  it('plans instants, local dates and references for every row', () => {
    const scenario = generateScenario({ seed: 1, caregivers: 2, clients: 2, days: 1 });
    let next = 0;
    const plan = planScenarioImport(scenario, 'team-1', () => `id-${++next}`);
    const visit = scenario.visits[0];
    const row = plan.visits[0];
    expect(row).toMatchObject({
      teamId: 'team-1',
      clientId: plan.ids.clients[visit.clientId],
      date: visit.earliestStart.slice(0, 10),
      externalRef: visit.id,
    });
    expect(row.earliestStart.getTime()).toBe(
      parseLocalDateTime(visit.earliestStart, scenario.timezone) * MINUTE_MS,
    );
  });

  it('reports what the database cannot store', () => {
    const scenario = generateScenario({ seed: 3, caregivers: 5, clients: 2, days: 1 });
    scenario.visits[0].caregiversNeeded = 5;
    scenario.clients[0].history = { 'cg-01': 1.5 };
    scenario.caregivers[0].name = 'A\u0000';
    expect(scenarioStorageProblems(scenario).map((problem) => problem.path)).toEqual([
      '$.caregivers[0].name',
      '$.clients[0].history["cg-01"]',
      '$.visits[0].caregiversNeeded',
    ]);
  });
});
