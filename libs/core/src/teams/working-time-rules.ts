import { InvalidInputError, type ErrorCode, type FieldProblem } from '@homecare/common';
import type { Organisation, Team, TeamWorkingTimeOverrides } from '@homecare/database';
import type { WorkingTimeRules } from '@homecare/scenario';

/** The EU's Working Time Directive: 11 h daily rest; at most 6 days in a row (a weekly rest day). */
export const DEFAULT_MIN_REST_MINUTES = 11 * 60;
export const DEFAULT_MAX_CONSECUTIVE_DAYS = 6;

export const WORKING_TIME_RULE_NAMES = ['minRestMinutes', 'maxConsecutiveDays'] as const;
export type WorkingTimeRuleName = (typeof WORKING_TIME_RULE_NAMES)[number];

/** A rule's value: a number, or null when the rule is not checked. */
export interface WorkingTimeRulesView {
  minRestMinutes: number | null;
  maxConsecutiveDays: number | null;
}

const RANGES: Record<WorkingTimeRuleName, { min: number; max: number; code: ErrorCode }> = {
  minRestMinutes: { min: 1, max: 2880, code: 'working-time.min-rest-invalid' },
  maxConsecutiveDays: { min: 1, max: 31, code: 'working-time.max-consecutive-days-invalid' },
};

/**
 * Validates a change of rules: every key a rule, every value null or a whole number in range.
 * All problems at once; the code is the first rule broken.
 */
export function parseWorkingTimeChanges(
  input: Record<string, unknown>,
  path = '$',
): Partial<WorkingTimeRulesView> {
  const problems: FieldProblem[] = [];
  let code: ErrorCode | undefined;
  const changes: Partial<WorkingTimeRulesView> = {};
  for (const [key, value] of Object.entries(input)) {
    const range = RANGES[key as WorkingTimeRuleName];
    if (!range) {
      problems.push({ path: `${path}.${key}`, message: `${key} is not a working-time rule` });
      code ??= 'working-time.unknown-rule';
      continue;
    }
    if (value === null) changes[key as WorkingTimeRuleName] = null;
    else if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max)
      changes[key as WorkingTimeRuleName] = value;
    else {
      problems.push({
        path: `${path}.${key}`,
        message: `${key} must be a whole number from ${range.min} to ${range.max}, or null`,
      });
      code ??= range.code;
    }
  }
  if (problems.length > 0)
    throw new InvalidInputError('The working-time rules are not valid.', problems, code);
  return changes;
}

export function organisationRulesOf(
  organisation: Pick<Organisation, 'minRestMinutes' | 'maxConsecutiveDays'>,
): WorkingTimeRulesView {
  return {
    minRestMinutes: organisation.minRestMinutes,
    maxConsecutiveDays: organisation.maxConsecutiveDays,
  };
}

/** The organisation's rules with the team's overrides on top. */
export function effectiveRulesOf(
  organisation: Pick<Organisation, 'minRestMinutes' | 'maxConsecutiveDays'>,
  overrides: TeamWorkingTimeOverrides | null | undefined,
): WorkingTimeRulesView {
  const rules = organisationRulesOf(organisation);
  for (const name of WORKING_TIME_RULE_NAMES) {
    if (overrides && name in overrides && overrides[name] !== undefined) rules[name] = overrides[name]!;
  }
  return rules;
}

/** As the scenario format says them: a rule not checked is absent. */
export function scenarioRulesOf(rules: WorkingTimeRulesView): WorkingTimeRules {
  return {
    ...(rules.minRestMinutes !== null ? { minRestMinutes: rules.minRestMinutes } : {}),
    ...(rules.maxConsecutiveDays !== null ? { maxConsecutiveDays: rules.maxConsecutiveDays } : {}),
  };
}

export type TeamWithOverrides = Pick<Team, 'workingTimeOverrides'>;
