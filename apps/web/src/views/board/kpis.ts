// The proposal's KPIs next to the previous version's: which ones the board shows, which way is
// better, and whether the change is an improvement. No DOM; the table formats the numbers.

/** How a KPI is read: a share (0–1, shown as %), a count, minutes, or a plain number. */
export type KpiUnit = 'share' | 'count' | 'minutes' | 'number';

export interface KpiDefinition {
  key: string;
  unit: KpiUnit;
  /** Which direction is better for the team and its clients. */
  better: 'higher' | 'lower';
}

/** The KPIs of the shared specification worth a caregiver's glance, in reading order. */
export const BOARD_KPIS: readonly KpiDefinition[] = [
  { key: 'coverage', unit: 'share', better: 'higher' },
  { key: 'assignedVisits', unit: 'count', better: 'higher' },
  { key: 'hardViolations', unit: 'count', better: 'lower' },
  { key: 'meanDistinctCaregiversPerClient', unit: 'number', better: 'lower' },
  { key: 'maxDistinctCaregiversPerClient', unit: 'count', better: 'lower' },
  { key: 'primaryShare', unit: 'share', better: 'higher' },
  { key: 'preferredShare', unit: 'share', better: 'higher' },
  { key: 'travelMinutes', unit: 'minutes', better: 'lower' },
  { key: 'utilisationStdDev', unit: 'number', better: 'lower' },
];

export type Trend = 'better' | 'worse' | 'same' | 'unknown';

export interface KpiRow extends KpiDefinition {
  current: number | null;
  previous: number | null;
  trend: Trend;
}

const numberOr = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** One row per KPI known in either version (a KPI neither has is left out). */
export function compareKpis(
  current: Record<string, unknown> | null | undefined,
  previous: Record<string, unknown> | null | undefined,
): KpiRow[] {
  return BOARD_KPIS.flatMap((definition) => {
    const now = numberOr(current?.[definition.key]);
    const before = numberOr(previous?.[definition.key]);
    if (now === null && before === null) return [];
    let trend: Trend = 'unknown';
    if (now !== null && before !== null) {
      // Shares and means are compared as shown (three decimals), so noise is not a change.
      const difference = Math.round((now - before) * 1000) / 1000;
      trend =
        difference === 0 ? 'same' : difference > 0 === (definition.better === 'higher') ? 'better' : 'worse';
    }
    return [{ ...definition, current: now, previous: before, trend }];
  });
}
