import { addDays } from '@homecare/scenario';
import { checkConsecutiveDays, type WorkSegment } from './working-time';

const FIRST = '2027-03-01';
/** A 2-hour visit on each of the given days after FIRST. */
const worked = (days: number[]): WorkSegment[] =>
  days.map((offset, index) => ({
    start: offset * 1440 + 8 * 60,
    end: offset * 1440 + 10 * 60,
    date: addDays(FIRST, offset),
    visitId: `visit-${index}`,
  }));

describe('days worked in a row', () => {
  it('flags a run longer than the limit once, with its first and last day', () => {
    const flags = checkConsecutiveDays(worked([0, 1, 2, 3, 4, 5, 6, 8]), 6);
    expect(flags).toEqual([
      expect.objectContaining({
        kind: 'too-many-days-in-a-row',
        date: FIRST,
        lastDate: addDays(FIRST, 6),
        days: 7,
        limitDays: 6,
      }),
    ]);
  });

  it('leaves runs up to the limit alone, and a day off starts a new run', () => {
    expect(checkConsecutiveDays(worked([0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]), 6)).toEqual([]);
  });

  it('counts a day with several visits once, and checks nothing without a rule', () => {
    const twice = [...worked([0, 1, 2]), ...worked([0, 1, 2])];
    expect(checkConsecutiveDays(twice, 2)).toHaveLength(1);
    expect(checkConsecutiveDays(worked([0, 1, 2, 3, 4, 5, 6, 7, 8]), null)).toEqual([]);
  });
});
