import type { RosterKpis } from '@homecare/scenario';

/**
 * KPIs as a roster or plan version stores them (a jsonb column, loosely typed in the entity): what
 * the engine wrote there is a RosterKpis, and that is what the API documents.
 */
export function storedKpis(stored: Record<string, unknown> | null): RosterKpis | null {
  return stored as RosterKpis | null;
}
