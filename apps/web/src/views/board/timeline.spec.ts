import { describe, expect, it } from '@jest/globals';
import {
  axisOf,
  changeKindOf,
  coloursOf,
  continuityOf,
  datesBetween,
  initialsOf,
  lanesForDay,
  readableReason,
  localMoment,
  positionOn,
  unassignedOf,
  CAREGIVER_PALETTE,
  type TimedVisit,
} from './timeline';
import { compareKpis } from './kpis';
import { parseServerSentEvents } from '../../api/server-sent-events';

const ZONE = 'Europe/Amsterdam';

/** A visit from local times in Amsterdam (winter: UTC+1). */
function visit(
  visitId: string,
  caregiverIds: string[],
  start: string | null,
  end: string | null,
  clientId: string | null = 'client-1',
): TimedVisit {
  const instant = (local: string | null) =>
    local === null ? null : new Date(`${local}:00+01:00`).toISOString();
  return { visitId, clientId, caregiverIds, start: instant(start), end: instant(end) };
}

describe('board timeline layout', () => {
  it("reads an instant in the team's zone, across the DST change", () => {
    expect(localMoment('2026-11-23T06:30:00Z', ZONE)).toEqual({ date: '2026-11-23', minutes: 7 * 60 + 30 });
    // Summer time: UTC+2.
    expect(localMoment('2026-07-01T22:15:00Z', ZONE)).toEqual({ date: '2026-07-02', minutes: 15 });
    expect(localMoment('2026-11-23T06:30:00Z', 'America/New_York')).toEqual({
      date: '2026-11-23',
      minutes: 60 + 30,
    });
  });

  it('lists every date of a period, month ends included', () => {
    expect(datesBetween('2026-11-27', '2026-12-02')).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });

  it("puts each caregiver's visits of the day in order, with the gaps between them", () => {
    const visits = [
      visit('late', ['anna'], '2026-11-23T11:00', '2026-11-23T11:30'),
      visit('early', ['anna'], '2026-11-23T08:00', '2026-11-23T08:45'),
      visit('next-day', ['anna'], '2026-11-24T08:00', '2026-11-24T08:30'),
      visit('back-to-back', ['anna'], '2026-11-23T08:45', '2026-11-23T09:15'),
    ];
    const [lane] = lanesForDay(visits, ['anna'], '2026-11-23', ZONE);
    expect(
      lane.items.map((item) => (item.kind === 'visit' ? item.visit.visitId : `gap ${item.minutes}`)),
    ).toEqual(['early', 'back-to-back', 'gap 105', 'late']);
    expect(lane.visitMinutes).toBe(45 + 30 + 30);
  });

  it("shows a double-up visit in both caregivers' lanes and leaves unassigned visits out of lanes", () => {
    const visits = [
      visit('double', ['anna', 'bram'], '2026-11-23T09:00', '2026-11-23T10:00'),
      visit('open', [], null, null),
    ];
    const lanes = lanesForDay(visits, ['anna', 'bram', 'carla'], '2026-11-23', ZONE);
    expect(lanes.map((lane) => lane.items.length)).toEqual([1, 1, 0]);
    expect(unassignedOf(visits).map((item) => item.visitId)).toEqual(['open']);
  });

  it('cuts a visit over midnight at the end of its first day', () => {
    const [lane] = lanesForDay(
      [visit('night', ['anna'], '2026-11-23T23:30', '2026-11-24T00:30')],
      ['anna'],
      '2026-11-23',
      ZONE,
    );
    expect(lane.items[0]).toMatchObject({ startMinute: 23 * 60 + 30, endMinute: 24 * 60 });
  });

  it('spans the axis over whole hours around every visit, at least 07:00 to 19:00', () => {
    expect(axisOf([], ZONE)).toEqual({ startMinute: 420, endMinute: 1140 });
    expect(
      axisOf(
        [
          visit('a', ['anna'], '2026-11-23T06:15', '2026-11-23T07:00'),
          visit('b', ['anna'], '2026-11-24T21:10', '2026-11-24T21:40'),
        ],
        ZONE,
      ),
    ).toEqual({ startMinute: 360, endMinute: 1320 });
    expect(positionOn({ startMinute: 360, endMinute: 1320 }, 600, 660)).toEqual({ offset: 25, width: 6.25 });
    // Clamped to the axis.
    expect(positionOn({ startMinute: 420, endMinute: 1140 }, 360, 480)).toEqual({ offset: 0, width: 8.33 });
  });

  it('groups caregivers per client, the clients with most different caregivers first', () => {
    const visits = [
      visit('1', ['anna'], '2026-11-23T08:00', '2026-11-23T08:30', 'jansen'),
      visit('2', ['anna'], '2026-11-24T08:00', '2026-11-24T08:30', 'jansen'),
      visit('3', ['bram'], '2026-11-25T08:00', '2026-11-25T08:30', 'jansen'),
      visit('4', ['carla'], '2026-11-23T09:00', '2026-11-23T09:30', 'bakker'),
      visit('5', [], null, null, 'bakker'),
      visit('6', ['bram', 'carla'], '2026-11-23T10:00', '2026-11-23T10:30', 'visser'),
    ];
    const names: Record<string, string> = { jansen: 'Jansen', bakker: 'Bakker', visser: 'Visser' };
    expect(continuityOf(visits, (id) => names[id])).toEqual([
      {
        clientId: 'jansen',
        visits: 3,
        caregivers: [
          { caregiverId: 'anna', visits: 2 },
          { caregiverId: 'bram', visits: 1 },
        ],
      },
      {
        clientId: 'visser',
        visits: 1,
        caregivers: [
          { caregiverId: 'bram', visits: 1 },
          { caregiverId: 'carla', visits: 1 },
        ],
      },
      { clientId: 'bakker', visits: 2, caregivers: [{ caregiverId: 'carla', visits: 1 }] },
    ]);
  });

  it('gives each caregiver a stable colour and initials that tell people apart', () => {
    const colours = coloursOf(['a', 'b', 'c']);
    expect(colours.get('b')).toBe(CAREGIVER_PALETTE[1]);
    expect(coloursOf(Array.from({ length: 12 }, (_, index) => `${index}`)).get('9')).toBe(
      CAREGIVER_PALETTE[0],
    );
    const initials = initialsOf([
      { id: '1', firstName: 'Anna', lastName: 'de Vries' },
      { id: '2', firstName: 'Bram', lastName: 'Smit' },
      { id: '3', firstName: 'Bas', lastName: 'Smit' },
      { id: '4', firstName: 'Carla' },
    ]);
    expect(Object.fromEntries(initials)).toEqual({ '1': 'AD', '2': 'BRS', '3': 'BAS', '4': 'C' });
  });

  it('names what changed to a visit between two versions', () => {
    const at = '2026-11-23T08:00:00.000Z';
    const later = '2026-11-23T09:00:00.000Z';
    expect(
      changeKindOf({ before: { caregiverIds: [], start: null }, after: { caregiverIds: ['a'], start: at } }),
    ).toBe('assigned');
    expect(
      changeKindOf({ before: { caregiverIds: ['a'], start: at }, after: { caregiverIds: [], start: null } }),
    ).toBe('unassigned');
    expect(
      changeKindOf({ before: { caregiverIds: ['a'], start: at }, after: { caregiverIds: ['b'], start: at } }),
    ).toBe('moved');
    expect(
      changeKindOf({
        before: { caregiverIds: ['a'], start: at },
        after: { caregiverIds: ['a'], start: later },
      }),
    ).toBe('retimed');
    expect(
      changeKindOf({
        before: { caregiverIds: ['a'], start: at },
        after: { caregiverIds: ['b'], start: later },
      }),
    ).toBe('moved-and-retimed');
  });
});

