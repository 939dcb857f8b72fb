import { validateEnvironment } from '../config/app.config';
import { Clock, clockFromSettings, FixedClock, machineTime, ShiftedClock, SystemClock } from './clock';

const HOUR_MS = 3_600_000;

describe('Clock', () => {
  it('a shifted clock starts at its instant and runs on at the machine pace', () => {
    const anchor = machineTime.nowMs();
    const clock = new ShiftedClock(new Date('2027-03-28T01:30:00Z'), anchor);
    const first = clock.nowMs();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2027-03-28T01:30:00Z'));
    expect(first).toBeLessThan(Date.parse('2027-03-28T01:30:00Z') + HOUR_MS);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(first);
  });

  it('two processes given the same instant and anchor read the same time', () => {
    const settings = { CLOCK_NOW: '2026-12-31T23:00:00+01:00', CLOCK_NOW_ANCHOR_MS: '1000' };
    const [a, b] = [clockFromSettings(settings), clockFromSettings(settings)];
    expect(Math.abs(a.nowMs() - b.nowMs())).toBeLessThan(1000);
    // Anchored 1 s after the epoch: now is the instant plus everything since.
    expect(a.nowMs()).toBeGreaterThan(Date.parse('2026-12-31T22:00:00Z') + HOUR_MS * 24 * 365);
  });

  it('without CLOCK_NOW the product runs on the machine time', () => {
    expect(clockFromSettings({})).toBeInstanceOf(SystemClock);
    expect(clockFromSettings({ CLOCK_NOW: '' })).toBeInstanceOf(SystemClock);
  });

  it('refuses a CLOCK_NOW that is not an instant', () => {
    expect(() => clockFromSettings({ CLOCK_NOW: 'next tuesday' })).toThrow('CLOCK_NOW is not an instant');
  });

  it('a fixed clock never moves and hands out copies', () => {
    const clock: Clock = new FixedClock(new Date('2028-02-29T11:00:00Z'));
    const read = clock.now();
    read.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2028-02-29T11:00:00.000Z');
  });
});

describe('CLOCK_NOW in the configuration', () => {
  const base = { DATABASE_URL: 'postgres://localhost/homecare', REDIS_URL: 'redis://localhost:6379' };

  it('is accepted outside production with an offset', () => {
    const config = validateEnvironment({ ...base, NODE_ENV: 'test', CLOCK_NOW: '2027-10-31T02:30:00+02:00' });
    expect(config.CLOCK_NOW).toBe('2027-10-31T02:30:00+02:00');
  });

  it('needs an offset: a local time would mean another instant on every machine', () => {
    expect(() =>
      validateEnvironment({ ...base, NODE_ENV: 'test', CLOCK_NOW: '2027-10-31T02:30:00' }),
    ).toThrow(/CLOCK_NOW needs an offset or Z/);
  });

  it('is refused in production', () => {
    expect(() =>
      validateEnvironment({
        ...base,
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        CLOCK_NOW: '2027-10-31T02:30:00+02:00',
      }),
    ).toThrow(/CLOCK_NOW: not allowed in production/);
  });
});
