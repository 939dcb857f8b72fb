/**
 * The product's one source of "now" for business time: review deadlines, the week being planned,
 * visit generation, visit plans, calendar feeds, check-ins, pay periods, erasure, audit stamps of
 * decisions (published, agreed, approved, revoked). Everything that asks "what day is it?" asks a
 * Clock, so that a test (or a demo) can run the whole product as of another instant.
 *
 * This file is the only place allowed to read the machine's time (an ESLint rule keeps it so).
 */
export abstract class Clock {
  abstract now(): Date;

  /** Milliseconds since the epoch, as of `now()`. */
  nowMs(): number {
    return this.now().getTime();
  }
}

/** The machine's time: what runs in production. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Time that starts at another instant and runs on at the machine's pace, so that waits, deadlines
 * and timeouts still pass. `anchoredAtMs` is the machine time at which the clock read `startsAt`;
 * processes given the same pair (the API, the workers, the test runner) agree to the millisecond.
 */
export class ShiftedClock extends Clock {
  private readonly offsetMs: number;

  constructor(startsAt: Date, anchoredAtMs: number = Date.now()) {
    super();
    this.offsetMs = startsAt.getTime() - anchoredAtMs;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** A clock that never moves, for unit tests. */
export class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant.getTime());
  }
}

/** The variables that shift the clock (validated with the rest of the configuration). */
export interface ClockSettings {
  /** ISO 8601 instant the product treats as "now" at `CLOCK_NOW_ANCHOR_MS`; unset: the machine's time. */
  CLOCK_NOW?: string;
  /** Machine time (epoch ms) at which `CLOCK_NOW` held; unset: when the process read it. */
  CLOCK_NOW_ANCHOR_MS?: number | string;
}

/**
 * The clock these settings describe: the validated configuration in the apps, the raw environment
 * in scripts and test runners (which must agree with the processes they start).
 */
export function clockFromSettings(settings: ClockSettings): Clock {
  if (!settings.CLOCK_NOW) return new SystemClock();
  const startsAt = new Date(settings.CLOCK_NOW);
  if (Number.isNaN(startsAt.getTime())) throw new Error(`CLOCK_NOW is not an instant: ${settings.CLOCK_NOW}`);
  const anchor = settings.CLOCK_NOW_ANCHOR_MS;
  return new ShiftedClock(startsAt, anchor === undefined || anchor === '' ? Date.now() : Number(anchor));
}

/**
 * The machine's own time, for what must follow real seconds whatever the business clock says:
 * lifetimes of tokens and invitations (checked against JWT's `exp` and Postgres's `now()`), caches,
 * rate limits, job queues and timing. Never for a business date.
 */
export const machineTime = {
  nowMs: (): number => Date.now(),
  now: (): Date => new Date(),
};