describe('reasons in words', () => {
  it('names the visits a reason mentions by id, and leaves unknown ids alone', () => {
    const known = '5f0c1d2e-1111-4222-8333-944455556666';
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      readableReason(`Hanna swapped visits ${known} and ${unknown}`, (id) =>
        id === known ? 'Mevr. Vos (Mon 07:00)' : undefined,
      ),
    ).toBe(`Hanna swapped visits Mevr. Vos (Mon 07:00) and ${unknown}`);
  });
});

describe('board KPIs', () => {
  it('compares each KPI with the previous version in the direction that is better', () => {
    const rows = compareKpis(
      {
        coverage: 1,
        travelMinutes: 120,
        meanDistinctCaregiversPerClient: 1.5,
        hardViolations: 0,
        preferredShare: null,
      },
      { coverage: 0.9, travelMinutes: 100, meanDistinctCaregiversPerClient: 1.5004, hardViolations: 0 },
    );
    const trend = Object.fromEntries(rows.map((row) => [row.key, row.trend]));
    expect(trend).toEqual({
      coverage: 'better',
      travelMinutes: 'worse',
      meanDistinctCaregiversPerClient: 'same',
      hardViolations: 'same',
    });
    expect(compareKpis({ coverage: 1 }, null)).toEqual([
      expect.objectContaining({ key: 'coverage', current: 1, previous: null, trend: 'unknown' }),
    ]);
  });
});

describe('server-sent events from a stream', () => {
  it('yields complete events and keeps the rest for the next chunk', () => {
    const first = parseServerSentEvents('event: progress\ndata: {"progress":0.5}\n\nevent: do');
    expect(first.events).toEqual([{ event: 'progress', data: '{"progress":0.5}' }]);
    const second = parseServerSentEvents(`${first.rest}ne\r\ndata: {"status":"done"}\r\n\r\n: comment\n\n`);
    expect(second.events).toEqual([{ event: 'done', data: '{"status":"done"}' }]);
    expect(second.rest).toBe('');
  });
});
