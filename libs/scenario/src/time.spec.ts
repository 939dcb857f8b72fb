import {
  addDays,
  datesBetween,
  formatLocalDateTime,
  formatOffsetDateTime,
  isLocalDate,
  isLocalDateTime,
  isoWeekday,
  localDateOf,
  offsetMinutesAt,
  parseLocalDateTime,
  parseRosterTime,
  startOfLocalDate,
  TimeFormatError,
} from './time';

const minutesOf = (iso: string): number => Date.parse(iso) / 60_000;

describe('parseLocalDateTime', () => {
  it.each([
    ['Europe/Amsterdam', '2026-03-29T02:30'],
    ['America/New_York', '2026-03-08T02:30'],
    // Lord Howe moves its clocks by only 30 minutes: 02:00 becomes 02:30.
    ['Australia/Lord_Howe', '2026-10-04T02:15'],
  ])('refuses a time in the spring-forward gap of %s', (zone, local) => {
    expect(() => parseLocalDateTime(local, zone)).toThrow(TimeFormatError);
    try {
      parseLocalDateTime(local, zone);
    } catch (error) {
      expect((error as TimeFormatError).kind).toBe('nonexistent');
      expect((error as Error).message).toContain(zone);
    }
  });

  it.each([
    ['Europe/Amsterdam', '2026-10-25T02:30', '2026-10-25T00:30Z'],
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30Z'],
    ['Australia/Lord_Howe', '2026-04-05T01:45', '2026-04-04T14:45Z'],
  ])('takes the first occurrence of a fall-back hour in %s', (zone, local, instant) => {
    expect(parseLocalDateTime(local, zone)).toBe(minutesOf(instant));
  });

  it('reads the minutes just around a gap', () => {
    expect(parseLocalDateTime('2026-03-29T01:59', 'Europe/Amsterdam')).toBe(minutesOf('2026-03-29T00:59Z'));
    expect(parseLocalDateTime('2026-03-29T03:00', 'Europe/Amsterdam')).toBe(minutesOf('2026-03-29T01:00Z'));
    expect(parseLocalDateTime('2026-10-04T02:30', 'Australia/Lord_Howe')).toBe(
      minutesOf('2026-10-03T15:30Z'),
    );
  });

  it.each([
    '2026-02-30T10:00',
    '2026-01-01T24:00',
    '2026-01-01 10:00',
    '2026-1-01T10:00',
    '2026-01-01T10:00:00',
  ])('refuses the malformed time %s', (text) => {
    expect(isLocalDateTime(text)).toBe(false);
    expect(() => parseLocalDateTime(text, 'Europe/Amsterdam')).toThrow(TimeFormatError);
  });

  it('refuses an unknown zone', () => {
    expect(() => parseLocalDateTime('2026-01-01T10:00', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('round trips across daylight-saving changes', () => {
  const weeks: Array<[string, string]> = [
    ['Europe/Amsterdam', '2026-03-26'],
    ['Europe/Amsterdam', '2026-10-22'],
    ['America/New_York', '2026-03-05'],
    ['America/New_York', '2026-10-29'],
    ['Australia/Lord_Howe', '2026-04-02'],
    ['Australia/Lord_Howe', '2026-10-01'],
  ];

  it.each(weeks)(
    'local -> instant -> local is the identity for every existing time in %s from %s',
    (zone, first) => {
      let checked = 0;
      let skipped = 0;
      for (const date of datesBetween(first, addDays(first, 4))) {
        for (let minute = 0; minute < 24 * 60; minute += 5) {
          const local = `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          let instant: number;
          try {
            instant = parseLocalDateTime(local, zone);
          } catch (error) {
            expect((error as TimeFormatError).kind).toBe('nonexistent');
            skipped++;
            continue;
          }
          expect(formatLocalDateTime(instant, zone)).toBe(local);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
      // The spring weeks lose exactly one gap; autumn weeks lose nothing.
      expect(skipped === 0 || skipped === 6 || skipped === 12).toBe(true);
    },
  );

  it.each(weeks)('instant -> local -> instant lands on the same wall clock in %s from %s', (zone, first) => {
    const from = parseLocalDateTime(`${first}T00:00`, zone);
    for (let instant = from; instant < from + 4 * 24 * 60; instant += 15) {
      const local = formatLocalDateTime(instant, zone);
      const back = parseLocalDateTime(local, zone);
      // In a repeated hour the first occurrence is meant, so the second one maps back earlier.
      expect(back).toBeLessThanOrEqual(instant);
      expect(instant - back).toBeLessThanOrEqual(60);
      expect(formatLocalDateTime(back, zone)).toBe(local);
    }
  });
});

describe('offsets and formatting', () => {
  it('knows the offsets of both seasons', () => {
    expect(offsetMinutesAt(minutesOf('2026-01-15T12:00Z'), 'Europe/Amsterdam')).toBe(60);
    expect(offsetMinutesAt(minutesOf('2026-07-15T12:00Z'), 'Europe/Amsterdam')).toBe(120);
    expect(offsetMinutesAt(minutesOf('2026-01-15T12:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutesAt(minutesOf('2026-01-15T12:00Z'), 'Australia/Lord_Howe')).toBe(660);
    expect(offsetMinutesAt(minutesOf('2026-07-15T12:00Z'), 'Australia/Lord_Howe')).toBe(630);
  });

  it('formats with the offset of the moment', () => {
    const instant = parseLocalDateTime('2026-11-23T07:40', 'Europe/Amsterdam');
    expect(formatOffsetDateTime(instant, 'Europe/Amsterdam')).toBe('2026-11-23T07:40:00+01:00');
    expect(parseRosterTime('2026-11-23T07:40:00+01:00', 'Europe/Amsterdam')).toBe(instant);
    expect(parseRosterTime('2026-11-23T06:40Z', 'Europe/Amsterdam')).toBe(instant);
    expect(
      formatOffsetDateTime(parseLocalDateTime('2026-07-01T09:00', 'America/New_York'), 'America/New_York'),
    ).toBe('2026-07-01T09:00:00-04:00');
  });

  it.each([
    // Transitions on the hour, on the half hour (Lord Howe), an odd offset (Kathmandu) and local
    // mean time with seconds in its offset (Amsterdam before 1937).
    ['Europe/Amsterdam', '2026-03-29T00:00Z'],
    ['Europe/Amsterdam', '2026-10-25T00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T14:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T14:00Z'],
    ['Asia/Kathmandu', '1985-12-31T18:00Z'],
    ['Europe/Amsterdam', '1937-06-30T22:00Z'],
  ])('formats every minute around a transition of %s as Intl does (%s)', (zone, from) => {
    // The per-hour offsets are remembered: every minute of four hours, twice, against Intl itself.
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const expected = (minute: number) => {
      const parts = Object.fromEntries(
        intl.formatToParts(new Date(minute * 60_000)).map((part) => [part.type, part.value]),
      );
      return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
    };
    for (let pass = 0; pass < 2; pass++)
      for (let minute = minutesOf(from) - 120; minute < minutesOf(from) + 120; minute++)
        expect(formatLocalDateTime(minute, zone)).toBe(expected(minute));
  });

  it('gives the local date of an instant, not the UTC date', () => {
    expect(localDateOf(minutesOf('2026-11-23T23:30Z'), 'Europe/Amsterdam')).toBe('2026-11-24');
    expect(localDateOf(minutesOf('2026-11-24T03:30Z'), 'America/New_York')).toBe('2026-11-23');
  });
});

describe('dates', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(datesBetween('2026-03-28', '2026-03-30')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });

  it('knows ISO weekdays and valid dates', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
  });

  it('starts a day at the first minute that exists', () => {
    expect(startOfLocalDate('2026-03-29', 'Europe/Amsterdam')).toBe(minutesOf('2026-03-28T23:00Z'));
    // Santiago skips midnight itself when it springs forward (2026-09-06 00:00 -> 01:00).
    expect(formatLocalDateTime(startOfLocalDate('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe(
      '2026-09-06T01:00',
    );
  });
});
