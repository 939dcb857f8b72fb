import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database';
import { accessLogInsertSql, readableSql } from '../access';
import type { Principal } from '../principal';
import { type PublishedRow, publishedRowsSql } from '../published-roster';

/** The default period: today and the next 13 days (written into the plan's statement). */
export const VISIT_PLAN_DEFAULT_DAYS = 14;

/** What the plan's statement returns: the zone, the period, the last view and the published rows. */
export interface OpenedPlanRow {
  timezone: string;
  from_date: string;
  to_date: string;
  previous_ms: number | null;
  changed: boolean;
  rows: PublishedRow[] | null;
}

/** The parameters of the plan's statement (see `visitPlanSql`). */
export interface OpenPlanParameters {
  userId: string;
  clientId: string;
  action: string;
  route: string;
  organisationId: string | null;
  /** The period's local dates, or null for today and the days after it in the team's zone. */
  from: string | null;
  to: string | null;
  now: Date;
}

/** `visitPlanSql` by role: built once, not on every look at a plan. */
const visitPlanStatements = new Map<Principal['role'], string>();

/**
 * The statement of `VisitPlansService.open` for a caller of `role`: $1 user, $2 client,
 * $3 action, $4 route, $5 organisation, $6 and $7 the period's dates or null, $8 now.
 */
function visitPlanSql(role: Principal['role']): string {
  let statement = visitPlanStatements.get(role);
  if (statement === undefined) {
    statement = buildVisitPlanSql(role);
    visitPlanStatements.set(role, statement);
  }
  return statement;
}

function buildVisitPlanSql(role: Principal['role']): string {
  return `WITH caller AS (
     SELECT $1::uuid AS user_id, $5::uuid AS organisation_id
   ), granted AS (
     SELECT c.id, t.timezone FROM client c JOIN team t ON t.id = c.team_id CROSS JOIN caller
      WHERE c.id = $2 AND ${readableSql(role, 'client', { client: 'c', team: 't', caller: 'caller' })}
   ), logged AS (
     ${accessLogInsertSql({ user: '$1', client: 'id', action: '$3', route: '$4', source: 'FROM granted' })}
   ), previous AS (
     SELECT last_viewed_at FROM visit_plan_view WHERE user_id = $1 AND client_id = $2
   ), remembered AS (
     INSERT INTO visit_plan_view (user_id, client_id, last_viewed_at)
     SELECT $1, id, clock_timestamp() FROM granted
     ON CONFLICT (user_id, client_id) DO UPDATE SET last_viewed_at = excluded.last_viewed_at
   ), period AS (
     SELECT g.timezone, d.from_date, coalesce($7::date, d.from_date + ${VISIT_PLAN_DEFAULT_DAYS - 1}) AS to_date
       FROM granted g
            CROSS JOIN LATERAL (SELECT coalesce($6::date, ($8::timestamptz AT TIME ZONE g.timezone)::date) AS from_date) d
   ), opened AS MATERIALIZED (
     -- Worked out once: inlined into a join with the rows, its EXISTS ran once per row (4x the CPU).
     SELECT period.*, period.from_date::timestamp AT TIME ZONE period.timezone AS from_at,
            (period.to_date + 1)::timestamp AT TIME ZONE period.timezone AS to_at,
            (extract(epoch FROM previous.last_viewed_at) * 1000)::float8 AS previous_ms,
            EXISTS (SELECT 1 FROM published_assignment p
                     WHERE p.client_id = $2 AND p.changed_at > previous.last_viewed_at) AS changed
       FROM period LEFT JOIN previous ON true
   )
   -- The rows as one JSON value: one JSON.parse instead of pg's parsing of every field.
   SELECT o.timezone, o.from_date::text AS from_date, o.to_date::text AS to_date, o.previous_ms, o.changed,
          (SELECT json_agg(r ORDER BY r.starts_ms, r.visit_id, r.caregiver_id)
             FROM (${publishedRowsSql({
               condition: 'p.client_id = $2',
               from: 'o.from_at',
               to: 'o.to_at',
               details: true,
               checkInsZone: 'o.timezone',
             })}) r) AS rows
     FROM opened o`;
}

/** The statements of a client's published visit plan. */
@Injectable()
export class VisitPlansRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Checks, logs, remembers and reads a client's plan in one statement (see
   * `VisitPlansService.open`); undefined when the caller may not see the client.
   */
  async openPlan(
    role: Principal['role'],
    parameters: OpenPlanParameters,
  ): Promise<OpenedPlanRow | undefined> {
    const [row] = await preparedQuery<OpenedPlanRow>(this.dataSource, visitPlanSql(role), [
      parameters.userId,
      parameters.clientId,
      parameters.action,
      parameters.route,
      parameters.organisationId,
      parameters.from,
      parameters.to,
      parameters.now,
    ]);
    return row;
  }

  /** The first names of these caregivers. */
  firstNames(caregiverIds: string[]): Promise<{ id: string; first_name: string }[]> {
    return preparedQuery<{ id: string; first_name: string }>(
      this.dataSource,
      'SELECT id, first_name FROM caregiver WHERE id = ANY($1::uuid[])',
      [caregiverIds],
    );
  }
}
