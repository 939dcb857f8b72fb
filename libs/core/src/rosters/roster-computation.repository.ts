import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RosterAssignment, RosterUnassignedVisit } from '@homecare/database';
import type { RosterKpis } from '@homecare/scenario';

// PostgreSQL takes at most 65,535 bind parameters per statement.
const ASSIGNMENTS_PER_INSERT = 5000;

/** What a finished computation stores on its roster row. */
export interface StoredResult {
  kpis: RosterKpis;
  stats: Record<string, unknown>;
  unassigned: RosterUnassignedVisit[];
}

/**
 * The SQL of a computation as the worker runs it: each status change is guarded by the status it
 * leaves (a duplicate delivery or a retry changes nothing), and a proposal is stored all or nothing.
 */
@Injectable()
export class RosterComputationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Running for one more attempt; false when the roster is not pending (gone or finished). */
  async markRunning(rosterId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE roster SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
              updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [rosterId],
    );
    return affectedRows(rows) > 0;
  }

  /** scenario id (the external reference, or the database id) -> database id, for visits and caregivers. */
  async idMaps(
    teamId: string,
  ): Promise<{ visitIds: Map<string, string>; caregiverIds: Map<string, string> }> {
    const visits: IdRow[] = await this.dataSource.query(
      'SELECT id, external_ref FROM visit WHERE team_id = $1',
      [teamId],
    );
    const caregivers: IdRow[] = await this.dataSource.query(
      'SELECT id, external_ref FROM caregiver WHERE team_id = $1',
      [teamId],
    );
    return { visitIds: mapOf(visits), caregiverIds: mapOf(caregivers) };
  }

  async recordProgress(rosterId: string, progress: number, bestKpis: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(
      `UPDATE roster SET progress = $2, best_kpis = $3, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [rosterId, progress, JSON.stringify(bestKpis)],
    );
  }

  /**
   * The roster turns done only once, in the same transaction as its assignments (unique per roster
   * and visit) and whatever else must commit with it. False when it was done already.
   */
  storeResult(
    rosterId: string,
    result: StoredResult,
    assignments: Omit<RosterAssignment, 'id' | 'roster'>[],
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const updated: unknown[] = await manager.query(
        `UPDATE roster SET status = 'done', progress = 1, kpis = $2, best_kpis = $2, stats = $3, unassigned = $4,
                input = NULL, failure_reason = NULL, finished_at = now(), updated_at = now()
          WHERE id = $1 AND status <> 'done' RETURNING id`,
        [
          rosterId,
          JSON.stringify(result.kpis),
          JSON.stringify(result.stats),
          JSON.stringify(result.unassigned),
        ],
      );
      if (affectedRows(updated) === 0) return false;
      for (let index = 0; index < assignments.length; index += ASSIGNMENTS_PER_INSERT)
        await insertAssignments(manager, assignments.slice(index, index + ASSIGNMENTS_PER_INSERT));
      if (alsoInTransaction) await alsoInTransaction(manager);
      return true;
    });
  }

  /** A roster already done keeps its proposal. */
  async markFailed(rosterId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE roster SET status = 'failed', failure_reason = $2, input = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status <> 'done'`,
      [rosterId, reason],
    );
  }

  async markQueued(rosterId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE roster SET status = 'queued', progress = 0, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [rosterId],
    );
  }
}

interface IdRow {
  id: string;
  external_ref: string | null;
}

const mapOf = (rows: IdRow[]): Map<string, string> =>
  new Map(rows.map((row) => [row.external_ref ?? row.id, row.id]));

/** UPDATE ... RETURNING through TypeORM's postgres driver gives [rows, count]. */
function affectedRows(result: unknown[]): number {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return result.length;
}

async function insertAssignments(
  manager: EntityManager,
  rows: Omit<RosterAssignment, 'id' | 'roster'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const parameters: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = [
      row.rosterId,
      row.visitId,
      row.scenarioVisitId,
      row.caregiverIds,
      row.scenarioCaregiverIds,
      row.start,
      row.explanation,
    ];
    return `(${values.map((value) => `$${parameters.push(value)}`).join(', ')})`;
  });
  await manager.query(
    `INSERT INTO roster_assignment (roster_id, visit_id, scenario_visit_id, caregiver_ids, scenario_caregiver_ids, start, explanation)
     VALUES ${tuples.join(', ')}`,
    parameters,
  );
}
