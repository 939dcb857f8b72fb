// How continuous a client's care was over some visits: how many different caregivers they saw and
// how much of it came from the one they saw most. The same definitions as the engine's roster KPIs
// (meanDistinctCaregiversPerClient, primaryShare), but over any set of visits, so that a window of
// several published weeks can be measured as one (the issue's "at most N different caregivers in 4
// weeks"). Pure.

/** One caregiver at one visit of a client (a double-up visit gives two). */
export interface CareSlot {
  clientId: string;
  caregiverId: string;
}

export interface ContinuityFigures {
  /** clients with at least one slot */
  clients: number;
  /** mean over those clients of the number of different caregivers they saw */
  meanDistinctCaregivers: number;
  /** slots served by each client's most frequent caregiver / all slots */
  primaryShare: number;
}

export function continuityFigures(slots: Iterable<CareSlot>): ContinuityFigures {
  const perClient = new Map<string, Map<string, number>>();
  for (const slot of slots) {
    const counts = perClient.get(slot.clientId) ?? new Map<string, number>();
    counts.set(slot.caregiverId, (counts.get(slot.caregiverId) ?? 0) + 1);
    perClient.set(slot.clientId, counts);
  }
  let distinct = 0;
  let total = 0;
  let primary = 0;
  for (const counts of perClient.values()) {
    distinct += counts.size;
    const values = [...counts.values()];
    total += values.reduce((sum, count) => sum + count, 0);
    primary += Math.max(...values);
  }
  return {
    clients: perClient.size,
    meanDistinctCaregivers: perClient.size ? distinct / perClient.size : 0,
    primaryShare: total ? primary / total : 0,
  };
}

/**
 * The figures of each week and of the rolling window of `windowWeeks` weeks ending with it (fewer
 * at the start, when fewer weeks exist).
 */
export function rollingContinuity(
  weeks: CareSlot[][],
  windowWeeks = 4,
): Array<{ week: ContinuityFigures; window: ContinuityFigures; windowWeeks: number }> {
  return weeks.map((slots, index) => {
    const first = Math.max(0, index - windowWeeks + 1);
    return {
      week: continuityFigures(slots),
      window: continuityFigures(weeks.slice(first, index + 1).flat()),
      windowWeeks: index - first + 1,
    };
  });
}
