import { InvalidInputError } from '@homecare/common';
import { assertPublishedPeriod } from './published-period';

// Fixed instants on purpose: the bounds are relative to the "now" given, whatever today is.
const NOW = Date.UTC(2026, 11, 7, 9, 0);

const codeOf = (period: { from: string; to: string }, nowMs = NOW): string | undefined => {
  try {
    assertPublishedPeriod(period, nowMs);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).code ?? 'request.invalid';
  }
};

describe('assertPublishedPeriod', () => {
  it('accepts up to 62 days within two years of now', () => {
    expect(codeOf({ from: '2026-12-07', to: '2027-02-06' })).toBeUndefined();
    expect(codeOf({ from: '2024-12-08', to: '2024-12-08' })).toBeUndefined();
    expect(codeOf({ from: '2028-12-07', to: '2028-12-08' })).toBeUndefined();
  });

  it('refuses a 63-day period, a period before or after the reach, and the millennium', () => {
    expect(codeOf({ from: '2026-12-07', to: '2027-02-07' })).toBe('period.too-long');
    expect(codeOf({ from: '2024-12-04', to: '2024-12-05' })).toBe('period.out-of-range');
    expect(codeOf({ from: '2028-12-10', to: '2028-12-11' })).toBe('period.out-of-range');
    expect(codeOf({ from: '1900-01-01', to: '1900-01-31' })).toBe('period.out-of-range');
    expect(codeOf({ from: '1900-01-01', to: '2999-12-31' })).toBe('period.too-long');
  });

  it('follows the now it is given', () => {
    expect(codeOf({ from: '2030-01-01', to: '2030-01-07' })).toBe('period.out-of-range');
    expect(codeOf({ from: '2030-01-01', to: '2030-01-07' }, Date.UTC(2029, 5, 1))).toBeUndefined();
  });
});
