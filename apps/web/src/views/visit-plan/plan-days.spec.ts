import { addDays, byDay, unpublishedNotices } from './plan-days';

describe('visit plan days', () => {
  it('groups visits by date, days and visits in order', () => {
    const visits = [
      { id: 'c', date: '2026-11-24', plannedStart: '2026-11-24T08:00' },
      { id: 'b', date: '2026-11-23', plannedStart: '2026-11-23T17:30' },
      { id: 'a', date: '2026-11-23', plannedStart: '2026-11-23T07:45' },
    ];
    expect(byDay(visits)).toEqual([
      { date: '2026-11-23', visits: [visits[2], visits[1]] },
      { date: '2026-11-24', visits: [visits[0]] },
    ]);
    expect(byDay([])).toEqual([]);
  });

  it('adds days across month and year ends, and across the change to winter time', () => {
    expect(addDays('2026-11-23', 13)).toBe('2026-12-06');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('says a week is still being planned unless this client has proposed visits in it', () => {
    const periods = [
      { status: 'in-review' as const, from: '2026-11-23', to: '2026-11-29' },
      { status: 'in-review' as const, from: '2026-11-30', to: '2026-12-06' },
      { status: 'proposal' as const, from: '2026-12-07', to: '2026-12-13' },
    ];
    const visits = [
      { date: '2026-11-25', proposed: true },
      { date: '2026-12-01', proposed: false },
      { date: '2026-12-08', proposed: true },
    ];
    expect(unpublishedNotices(periods, visits)).toEqual([
      { from: '2026-11-23', to: '2026-11-29', planning: false },
      { from: '2026-11-30', to: '2026-12-06', planning: true },
      { from: '2026-12-07', to: '2026-12-13', planning: true },
    ]);
  });
});
