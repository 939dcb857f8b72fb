import { visitWeight, weighHistory } from './continuity-history';

const DAY_MS = 24 * 60 * 60_000;
const START = Date.UTC(2030, 0, 7);

describe('carried-over history', () => {
  it('weighs last week 1 and halves the weight every two weeks, inside the window only', () => {
    expect(visitWeight(START - DAY_MS, START)).toBe(1);
    expect(visitWeight(START - 8 * DAY_MS, START)).toBeCloseTo(Math.SQRT1_2);
    expect(visitWeight(START - 15 * DAY_MS, START)).toBe(0.5);
    expect(visitWeight(START - 29 * DAY_MS, START)).toBe(0.25);
    expect(visitWeight(START - 57 * DAY_MS, START)).toBe(0);
    expect(visitWeight(START, START)).toBe(0);
    expect(visitWeight(START - 15 * DAY_MS, START, 2)).toBe(0);
  });

  it('adds the weighted visits to the imported counts per client and caregiver', () => {
    const history = weighHistory(
      [{ clientId: 'c', caregiverId: 'a', visits: 3 }],
      [
        { clientId: 'c', caregiverId: 'a', atMs: START - DAY_MS },
        { clientId: 'c', caregiverId: 'b', atMs: START - 2 * DAY_MS },
        { clientId: 'c', caregiverId: 'b', atMs: START - 15 * DAY_MS },
        { clientId: 'd', caregiverId: 'b', atMs: START - 100 * DAY_MS },
      ],
      START,
    );
    expect(history).toEqual([
      { clientId: 'c', caregiverId: 'a', visits: 4 },
      { clientId: 'c', caregiverId: 'b', visits: 1.5 },
    ]);
  });
});
