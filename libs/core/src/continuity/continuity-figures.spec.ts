import { continuityFigures, rollingContinuity, type CareSlot } from './continuity-figures';

const slot = (clientId: string, caregiverId: string): CareSlot => ({ clientId, caregiverId });

describe('continuity figures', () => {
  it('counts distinct caregivers per client and the share of each client’s most frequent one', () => {
    const figures = continuityFigures([slot('c1', 'a'), slot('c1', 'a'), slot('c1', 'b'), slot('c2', 'b')]);
    expect(figures.clients).toBe(2);
    // c1 saw a and b, c2 only b
    expect(figures.meanDistinctCaregivers).toBe(1.5);
    // c1: 2 of 3 by a, c2: 1 of 1 by b
    expect(figures.primaryShare).toBe(3 / 4);
  });

  it('gives zeros, not NaN, without visits', () => {
    expect(continuityFigures([])).toEqual({ clients: 0, meanDistinctCaregivers: 0, primaryShare: 0 });
  });

  it('measures a window of weeks as one: a caregiver seen in two weeks counts once', () => {
    const weeks = [
      [slot('c1', 'a'), slot('c1', 'a')],
      [slot('c1', 'a'), slot('c1', 'b')],
      [slot('c1', 'c')],
      [slot('c1', 'a')],
      [slot('c1', 'a'), slot('c2', 'd')],
    ];
    const rolling = rollingContinuity(weeks, 4);
    expect(rolling.map((entry) => entry.windowWeeks)).toEqual([1, 2, 3, 4, 4]);
    expect(rolling.map((entry) => entry.week.meanDistinctCaregivers)).toEqual([1, 2, 1, 1, 1]);
    // weeks 1-4: a, b, c; weeks 2-5: a, b, c for c1 and d for c2
    expect(rolling[3].window.meanDistinctCaregivers).toBe(3);
    expect(rolling[4].window.meanDistinctCaregivers).toBe(2);
    expect(rolling[4].window.primaryShare).toBe(4 / 6);
  });
});
