import { describe, expect, it } from '@jest/globals';
import { previewDays, spanOfForm, spanShape, type ExceptionForm } from './availability-days';
import { addDays, isoWeekdayOf, todayIn } from './local-dates';
import { bodyOf, draftOf, isChanged, placeProblems, type PatternDraft } from './pattern-draft';

describe('local dates', () => {
  it('adds days across months, years and the March clock change', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it("knows today in the team's zone, not the host's", () => {
    const lateEvening = new Date('2026-06-01T22:30:00Z');
    expect(todayIn('Europe/Amsterdam', lateEvening)).toBe('2026-06-02');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-06-01');
  });

  it('numbers weekdays from Monday', () => {
    expect(isoWeekdayOf('2026-11-23')).toBe(1);
    expect(isoWeekdayOf('2026-11-29')).toBe(7);
  });
});

describe('the weekly pattern draft', () => {
  const saved = draftOf(
    {
      validFrom: '2026-03-23',
      validUntil: null,
      windows: [
        { weekday: 5, start: '22:00', end: '07:00' },
        { weekday: 1, start: '07:00', end: '13:00' },
      ],
    },
    '2026-11-23',
  );

  it('starts an empty pattern today, open-ended', () => {
    expect(draftOf({ validFrom: null, validUntil: null, windows: [] }, '2026-11-23')).toEqual({
      validFrom: '2026-11-23',
      validUntil: '',
      windows: [],
    });
  });

  it('sends windows in weekday order and remembers which row each index is', () => {
    const draft: PatternDraft = {
      ...saved,
      windows: [...saved.windows, { key: 'tuesday', weekday: 2, start: '08:00', end: '12:00' }],
    };
    const { body, keys } = bodyOf(draft);
    expect(body).toEqual({
      validFrom: '2026-03-23',
      validUntil: null,
      windows: [
        { weekday: 1, start: '07:00', end: '13:00' },
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 5, start: '22:00', end: '07:00' },
      ],
    });
    expect(keys).toEqual([saved.windows[1].key, 'tuesday', saved.windows[0].key]);
    expect(bodyOf({ ...draft, validUntil: '2026-12-31' }).body.validUntil).toBe('2026-12-31');
  });

  it('sees a change in times or dates, not in the order of rows', () => {
    expect(isChanged({ ...saved, windows: [...saved.windows].reverse() }, saved)).toBe(false);
    expect(isChanged({ ...saved, validUntil: '2026-12-31' }, saved)).toBe(true);
    expect(
      isChanged({ ...saved, windows: [{ ...saved.windows[0], end: '06:00' }, saved.windows[1]] }, saved),
    ).toBe(true);
  });

  it("places the API's problems on rows and fields, naming windows in words", () => {
    const placed = placeProblems(
      [
        { path: '$.windows[1]', message: 'overlaps windows[0] of the pattern' },
        { path: '$.windows[0].start', message: 'start must be a local time HH:mm' },
        { path: '$.validUntil', message: 'validUntil must not be before validFrom' },
        { path: '$.windows[9]', message: 'unknown row' },
        { path: '$.somethingElse', message: 'not a field here' },
      ],
      ['a', 'b'],
      (index) => (index === 0 ? 'Tuesday 08:00–12:00' : undefined),
    );
    expect(Object.fromEntries(placed.byField)).toEqual({
      b: ['overlaps Tuesday 08:00–12:00 of the pattern'],
      'a.start': ['start must be a local time HH:mm'],
      validUntil: ['validUntil must not be before validFrom'],
    });
    expect(placed.unplaced.map((problem) => problem.path)).toEqual(['$.windows[9]', '$.somethingElse']);
  });
});

describe('the availability preview', () => {
  it('splits an overnight window over two days and drops a window ending at midnight from the next', () => {
    const days = previewDays(
      [
        { start: '2026-06-01T22:00', end: '2026-06-02T07:00', source: 'pattern' },
        { start: '2026-06-02T08:00', end: '2026-06-02T12:00', source: 'window' },
        { start: '2026-06-02T18:00', end: '2026-06-03T00:00', source: 'pattern' },
      ],
      '2026-06-01',
      3,
    );
    expect(days.map((day) => day.date)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    expect(days[0].pieces).toEqual([
      expect.objectContaining({ fromMinute: 1320, toMinute: 1440, continued: false, continues: true }),
    ]);
    expect(days[1].pieces.map((piece) => [piece.fromMinute, piece.toMinute, piece.continued])).toEqual([
      [0, 420, true],
      [480, 720, false],
      [1080, 1440, false],
    ]);
    expect(days[2].pieces).toEqual([]);
  });

  it('names whole days, times on one day and spans across days', () => {
    expect(spanShape({ start: '2026-12-07T00:00', end: '2026-12-12T00:00' })).toEqual({
      kind: 'all-day',
      first: '2026-12-07',
      last: '2026-12-11',
    });
    expect(spanShape({ start: '2026-12-07T11:00', end: '2026-12-07T12:30' })).toEqual({
      kind: 'same-day',
      date: '2026-12-07',
      from: '11:00',
      to: '12:30',
    });
    expect(spanShape({ start: '2026-12-07T22:00', end: '2026-12-08T06:00' })).toMatchObject({
      kind: 'across-days',
    });
  });

  it('turns the form into local times, whole days running to the midnight after the last', () => {
    const form: ExceptionForm = {
      availability: 'unavailable',
      date: '2026-12-07',
      allDay: true,
      lastDate: '2026-12-11',
      from: '',
      until: '',
      kind: 'leave',
      note: '',
    };
    expect(spanOfForm(form)).toEqual({ start: '2026-12-07T00:00', end: '2026-12-12T00:00' });
    expect(spanOfForm({ ...form, lastDate: '' })).toEqual({
      start: '2026-12-07T00:00',
      end: '2026-12-08T00:00',
    });
    expect(spanOfForm({ ...form, allDay: false, from: '11:00', until: '09:00' })).toEqual({
      start: '2026-12-07T11:00',
      end: '2026-12-07T09:00',
    });
  });
});
