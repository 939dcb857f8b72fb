import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** The statements of telling coordinators that a pay period is ready to approve. */
@Injectable()
export class PayPeriodNoticesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Organisations that have teams (only they have work to approve), a page at a time. */
  async organisations(after: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT DISTINCT organisation_id AS id FROM team WHERE organisation_id > $1 ORDER BY 1 LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => row.id);
  }

  /** The zones of the organisation's teams: a period is over once it is over in all of them. */
  async zonesOf(organisationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ timezone: string }>>(
      'SELECT DISTINCT timezone FROM team WHERE organisation_id = $1',
      [organisationId],
    );
    return rows.map((row) => row.timezone);
  }

  /** Whether the period was approved or locked already (an open period has no row). */
  async hasState(manager: EntityManager, organisationId: string, periodId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM pay_period_state WHERE organisation_id = $1 AND period_id = $2',
      [organisationId, periodId],
    );
    return rows.length > 0;
  }

  /** Whether any published visit of the organisation starts in `from`..`to`: work to approve. */
  async hadWork(manager: EntityManager, organisationId: string, from: Date, to: Date): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM published_assignment a JOIN team t ON t.id = a.team_id
        WHERE t.organisation_id = $1 AND a.removed_at IS NULL AND a.starts_at >= $2 AND a.starts_at < $3
        LIMIT 1`,
      [organisationId, from, to],
    );
    return rows.length > 0;
  }
}
