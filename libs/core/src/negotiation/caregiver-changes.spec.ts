import {
  caregiverChangesFirst,
  changeKindOf,
  changesPerCaregiver,
  unstaffedVisits,
} from './caregiver-changes';
import { changesBetween } from './plan-rules';
import type { PlanRow } from './plan-rules';

const HOUR_MS = 3_600_000;
// Any instant will do: the function compares instants, it never reads a calendar.
const BASE = 1_000 * HOUR_MS;

function row(visitId: string, caregiverIds: string[], hour: number | null): PlanRow {
  return {
    visitId,
    caregiverIds,
    start: hour === null ? null : new Date(BASE + hour * HOUR_MS),
    end: hour === null ? null : new Date(BASE + (hour + 1) * HOUR_MS),
    pinned: false,
    explanation: [],
    flags: [],
  };
}

describe('changesPerCaregiver', () => {
  it('leaves out caregivers whose visits stayed as they were', () => {
    const rows = [row('v1', ['ann'], 9), row('v2', ['bob'], 10)];
    expect(
      changesPerCaregiver(
        rows,
        rows.map((r) => ({ ...r })),
      ),
    ).toEqual(new Map());
  });

  it('counts a visit handed over as taken away from one and added to the other', () => {
    const changes = changesPerCaregiver([row('v1', ['ann'], 9)], [row('v1', ['bob'], 9)]);
    expect(changes).toEqual(
      new Map([
        ['bob', { added: 1, moved: 0, removed: 0 }],
        ['ann', { added: 0, moved: 0, removed: 1 }],
      ]),
    );
  });

  it('counts a visit at another time as moved for who keeps it, added for who joins it', () => {
    const changes = changesPerCaregiver([row('v1', ['ann'], 9)], [row('v1', ['ann', 'bob'], 11)]);
    expect(changes.get('ann')).toEqual({ added: 0, moved: 1, removed: 0 });
    expect(changes.get('bob')).toEqual({ added: 1, moved: 0, removed: 0 });
  });

  it('adds up several visits of one caregiver into one entry', () => {
    const changes = changesPerCaregiver(
      [row('v1', ['ann'], 9), row('v2', ['ann'], 10), row('v3', ['ann'], 12)],
      [row('v1', ['ann'], 14), row('v2', [], null), row('v3', ['ann'], 15), row('v4', ['ann'], 8)],
    );
    expect(changes).toEqual(new Map([['ann', { added: 1, moved: 2, removed: 1 }]]));
  });

  it('treats visits missing from one side as added or taken away, and everything as new at first', () => {
    expect(changesPerCaregiver([row('v1', ['ann'], 9)], [])).toEqual(
      new Map([['ann', { added: 0, moved: 0, removed: 1 }]]),
    );
    expect(changesPerCaregiver([], [row('v1', ['ann'], 9), row('v2', [], null)])).toEqual(
      new Map([['ann', { added: 1, moved: 0, removed: 0 }]]),
    );
  });
});

describe('unstaffedVisits', () => {
  it('names the visits nobody is planned on', () => {
    expect(unstaffedVisits([row('v1', ['ann'], 9), row('v2', [], null), row('v3', [], 9)])).toEqual([
      'v2',
      'v3',
    ]);
  });
});

describe('the diff leads with caregiver changes', () => {
  it('puts visits with other caregivers first, then those that only moved in time, each by start', () => {
    const before = [
      row('early-move', ['ann'], 7),
      row('swap', ['ann'], 8),
      row('late-move', ['bob'], 9),
      row('taken', ['bob'], 12),
      row('same', ['bob'], 14),
    ];
    const after = [
      row('early-move', ['ann'], 8),
      row('swap', ['bob'], 8),
      row('late-move', ['bob'], 10),
      row('taken', [], null),
      row('same', ['bob'], 14),
    ];
    const ordered = caregiverChangesFirst(changesBetween(before, after, 'recomputed'));
    expect(ordered.map((change) => [change.visitId, changeKindOf(change)])).toEqual([
      ['swap', 'caregivers'],
      ['taken', 'caregivers'],
      ['early-move', 'time'],
      ['late-move', 'time'],
    ]);
  });
});
