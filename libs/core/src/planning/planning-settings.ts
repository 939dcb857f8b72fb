// A team's rolling-planning settings as rules: the defaults, the checks of a change (each refusal
// names its rule), and when a week's review opens and closes in the team's own zone.
import { InvalidInputError, type ErrorCode, type FieldProblem } from '@homecare/common';
import {
  addDays,
  isoWeekday,
  localDateOf,
  parseLocalDateTime,
  startOfLocalDate,
  TimeFormatError,
} from '@homecare/scenario';

const MINUTE_MS = 60_000;

export interface PlanningSettings {
  rollingPlanningEnabled: boolean;
  /** Which ISO week ahead is prepared: 1 is next week. */
  weeksAhead: number;
  /** ISO weekday (1 Monday .. 7 Sunday) the review opens on, from the start of that local day. */
  reviewOpensWeekday: number;
  /** ISO weekday and local `HH:mm` of the review deadline, in the week the review opens. */
  reviewDeadlineWeekday: number;
  reviewDeadlineTime: string;
  /** The team's continuity target: mean different caregivers per client in a week (1 to 20). */
  continuityTargetDistinctCaregivers: number;
}

/** What a team has until it sets its own: off, so that existing teams keep planning by hand. */
export const DEFAULT_PLANNING_SETTINGS: PlanningSettings = {
  rollingPlanningEnabled: false,
  weeksAhead: 1,
  reviewOpensWeekday: 3,
  reviewDeadlineWeekday: 5,
  reviewDeadlineTime: '17:00',
  continuityTargetDistinctCaregivers: 2,
};

const SETTING_NAMES = Object.keys(DEFAULT_PLANNING_SETTINGS) as (keyof PlanningSettings)[];
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const isWhole = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * The settings after `input` (a PATCH body) is applied to `current`, or a 400 listing every field
 * that is wrong, with the first broken rule's code.
 */
export function applyPlanningChanges(
  current: PlanningSettings,
  input: Record<string, unknown>,
): PlanningSettings {
  const problems: (FieldProblem & { code: ErrorCode })[] = [];
  const problem = (name: string, message: string, code: ErrorCode) =>
    problems.push({ path: `$.${name}`, message, code });
  for (const name of Object.keys(input))
    if (!(SETTING_NAMES as string[]).includes(name))
      problem(name, `is not a planning setting (${SETTING_NAMES.join(', ')})`, 'planning.unknown-setting');
  const next = { ...current };
  const {
    rollingPlanningEnabled,
    weeksAhead,
    reviewOpensWeekday,
    reviewDeadlineWeekday,
    reviewDeadlineTime,
    continuityTargetDistinctCaregivers: target,
  } = input;
  if (rollingPlanningEnabled !== undefined) {
    if (typeof rollingPlanningEnabled !== 'boolean')
      problem('rollingPlanningEnabled', 'must be true or false', 'planning.enabled-invalid');
    else next.rollingPlanningEnabled = rollingPlanningEnabled;
  }
  if (weeksAhead !== undefined) {
    if (!isWhole(weeksAhead, 1, 4))
      problem('weeksAhead', 'must be a whole number from 1 to 4', 'planning.weeks-ahead-invalid');
    else next.weeksAhead = weeksAhead as number;
  }
  for (const [name, value] of [
    ['reviewOpensWeekday', reviewOpensWeekday],
    ['reviewDeadlineWeekday', reviewDeadlineWeekday],
  ] as const) {
    if (value === undefined) continue;
    if (!isWhole(value, 1, 7))
      problem(name, 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)', 'planning.weekday-invalid');
    else next[name] = value as number;
  }
  if (reviewDeadlineTime !== undefined) {
    if (typeof reviewDeadlineTime !== 'string' || !TIME_PATTERN.test(reviewDeadlineTime))
      problem('reviewDeadlineTime', 'must be a local time HH:mm', 'planning.deadline-time-invalid');
    else next.reviewDeadlineTime = reviewDeadlineTime;
  }
  if (target !== undefined) {
    if (typeof target !== 'number' || !Number.isFinite(target) || target < 1 || target > 20)
      problem(
        'continuityTargetDistinctCaregivers',
        'must be a number from 1 to 20',
        'planning.continuity-target-invalid',
      );
    else next.continuityTargetDistinctCaregivers = target;
  }
  // The deadline closes the review the opening day began: later in that same ISO week.
  if (
    problems.length === 0 &&
    (next.reviewDeadlineWeekday < next.reviewOpensWeekday ||
      (next.reviewDeadlineWeekday === next.reviewOpensWeekday && next.reviewDeadlineTime === '00:00'))
  )
    problem(
      'reviewDeadlineWeekday',
      'the review deadline must come after the review opens, in the same ISO week',
      'planning.deadline-before-opening',
    );
  if (problems.length > 0)
    throw new InvalidInputError(
      'The planning settings are not valid.',
      problems.map(({ path, message }) => ({ path, message })),
      problems[0].code,
    );
  return next;
}

/** The week the schedule prepares now, and when its review opens and closes. */
export interface RollingWeek {
  /** Monday and Sunday of the ISO week, local dates. */
  weekStart: string;
  weekEnd: string;
  reviewOpensAt: Date;
  reviewDeadline: Date;
}

/**
 * The week whose review is open as of `nowMs` in `timeZone`: the latest opening weekday that has
 * begun names the cycle, and the week `weeksAhead` after that cycle's week is the one prepared.
 * Undefined when that review has already closed (a team switched on after its deadline plans that
 * week by hand; the schedule takes the next one) or the week has begun.
 */
export function rollingWeekAt(
  settings: PlanningSettings,
  timeZone: string,
  nowMs: number,
): RollingWeek | undefined {
  const today = localDateOf(nowMs / MINUTE_MS, timeZone);
  const thisMonday = addDays(today, 1 - isoWeekday(today));
  const opensIn = (monday: string): number =>
    startOfLocalDate(addDays(monday, settings.reviewOpensWeekday - 1), timeZone) * MINUTE_MS;
  const cycleMonday = nowMs >= opensIn(thisMonday) ? thisMonday : addDays(thisMonday, -7);
  const weekStart = addDays(cycleMonday, 7 * settings.weeksAhead);
  const deadlineMinutes = localInstant(
    addDays(cycleMonday, settings.reviewDeadlineWeekday - 1),
    settings.reviewDeadlineTime,
    timeZone,
  );
  const reviewDeadline = new Date(deadlineMinutes * MINUTE_MS);
  if (weekStart <= today || reviewDeadline.getTime() <= nowMs) return undefined;
  return {
    weekStart,
    weekEnd: addDays(weekStart, 6),
    reviewOpensAt: new Date(opensIn(cycleMonday)),
    reviewDeadline,
  };
}

/** Epoch minutes of a local date and time; a time the clocks skip (DST) moves an hour on. */
function localInstant(date: string, time: string, timeZone: string): number {
  try {
    return parseLocalDateTime(`${date}T${time}`, timeZone);
  } catch (error) {
    if (!(error instanceof TimeFormatError) || error.kind !== 'nonexistent') throw error;
    const [hours, minutes] = time.split(':').map(Number);
    return parseLocalDateTime(
      `${date}T${String(Math.min(23, hours + 1)).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
      timeZone,
    );
  }
}
