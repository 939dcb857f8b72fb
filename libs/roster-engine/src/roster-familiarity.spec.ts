import { solveRoster } from './roster-solver';
import { caregiver, client, scenarioOf, visit } from './scenario.fixtures';

const days = ['2026-11-23', '2026-11-24', '2026-11-25'];
const mornings = days.map((day) => ({ start: `${day}T07:00`, end: `${day}T13:00` }));

describe('history: how well a client knows a caregiver, not only whether', () => {
  it('gives the visits to the caregiver the client has seen most, of two they both know', async () => {
    // Three identical caregivers; the client knows cg-a a little and cg-c well.
    const scenario = scenarioOf({
      caregivers: ['cg-a', 'cg-b', 'cg-c'].map((id) => caregiver(id, { availability: mornings })),
      clients: [client('cl-1', { history: { 'cg-a': 1, 'cg-c': 12 } })],
      visits: days.map((day, index) => visit(`v-${index}`, 'cl-1', `${day}T08:00`, `${day}T10:00`, 45)),
    });
    for (const seed of [1, 2, 3]) {
      const { roster } = await solveRoster(scenario, { timeLimitMs: 200, seed });
      expect(roster.assignments.map((assignment) => assignment.caregiverIds)).toEqual([
        ['cg-c'],
        ['cg-c'],
        ['cg-c'],
      ]);
    }
  });

  it('keeps a client with a busy favourite with the one they know next best', async () => {
    // cg-c, the best known, is not there on the last day: cg-a, known a little, beats the stranger cg-b.
    const scenario = scenarioOf({
      caregivers: [
        caregiver('cg-a', { availability: mornings }),
        caregiver('cg-b', { availability: mornings }),
        caregiver('cg-c', { availability: mornings.slice(0, 2) }),
      ],
      clients: [client('cl-1', { history: { 'cg-a': 3, 'cg-c': 12 } })],
      visits: days.map((day, index) => visit(`v-${index}`, 'cl-1', `${day}T08:00`, `${day}T10:00`, 45)),
    });
    const { roster } = await solveRoster(scenario, { timeLimitMs: 200, seed: 1 });
    expect(roster.assignments.map((assignment) => assignment.caregiverIds[0])).toEqual([
      'cg-c',
      'cg-c',
      'cg-a',
    ]);
  });
});
