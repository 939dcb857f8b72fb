import { parseLocalDateTime } from '@homecare/scenario';
import { buildProblemModel } from './problem-model';
import { RosterState, type PushRecord, type StartRange } from './roster-state';
import { caregiver, client, scenarioOf, visit } from './scenario.fixtures';

const at = (time: string): number => parseLocalDateTime(`2026-11-23T${time}`, 'Europe/Amsterdam');

function stateWithTwoVisits(): RosterState {
  const scenario = scenarioOf({
    caregivers: [
      caregiver('cg-a', { availability: [{ start: '2026-11-23T08:00', end: '2026-11-23T12:00' }] }),
    ],
    clients: [client('cl-1'), client('cl-2', { location: { lat: 52.37, lon: 4.9 } })],
    visits: [
      visit('v-flexible', 'cl-1', '2026-11-23T08:00', '2026-11-23T12:00', 60),
      visit('v-early', 'cl-2', '2026-11-23T08:00', '2026-11-23T09:00', 30),
    ],
  });
  return new RosterState(buildProblemModel(scenario));
}

describe('RosterState', () => {
  it('pushes a later visit within its window to make room, and can put it back', () => {
    const state = stateWithTwoVisits();
    state.insert(0, [0], at('08:00'));
    const pushes: PushRecord[] = [];
    state.pushLog = pushes;
    const placement = state.bestForCaregiver(state.model.visits[1], 0, [] as StartRange[]);
    expect(placement?.start).toBe(at('08:00'));
    state.insert(1, placement!.caregivers, placement!.start, placement!.positions);
    // 08:30 end + 6 minutes of travel
    expect(state.starts[0]).toBe(at('08:36'));
    expect(state.routes[0].map((stop) => stop.visit)).toEqual([1, 0]);
    expect(state.travelTotal).toBe(6);
    expect(state.worked[0]).toBe(96);
    state.remove(1);
    for (const record of pushes.reverse()) state.restorePush(record);
    expect(state.starts[0]).toBe(at('08:00'));
    expect(state.travelTotal).toBe(0);
  });

  it('does not push a visit past the end of its window', () => {
    const state = stateWithTwoVisits();
    const model = state.model;
    model.visits[0].latestEnd = at('09:00');
    state.insert(0, [0], at('08:00'));
    expect(state.bestForCaregiver(model.visits[1], 0, [])).toBeUndefined();
  });
});
