import { nextDigest, quietUntil } from './email-timing';

const AMSTERDAM = 'Europe/Amsterdam';
const at = (iso: string): number => Date.parse(iso);

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00' };

  it('are not quiet outside the hours, or without any', () => {
    expect(quietUntil(at('2027-01-12T12:00:00Z'), AMSTERDAM, night)).toBeUndefined();
    expect(quietUntil(at('2027-01-12T23:00:00Z'), AMSTERDAM, null)).toBeUndefined();
  });

  it('span midnight: before midnight they end the next morning, after it the same morning', () => {
    // 23:30 local (UTC+1 in January) -> 07:00 local the next day
    expect(quietUntil(at('2027-01-12T22:30:00Z'), AMSTERDAM, night)).toBe(at('2027-01-13T06:00:00Z'));
    // 05:00 local -> 07:00 local that day
    expect(quietUntil(at('2027-01-13T04:00:00Z'), AMSTERDAM, night)).toBe(at('2027-01-13T06:00:00Z'));
    // 07:00 local sharp is no longer quiet
    expect(quietUntil(at('2027-01-13T06:00:00Z'), AMSTERDAM, night)).toBeUndefined();
  });

  it('within a day end that day, in the zone of the person (summer time counted)', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(quietUntil(at('2027-07-12T10:15:00Z'), AMSTERDAM, lunch)).toBe(at('2027-07-12T11:30:00Z'));
    expect(quietUntil(at('2027-07-12T16:15:00Z'), 'America/New_York', lunch)).toBe(
      at('2027-07-12T17:30:00Z'),
    );
  });

  it('end on a time the clocks skip an hour later', () => {
    // 2027-03-28: Amsterdam skips 02:00-03:00
    const early = { start: '01:00', end: '02:30' };
    expect(quietUntil(at('2027-03-28T00:30:00Z'), AMSTERDAM, early)).toBe(at('2027-03-28T01:30:00Z'));
  });
});

describe('daily digest', () => {
  it('goes out at the next 07:00 local, named by that day', () => {
    expect(nextDigest(at('2027-01-12T12:00:00Z'), AMSTERDAM, null)).toEqual({
      atMs: at('2027-01-13T06:00:00Z'),
      day: '2027-01-13',
    });
    expect(nextDigest(at('2027-01-13T05:00:00Z'), AMSTERDAM, null)).toEqual({
      atMs: at('2027-01-13T06:00:00Z'),
      day: '2027-01-13',
    });
  });

  it('waits for the end of quiet hours that cover 07:00', () => {
    expect(nextDigest(at('2027-01-12T12:00:00Z'), AMSTERDAM, { start: '22:00', end: '08:30' })).toEqual({
      atMs: at('2027-01-13T07:30:00Z'),
      day: '2027-01-13',
    });
  });
});
