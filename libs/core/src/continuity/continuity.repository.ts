import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Caregiver, Client, ClientCaregiverHistory } from '@homecare/database';
import type { ImportedHistory } from './continuity-history';
import type { VisitAttendance } from './who-came';

/** Whose rows: a team's clients, or one client's. */
export type ContinuityScope = { teamId: string } | { clientId: string };

/** Where a client lives, with what its history needs to know. */
export interface ClientPlace {
  clientId: string;
  teamId: string;
  timezone: string;
  windowWeeks: number;
}

interface AttendanceRow {
  visit_id: string;
  client_id: string;
  caregiver_id: string;
  at_ms: number;
}

const DAY_MS = 24 * 60 * 60_000;

/** Every statement of continuity: who was published at, and who checked in to, a client's visits. */
@Injectable()
export class ContinuityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Several reads as one snapshot: a publish or a check-in meanwhile never shows half. */
  snapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  /** The organisation's window (weeks) for a team. */
  async windowWeeksOfTeam(manager: EntityManager, teamId: string): Promise<number | null> {
    const [row] = await manager.query<{ weeks: number }[]>(
      `SELECT o.continuity_window_weeks AS weeks
         FROM team t JOIN organisation o ON o.id = t.organisation_id WHERE t.id = $1`,
      [teamId],
    );
    return row ? row.weeks : null;
  }

  async clientPlace(manager: EntityManager, clientId: string): Promise<ClientPlace | null> {
    const [row] = await manager.query<{ team_id: string; timezone: string; weeks: number }[]>(
      `SELECT c.team_id, t.timezone, o.continuity_window_weeks AS weeks
         FROM client c JOIN team t ON t.id = c.team_id JOIN organisation o ON o.id = t.organisation_id
        WHERE c.id = $1`,
      [clientId],
    );
    return row ? { clientId, teamId: row.team_id, timezone: row.timezone, windowWeeks: row.weeks } : null;
  }

  /** The imported counts (who served the clients before this system). */
  async imported(manager: EntityManager, scope: ContinuityScope): Promise<ImportedHistory[]> {
    const query = manager
      .createQueryBuilder(ClientCaregiverHistory, 'history')
      .select(['history.clientId', 'history.caregiverId', 'history.visits']);
    const rows =
      'teamId' in scope
        ? await query
            .innerJoin(Client, 'client', 'client.id = history.clientId')
            .where('client.teamId = :teamId', { teamId: scope.teamId })
            .getMany()
        : await query.where('history.clientId = :clientId', { clientId: scope.clientId }).getMany();
    return rows.map(({ clientId, caregiverId, visits }) => ({ clientId, caregiverId, visits }));
  }

  /**
   * The published rows (current, of visits not cancelled) that start in `from`..`to`, and the
   * check-ins made in it, of the scope's visits. A check-in counts at its recorded time: a
   * correction moves it by minutes, and the weighting goes by whole weeks.
   */
  async attendance(
    manager: EntityManager,
    scope: ContinuityScope,
    range: { from: Date; to: Date },
  ): Promise<{ published: VisitAttendance[]; checkIns: VisitAttendance[] }> {
    const [column, id] = 'teamId' in scope ? ['team_id', scope.teamId] : ['client_id', scope.clientId];
    const published = await manager.query<AttendanceRow[]>(
      `SELECT p.visit_id, p.client_id, p.caregiver_id, (extract(epoch FROM p.starts_at) * 1000)::float8 AS at_ms
         FROM published_assignment p JOIN visit v ON v.id = p.visit_id
        WHERE p.${column} = $1 AND p.removed_at IS NULL AND v.status = 'planned'
          AND p.starts_at >= $2 AND p.starts_at < $3`,
      [id, range.from, range.to],
    );
    // A check-in lies within hours of its visit's window: a day's margin on the visit's start
    // lets the visit index find them.
    const checkIns = await manager.query<AttendanceRow[]>(
      `SELECT c.visit_id, v.client_id, c.caregiver_id, (extract(epoch FROM c.checked_in_at) * 1000)::float8 AS at_ms
         FROM visit v JOIN visit_check_in c ON c.visit_id = v.id
        WHERE v.${column} = $1 AND v.earliest_start >= $4 AND v.earliest_start < $5
          AND c.checked_in_at >= $2 AND c.checked_in_at < $3`,
      [
        id,
        range.from,
        range.to,
        new Date(range.from.getTime() - DAY_MS),
        new Date(range.to.getTime() + DAY_MS),
      ],
    );
    const attendance = (row: AttendanceRow): VisitAttendance => ({
      visitId: row.visit_id,
      clientId: row.client_id,
      caregiverId: row.caregiver_id,
      atMs: row.at_ms,
    });
    return { published: published.map(attendance), checkIns: checkIns.map(attendance) };
  }

  caregivers(
    manager: EntityManager,
    ids: string[],
  ): Promise<Pick<Caregiver, 'id' | 'firstName' | 'lastName'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Caregiver, { select: ['id', 'firstName', 'lastName'], where: { id: In(ids) } });
  }
}
