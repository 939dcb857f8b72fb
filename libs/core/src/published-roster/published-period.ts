import { InvalidInputError, type FieldProblem } from '@homecare/common';
import { addDays, isLocalDate, localDateOf } from '@homecare/scenario';

/** Two months: the longest period a caregiver's app or a payroll export asks for at once. */
export const MAX_PUBLISHED_PERIOD_DAYS = 62;
/** A published roster older or further ahead than this is nobody's roster: refused, not scanned. */
export const PUBLISHED_PERIOD_REACH_DAYS = 2 * 366;

const DAY_MS = 86_400_000;

/**
 * The period of a published-roster read: calendar dates, in order, at most 62 days long, and
 * within two years of today (as of the clock). Without these limits a read of 1900..2999 walked
 * every published row of the team. 400 with the rule's code and every problem otherwise.
 */
export function assertPublishedPeriod(period: { from: string; to: string }, nowMs: number): void {
  const problems: FieldProblem[] = (['from', 'to'] as const)
    .filter((field) => !isLocalDate(period[field]))
    .map((field) => ({ path: `query.${field}`, message: `${field} must be a date of the calendar` }));
  if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1)
    throw new InvalidInputError('The period is not valid.', [
      { path: 'query.to', message: 'must not be before from' },
    ]);
  if (days > MAX_PUBLISHED_PERIOD_DAYS)
    throw new InvalidInputError(
      `The period spans ${days} days; at most ${MAX_PUBLISHED_PERIOD_DAYS} are read at once.`,
      [{ path: 'query.to', message: `at most ${MAX_PUBLISHED_PERIOD_DAYS} days after from` }],
      'period.too-long',
    );
  // UTC's today is within a day of every zone's: the bound is coarse on purpose.
  const today = localDateOf(nowMs / 60_000, 'UTC');
  const earliest = addDays(today, -PUBLISHED_PERIOD_REACH_DAYS);
  const latest = addDays(today, PUBLISHED_PERIOD_REACH_DAYS);
  const outside: FieldProblem[] = [];
  if (period.from < earliest) outside.push({ path: 'query.from', message: `must not be before ${earliest}` });
  if (period.to > latest) outside.push({ path: 'query.to', message: `must not be after ${latest}` });
  if (outside.length > 0)
    throw new InvalidInputError(
      'The period is too far from today: a published roster is read within two years of it.',
      outside,
      'period.out-of-range',
    );
}
