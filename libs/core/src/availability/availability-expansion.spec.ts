import { expandAvailability, type AvailabilityInput, type ExpandedWindow } from './availability-expansion';

const AMSTERDAM = 'Europe/Amsterdam';
const none: AvailabilityInput = { windows: [], patterns: [], exceptions: [] };

function iso(windows: ExpandedWindow[]): string[] {
  return windows.map(
    (window) => `${window.start.toISOString()}/${window.end.toISOString()}/${window.source}`,
  );
}

function everyDay(
  startTime: string,
  endTime: string,
  validFrom = '2026-01-01',
  validUntil: string | null = null,
) {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime, endTime, validFrom, validUntil }));
}

describe('expandAvailability', () => {
  it('expands a weekly pattern over the spring-forward week into the right instants', () => {
    const result = expandAvailability(
      { ...none, patterns: everyDay('07:00', '13:00') },
      { from: '2026-03-28', to: '2026-03-30', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual([
      '2026-03-28T06:00:00.000Z/2026-03-28T12:00:00.000Z/pattern',
      // Sunday 2026-03-29: summer time from 02:00, so 07:00 local is 05:00Z.
      '2026-03-29T05:00:00.000Z/2026-03-29T11:00:00.000Z/pattern',
      '2026-03-30T05:00:00.000Z/2026-03-30T11:00:00.000Z/pattern',
    ]);
  });

  it('expands a weekly pattern over the fall-back week into the right instants', () => {
    const result = expandAvailability(
      { ...none, patterns: everyDay('07:00', '13:00') },
      { from: '2026-10-24', to: '2026-10-26', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual([
      '2026-10-24T05:00:00.000Z/2026-10-24T11:00:00.000Z/pattern',
      '2026-10-25T06:00:00.000Z/2026-10-25T12:00:00.000Z/pattern',
      '2026-10-26T06:00:00.000Z/2026-10-26T12:00:00.000Z/pattern',
    ]);
  });

  it('moves a pattern time in the spring-forward gap to the first minute after it', () => {
    // Sunday only: 02:30 does not exist on 2026-03-29 in Amsterdam, so the window starts at 03:00.
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 7, startTime: '02:30', endTime: '06:00', validFrom: '2026-01-01', validUntil: null },
        ],
      },
      { from: '2026-03-23', to: '2026-03-29', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual(['2026-03-29T01:00:00.000Z/2026-03-29T04:00:00.000Z/pattern']);
  });

  it('takes the first occurrence of a pattern time in the fall-back hour', () => {
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 7, startTime: '02:30', endTime: '05:00', validFrom: '2026-01-01', validUntil: null },
        ],
      },
      { from: '2026-10-25', to: '2026-10-25', timezone: AMSTERDAM },
    );
    // 02:30 summer time (+02:00) is 00:30Z; 05:00 winter time (+01:00) is 04:00Z.
    expect(iso(result)).toEqual(['2026-10-25T00:30:00.000Z/2026-10-25T04:00:00.000Z/pattern']);
  });

  it('drops a pattern window that lies wholly inside the gap', () => {
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 7, startTime: '02:10', endTime: '02:50', validFrom: '2026-01-01', validUntil: null },
        ],
      },
      { from: '2026-03-29', to: '2026-03-29', timezone: AMSTERDAM },
    );
    expect(result).toEqual([]);
  });

  it('ends an overnight pattern (22:00-07:00) on the next day', () => {
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 1, startTime: '22:00', endTime: '07:00', validFrom: '2026-01-01', validUntil: null },
        ],
      },
      { from: '2026-06-01', to: '2026-06-07', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual(['2026-06-01T20:00:00.000Z/2026-06-02T05:00:00.000Z/pattern']);
  });

  it('includes an overnight window of the day before the range that reaches into it', () => {
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 1, startTime: '22:00', endTime: '07:00', validFrom: '2026-01-01', validUntil: null },
        ],
      },
      { from: '2026-06-02', to: '2026-06-03', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual(['2026-06-01T20:00:00.000Z/2026-06-02T05:00:00.000Z/pattern']);
  });

  it('spans the clock change for an overnight pattern on the spring-forward night', () => {
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 6, startTime: '22:00', endTime: '07:00', validFrom: '2026-01-01', validUntil: null },
        ],
      },
      { from: '2026-03-28', to: '2026-03-28', timezone: AMSTERDAM },
    );
    // 22:00 +01:00 until 07:00 +02:00: eight hours of work, not nine.
    expect(iso(result)).toEqual(['2026-03-28T21:00:00.000Z/2026-03-29T05:00:00.000Z/pattern']);
  });

  it('applies a pattern only from validFrom until validUntil inclusive', () => {
    const result = expandAvailability(
      { ...none, patterns: everyDay('09:00', '10:00', '2026-06-03', '2026-06-05') },
      { from: '2026-06-01', to: '2026-06-07', timezone: AMSTERDAM },
    );
    expect(result.map((window) => window.start.toISOString().slice(0, 10))).toEqual([
      '2026-06-03',
      '2026-06-04',
      '2026-06-05',
    ]);
  });

  it('cuts a window in two around an exception', () => {
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 3, startTime: '08:00', endTime: '16:00', validFrom: '2026-01-01', validUntil: null },
        ],
        exceptions: [
          { startsAt: new Date('2026-06-03T09:00:00Z'), endsAt: new Date('2026-06-03T10:30:00Z') },
        ],
      },
      { from: '2026-06-01', to: '2026-06-07', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual([
      '2026-06-03T06:00:00.000Z/2026-06-03T09:00:00.000Z/pattern',
      '2026-06-03T10:30:00.000Z/2026-06-03T14:00:00.000Z/pattern',
    ]);
  });

  it('removes every window of a day an exception covers', () => {
    const result = expandAvailability(
      {
        windows: [{ startsAt: new Date('2026-06-03T16:00:00Z'), endsAt: new Date('2026-06-03T18:00:00Z') }],
        patterns: everyDay('08:00', '12:00'),
        exceptions: [
          { startsAt: new Date('2026-06-02T22:00:00Z'), endsAt: new Date('2026-06-03T22:00:00Z') },
        ],
      },
      { from: '2026-06-02', to: '2026-06-04', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual([
      '2026-06-02T06:00:00.000Z/2026-06-02T10:00:00.000Z/pattern',
      '2026-06-04T06:00:00.000Z/2026-06-04T10:00:00.000Z/pattern',
    ]);
  });

  it('keeps dated windows as they are: not merged, not clipped to the range, sorted', () => {
    const windows = [
      { startsAt: new Date('2026-06-03T12:00:00Z'), endsAt: new Date('2026-06-03T14:00:00Z') },
      { startsAt: new Date('2026-06-03T10:00:00Z'), endsAt: new Date('2026-06-03T12:00:00Z') },
      // Starts before the range and reaches into it.
      { startsAt: new Date('2026-06-01T20:00:00Z'), endsAt: new Date('2026-06-02T02:00:00Z') },
      // Outside the range.
      { startsAt: new Date('2026-06-10T10:00:00Z'), endsAt: new Date('2026-06-10T12:00:00Z') },
    ];
    const result = expandAvailability(
      { ...none, windows },
      { from: '2026-06-02', to: '2026-06-03', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual([
      '2026-06-01T20:00:00.000Z/2026-06-02T02:00:00.000Z/window',
      '2026-06-03T10:00:00.000Z/2026-06-03T12:00:00.000Z/window',
      '2026-06-03T12:00:00.000Z/2026-06-03T14:00:00.000Z/window',
    ]);
  });

  it('keeps a dated window that overlaps a pattern window separate, and identical ones once', () => {
    const result = expandAvailability(
      {
        ...none,
        patterns: [
          { weekday: 3, startTime: '08:00', endTime: '12:00', validFrom: '2026-01-01', validUntil: null },
        ],
        windows: [
          { startsAt: new Date('2026-06-03T06:00:00Z'), endsAt: new Date('2026-06-03T10:00:00Z') },
          { startsAt: new Date('2026-06-03T09:00:00Z'), endsAt: new Date('2026-06-03T13:00:00Z') },
        ],
      },
      { from: '2026-06-03', to: '2026-06-03', timezone: AMSTERDAM },
    );
    expect(iso(result)).toEqual([
      '2026-06-03T06:00:00.000Z/2026-06-03T10:00:00.000Z/window',
      '2026-06-03T09:00:00.000Z/2026-06-03T13:00:00.000Z/window',
    ]);
  });
});
