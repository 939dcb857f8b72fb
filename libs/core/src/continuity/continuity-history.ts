// Who a client has seen, as the engine's `history` counts it: the imported counts as the starting
// point, plus every visit in the window before the period planned (published visits, and check-ins,
// which win where they exist: the caregiver who checked in is who the client saw). Pure: the
// repository reads the rows, this weighs them.

const WEEK_MS = 7 * 24 * 60 * 60_000;

/** Default window: the 8 weeks before the period being planned. */
export const DEFAULT_HISTORY_WEEKS = 8;
/** A visit's weight halves every this many weeks. */
export const HISTORY_HALF_LIFE_WEEKS = 2;

/** One visit a client had, with whom, and when (epoch ms of its start or check-in). */
export interface SeenVisit {
  clientId: string;
  caregiverId: string;
  atMs: number;
}

export interface ImportedHistory {
  clientId: string;
  caregiverId: string;
  visits: number;
}

/**
 * The weight of a visit made `atMs`, planning a period that starts `periodStartMs`:
 * `0.5 ^ (floor((periodStart - at) / 7 days) / HISTORY_HALF_LIFE_WEEKS)`, so a visit in the week
 * just before the period weighs 1, one 2 weeks earlier 0.5, 4 weeks earlier 0.25. Outside the
 * window (`weeks` whole weeks before the period start) or not before the period: 0.
 */
export function visitWeight(atMs: number, periodStartMs: number, weeks = DEFAULT_HISTORY_WEEKS): number {
  if (atMs >= periodStartMs) return 0;
  const weeksAgo = Math.floor((periodStartMs - atMs) / WEEK_MS);
  if (weeksAgo >= weeks) return 0;
  return 0.5 ** (weeksAgo / HISTORY_HALF_LIFE_WEEKS);
}

/**
 * Per client and caregiver: imported visits plus the weighted visits seen in the window, rounded
 * to two decimals. Entries that weigh nothing are left out.
 */
export function weighHistory(
  imported: ImportedHistory[],
  seen: SeenVisit[],
  periodStartMs: number,
  weeks = DEFAULT_HISTORY_WEEKS,
): ImportedHistory[] {
  const totals = new Map<string, ImportedHistory>();
  const add = (clientId: string, caregiverId: string, visits: number): void => {
    if (visits <= 0) return;
    const key = `${clientId}|${caregiverId}`;
    const entry = totals.get(key) ?? { clientId, caregiverId, visits: 0 };
    entry.visits += visits;
    totals.set(key, entry);
  };
  for (const entry of imported) add(entry.clientId, entry.caregiverId, entry.visits);
  for (const visit of seen)
    add(visit.clientId, visit.caregiverId, visitWeight(visit.atMs, periodStartMs, weeks));
  return [...totals.values()]
    .map((entry) => ({ ...entry, visits: Math.round(entry.visits * 100) / 100 }))
    .filter((entry) => entry.visits > 0)
    .sort(
      (left, right) =>
        left.clientId.localeCompare(right.clientId) || left.caregiverId.localeCompare(right.caregiverId),
    );
}
