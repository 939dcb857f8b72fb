import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The team as the dashboard reads it. */
export interface DashboardTeam {
  teamId: string;
  organisationId: string;
  timezone: string;
}

/** Visits of one ISO week (Monday `weekStart`, local), and how many the published roster covers. */
export interface WeekCoverageRow {
  weekStart: string;
  visits: number;
  coveredVisits: number;
}

/** One caregiver's visits at one client in one week: who came where they checked in, else who was published. */
export interface WeekCareRow {
  weekStart: string;
  clientId: string;
  caregiverId: string;
  visits: number;
}

/** Changes to the published roster (amendments, a sick call) made in one week. */
export interface WeekChangesRow {
  weekStart: string;
  amendments: number;
  changedVisits: number;
}

export interface NamedRow {
  id: string;
  name: string;
}

/**
 * The dashboard's SQL: per ISO week of the team's own zone (a visit's `date` is already local),
 * aggregated in the database so that twelve weeks of a large team come back as a few rows.
 */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async team(teamId: string): Promise<DashboardTeam | null> {
    const [row] = await this.dataSource.query<{ organisation_id: string; timezone: string }[]>(
      'SELECT organisation_id, timezone FROM team WHERE id = $1',
      [teamId],
    );
    return row ? { teamId, organisationId: row.organisation_id, timezone: row.timezone } : null;
  }

  /**
   * Visits not cancelled per week, and those with as many current published caregivers as they
   * need: a double-up visit with one caregiver is not covered.
   */
  async coverage(teamId: string, from: string, to: string): Promise<WeekCoverageRow[]> {
    const rows = await this.dataSource.query<{ week_start: string; visits: number; covered: number }[]>(
      `SELECT to_char(date_trunc('week', v.date), 'YYYY-MM-DD') AS week_start,
              count(*)::int AS visits,
              count(*) FILTER (WHERE coalesce(p.caregivers, 0) >= v.caregivers_needed)::int AS covered
         FROM visit v
         LEFT JOIN (SELECT visit_id, count(*) AS caregivers FROM published_assignment
                     WHERE team_id = $1 AND removed_at IS NULL GROUP BY visit_id) p ON p.visit_id = v.id
        WHERE v.team_id = $1 AND v.status <> 'cancelled' AND v.date BETWEEN $2::date AND $3::date
        GROUP BY 1 ORDER BY 1`,
      [teamId, from, to],
    );
    return rows.map((row) => ({ weekStart: row.week_start, visits: row.visits, coveredVisits: row.covered }));
  }

  /**
   * Who served each client per week: a visit with check-ins counts its checked-in caregivers (a
   * swap on the doorstep is who came), one without counts its current published caregivers.
   */
  async care(teamId: string, from: string, to: string): Promise<WeekCareRow[]> {
    const rows = await this.dataSource.query<
      { week_start: string; client_id: string; caregiver_id: string; visits: number }[]
    >(
      `WITH visits AS (
         SELECT v.id, v.client_id, v.date FROM visit v
          WHERE v.team_id = $1 AND v.status <> 'cancelled' AND v.date BETWEEN $2::date AND $3::date),
       came AS (
         SELECT c.visit_id, c.caregiver_id FROM visit_check_in c JOIN visits ON visits.id = c.visit_id),
       served AS (
         SELECT visit_id, caregiver_id FROM came
         UNION ALL
         SELECT p.visit_id, p.caregiver_id FROM published_assignment p JOIN visits ON visits.id = p.visit_id
          WHERE p.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM came WHERE came.visit_id = p.visit_id))
       SELECT to_char(date_trunc('week', visits.date), 'YYYY-MM-DD') AS week_start, visits.client_id,
              served.caregiver_id, count(*)::int AS visits
         FROM served JOIN visits ON visits.id = served.visit_id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [teamId, from, to],
    );
    return rows.map((row) => ({
      weekStart: row.week_start,
      clientId: row.client_id,
      caregiverId: row.caregiver_id,
      visits: row.visits,
    }));
  }

  /** Published amendments per week they were made in (team's zone), with the visits they changed. */
  async changes(teamId: string, timezone: string, from: string, to: string): Promise<WeekChangesRow[]> {
    const rows = await this.dataSource.query<{ week_start: string; amendments: number; changed: number }[]>(
      `SELECT to_char(date_trunc('week', (a.created_at AT TIME ZONE $2)::date), 'YYYY-MM-DD') AS week_start,
              count(*)::int AS amendments, coalesce(sum(a.changed_count), 0)::int AS changed
         FROM roster_plan_amendment a JOIN roster_plan r ON r.id = a.plan_id
        WHERE r.team_id = $1 AND a.status = 'published'
          AND (a.created_at AT TIME ZONE $2)::date BETWEEN $3::date AND $4::date
        GROUP BY 1 ORDER BY 1`,
      [teamId, timezone, from, to],
    );
    return rows.map((row) => ({
      weekStart: row.week_start,
      amendments: row.amendments,
      changedVisits: row.changed,
    }));
  }

  /** The team's caregivers as payroll reads them (active ones: archived people work no hours). */
  caregivers(teamId: string): Promise<
    {
      id: string;
      team_id: string;
      first_name: string;
      last_name: string;
      max_minutes_per_week: number;
      max_minutes_per_day: number | null;
      travel_speed_kmh: number | null;
    }[]
  > {
    return this.dataSource.query(
      `SELECT id, team_id, first_name, last_name, max_minutes_per_week, max_minutes_per_day, travel_speed_kmh
         FROM caregiver WHERE team_id = $1 AND active ORDER BY first_name, last_name, id`,
      [teamId],
    );
  }

  clients(ids: string[]): Promise<NamedRow[]> {
    return this.dataSource.query('SELECT id, name FROM client WHERE id = ANY($1::uuid[]) ORDER BY name, id', [
      ids,
    ]);
  }

  caregiverNames(ids: string[]): Promise<NamedRow[]> {
    return this.dataSource.query(
      `SELECT id, trim(first_name || ' ' || last_name) AS name FROM caregiver WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
