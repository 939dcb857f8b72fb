// Grouping of a visit plan into days, and the dates of a two-week page. DOM-free, unit-tested.

export interface DatedVisit {
  date: string;
  plannedStart: string;
}

export interface PlanDay<T> {
  date: string;
  visits: T[];
}

/** Visits grouped by local date, days in order and visits in each day by planned start. */
export function byDay<T extends DatedVisit>(visits: readonly T[]): PlanDay<T>[] {
  const days = new Map<string, T[]>();
  for (const visit of [...visits].sort((a, b) => a.plannedStart.localeCompare(b.plannedStart))) {
    const day = days.get(visit.date);
    if (day) day.push(visit);
    else days.set(visit.date, [visit]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => ({ date, visits: list }));
}

/** The local date `days` after `date` (YYYY-MM-DD), across month and year ends. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export interface UnpublishedPeriod {
  status: 'proposal' | 'in-review' | 'agreed';
  from: string;
  to: string;
}

/**
 * What to say of each part of the page whose plan is not published: still planning (a proposal
 * not shown yet, or one that has no visit of this client), or still being agreed (its visits are
 * on the page, marked). The dates are the plan's own first and last day.
 */
export function unpublishedNotices(
  periods: readonly UnpublishedPeriod[],
  visits: readonly { date: string; proposed: boolean }[],
): { from: string; to: string; planning: boolean }[] {
  return periods.map((period) => {
    const proposed = visits.some(
      (visit) => visit.proposed && visit.date >= period.from && visit.date <= period.to,
    );
    return { from: period.from, to: period.to, planning: period.status === 'proposal' || !proposed };
  });
}
