import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ROSTER_QUEUE, type ComputeRosterJob } from '@homecare/jobs';

/** A pending roster as the repair sees it, locked for the transaction that decides about it. */
export interface PendingRoster {
  id: string;
  jobId: string;
  status: 'queued' | 'running';
  repairs: number;
}

/**
 * The SQL of the lost-job repair: which pending rosters to ask Redis about, and the two ways out
 * (sent again through the outbox, or failed with the snapshot cleared).
 */
@Injectable()
export class LostJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One decision about one roster: its row stays locked until the transaction ends. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Pending rosters with no heartbeat (status or progress write) since `quietSince` beyond their own
   * time limit, whose job has left the outbox: only those can have been lost by Redis. A roster
   * whose outbox row still waits is the relay's business.
   */
  async quietPending(quietSince: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT r.id FROM roster r
        WHERE r.status IN ('queued', 'running')
          AND r.updated_at + make_interval(secs => r.time_limit_ms / 1000.0) < $1
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.job_id = r.job_id AND o.dispatched_at IS NULL)
        ORDER BY r.updated_at LIMIT $2`,
      [quietSince, limit],
    );
    return rows.map((row) => row.id);
  }

  /** The roster if still pending and no other process is deciding about it (SKIP LOCKED). */
  async lockPending(manager: EntityManager, rosterId: string): Promise<PendingRoster | undefined> {
    const rows: { id: string; job_id: string; status: 'queued' | 'running'; repairs: number }[] =
      await manager.query(
        `SELECT id, job_id, status, repairs FROM roster
          WHERE id = $1 AND status IN ('queued', 'running') FOR UPDATE SKIP LOCKED`,
        [rosterId],
      );
    const row = rows[0];
    return row && { id: row.id, jobId: row.job_id, status: row.status, repairs: row.repairs };
  }

  /** Whether the roster's job still waits in the outbox (not lost: not sent yet). */
  async awaitsDispatch(manager: EntityManager, jobId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM outbox WHERE job_id = $1 AND dispatched_at IS NULL LIMIT 1',
      [jobId],
    );
    return rows.length > 0;
  }

  /**
   * Back to queued, one repair more, and the same job (same id: BullMQ keeps one job per id, so
   * the computation cannot run twice) written to the outbox for the relay to send again.
   */
  async sendAgain(manager: EntityManager, roster: PendingRoster): Promise<void> {
    await manager.query(
      `UPDATE roster SET status = 'queued', progress = 0, repairs = repairs + 1, updated_at = now()
        WHERE id = $1`,
      [roster.id],
    );
    const job: ComputeRosterJob = { name: 'compute-roster', data: { rosterId: roster.id } };
    await manager.query(
      `INSERT INTO outbox (kind, queue_name, job_name, job_id, payload) VALUES ('job', $1, $2, $3, $4)`,
      [ROSTER_QUEUE, job.name, roster.jobId, JSON.stringify(job.data)],
    );
  }

  /**
   * Failed for good: no longer pending, so a plan waiting for it accepts changes again and an
   * identical request starts afresh; the snapshot (names, addresses) is cleared with it.
   */
  async giveUp(manager: EntityManager, rosterId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE roster SET status = 'failed', failure_reason = $2, input = NULL, finished_at = now(),
              updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [rosterId, reason],
    );
  }
}
