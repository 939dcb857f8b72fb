import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface QueueOutboxRow {
  id: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  attempts: number;
}

const MAX_BACKOFF_SECONDS = 30;

/**
 * One queue's rows of the outbox, for the worker's relays (email, webhooks). The roster queue's
 * relay (core/rosters) claims its own rows: it also adds flows and makes way for retained jobs.
 */
@Injectable()
export class QueueOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due rows of `queue` (FOR UPDATE SKIP LOCKED: relays in several workers
   * never take the same row) and hands each to `dispatch`; a row dispatched is marked, a failure
   * postpones it with backoff and ends the batch. Returns how many went out.
   */
  async dispatchBatch(
    queue: string,
    limit: number,
    dispatch: (row: QueueOutboxRow) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: QueueOutboxRow[] = await manager.query(
        `SELECT id, job_name, job_id, payload, attempts FROM outbox
          WHERE dispatched_at IS NULL AND available_at <= now() AND queue_name = $2
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, queue],
      );
      for (const row of rows) {
        try {
          await dispatch(row);
        } catch (error) {
          await manager.query(
            `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                    available_at = now() + make_interval(secs => $3) WHERE id = $1`,
            [
              row.id,
              (error as Error).message.slice(0, 1000),
              Math.min(MAX_BACKOFF_SECONDS, 0.25 * 2 ** row.attempts),
            ],
          );
          throw error;
        }
        await manager.query(
          'UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1',
          [row.id],
        );
      }
      return rows.length;
    });
  }
}
