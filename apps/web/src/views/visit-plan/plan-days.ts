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
