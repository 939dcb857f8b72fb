// Unique names for tests that share one database, importable before the app (and its configuration) loads.
import { machineTime } from '@homecare/common/clock/clock';
let counter = 0;

/** A unique suffix, so that tests sharing one database never collide. */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${machineTime.nowMs().toString(36)}-${counter}`;
}
