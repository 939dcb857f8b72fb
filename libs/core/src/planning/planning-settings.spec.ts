import { clockFromSettings, InvalidInputError } from '@homecare/common';
import { addDays, isoWeekday, localDateOf, parseLocalDateTime, startOfLocalDate } from '@homecare/scenario';
import { applyPlanningChanges, DEFAULT_PLANNING_SETTINGS, rollingWeekAt } from './planning-settings';

const MINUTE_MS = 60_000;
const ZONES = ['Europe/Amsterdam', 'America/New_York', 'Pacific/Auckland'];
const clock = clockFromSettings(process.env);

/** The Monday of this week in `zone`, as of the clock (any date). */
function mondayIn(zone: string): string {
  const today = localDateOf(clock.nowMs() / MINUTE_MS, zone);
  return addDays(today, 1 - isoWeekday(today));
}

describe('rollingWeekAt', () => {
  const settings = { ...DEFAULT_PLANNING_SETTINGS, rollingPlanningEnabled: true };

  it.each(ZONES)(
    'prepares next week from Wednesday 00:00 in %s, with Friday 17:00 as the deadline',
    (zone) => {
      const monday = mondayIn(zone);
      const opens = startOfLocalDate(addDays(monday, 2), zone) * MINUTE_MS;
      expect(rollingWeekAt(settings, zone, opens)).toEqual({
        weekStart: addDays(monday, 7),
        weekEnd: addDays(monday, 13),
        reviewOpensAt: new Date(opens),
        reviewDeadline: new Date(parseLocalDateTime(`${addDays(monday, 4)}T17:00`, zone) * MINUTE_MS),
      });
      // A minute before, this week's cycle has not begun (and last week's target has started).
      expect(rollingWeekAt(settings, zone, opens - MINUTE_MS)).toBeUndefined();
      // After the deadline the week is left to the team.
      const deadline = parseLocalDateTime(`${addDays(monday, 4)}T17:00`, zone) * MINUTE_MS;
      expect(rollingWeekAt(settings, zone, deadline - MINUTE_MS)?.weekStart).toBe(addDays(monday, 7));
      expect(rollingWeekAt(settings, zone, deadline)).toBeUndefined();
    },
  );

  it('prepares the week weeksAhead after the cycle', () => {
    const zone = ZONES[0];
    const monday = mondayIn(zone);
    const opens = startOfLocalDate(addDays(monday, 2), zone) * MINUTE_MS;
    expect(rollingWeekAt({ ...settings, weeksAhead: 3 }, zone, opens + MINUTE_MS)?.weekStart).toBe(
      addDays(monday, 21),
    );
  });
});

describe('applyPlanningChanges', () => {
  const codeOf = (input: Record<string, unknown>): string | undefined => {
    try {
      applyPlanningChanges(DEFAULT_PLANNING_SETTINGS, input);
      return undefined;
    } catch (error) {
      return (error as InvalidInputError).code;
    }
  };

  it('applies valid changes and names the rule a wrong one breaks', () => {
    expect(
      applyPlanningChanges(DEFAULT_PLANNING_SETTINGS, { weeksAhead: 4, reviewDeadlineTime: '09:15' }),
    ).toEqual({
      ...DEFAULT_PLANNING_SETTINGS,
      weeksAhead: 4,
      reviewDeadlineTime: '09:15',
    });
    expect(codeOf({ weeksAhead: 0 })).toBe('planning.weeks-ahead-invalid');
    expect(codeOf({ reviewOpensWeekday: 7.5 })).toBe('planning.weekday-invalid');
    expect(codeOf({ reviewDeadlineTime: '7:00' })).toBe('planning.deadline-time-invalid');
    expect(codeOf({ rollingPlanningEnabled: 1 })).toBe('planning.enabled-invalid');
    expect(codeOf({ reviewDeadlineWeekday: 2 })).toBe('planning.deadline-before-opening');
    expect(codeOf({ reviewDeadlineWeekday: 3, reviewDeadlineTime: '00:00' })).toBe(
      'planning.deadline-before-opening',
    );
    expect(codeOf({ reviewDeadlineWeekday: 3, reviewDeadlineTime: '18:00' })).toBeUndefined();
    expect(codeOf({ colour: 'blue' })).toBe('planning.unknown-setting');
  });
});
