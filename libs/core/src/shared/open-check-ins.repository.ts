// Whether deleting a person would take worked hours out of payroll: check-ins that no locked pay
// period has kept in its own snapshot are counted from the rows themselves.
import type { EntityManager } from 'typeorm';

/**
 * Check-ins matching `condition` (on `k`, with `$1`) whose local date falls in no locked pay period
 * of their organisation: hours payroll still counts from the rows themselves.
 */
export async function openCheckIns(
  manager: Pick<EntityManager, 'query'>,
  condition: string,
  id: string,
): Promise<number> {
  const [row] = await manager.query<{ count: number }[]>(
    `SELECT count(*)::int AS count
       FROM visit_check_in k
       JOIN caregiver c ON c.id = k.caregiver_id
       JOIN team t ON t.id = c.team_id
      WHERE ${condition}
        AND NOT EXISTS (SELECT 1 FROM pay_period_state s
                         WHERE s.organisation_id = t.organisation_id AND s.state = 'locked'
                           AND (k.checked_in_at AT TIME ZONE t.timezone)::date BETWEEN s.period_start AND s.period_end)`,
    [id],
  );
  return row.count;
}
