// What a family may see of the team's plans beyond the published roster: the visits of a plan the
// team is still agreeing (in review, or agreed and not yet published), the plans still being made,
// and the published visits nobody could be planned on. The SQL of VisitPlansService's second read.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RosterPlanStatus } from '@homecare/database';
import { preparedQuery } from '../database';

/** A plan of the client's team over part of the period that is not published yet. */
export interface UnpublishedPlan {
  status: Exclude<RosterPlanStatus, 'published'>;
  periodStart: string;
  periodEnd: string;
}

/** One visit of the client from a plan's version rather than the published roster. */
export interface PlanVersionVisit {
  visitId: string;
  /** True: from a plan still being agreed; false: published, with nobody on it. */
  proposed: boolean;
  startMs: number;
  endMs: number;
  earliestMs: number;
  latestMs: number;
  /** First names in the version's order; empty when nobody is planned. */
  firstNames: (string | null)[];
}

/** Plans still being agreed: their current version is what a family sees, marked. */
const SHOWN_BEFORE_PUBLISHING: RosterPlanStatus[] = ['in-review', 'agreed'];

/**
 * $1 client, $2 and $3 the period's first and last local date, $4 the team's zone. Plans of the
 * client's team overlapping the period; for each, the rows a family sees: every row of the current
 * version while it is being agreed, and the published version's rows with nobody on them.
 * Cancelled visits are left out (the published roster shows those it had).
 */
const PLAN_VERSION_VISITS_SQL = `
  WITH plans AS (
    SELECT p.id, p.status, p.period_start, p.period_end,
           CASE WHEN p.status = ANY($5::text[]) THEN p.current_version ELSE p.published_version END AS shown
      FROM roster_plan p
     WHERE p.team_id = (SELECT team_id FROM client WHERE id = $1)
       AND p.period_start <= $3::date AND p.period_end >= $2::date
  ), rows AS (
    SELECT a.visit_id, p.status <> 'published' AS proposed,
           (extract(epoch FROM coalesce(a.start, v.earliest_start)) * 1000)::float8 AS start_ms,
           (extract(epoch FROM coalesce(a."end", coalesce(a.start, v.earliest_start)
              + make_interval(mins => v.duration_minutes))) * 1000)::float8 AS end_ms,
           (extract(epoch FROM v.earliest_start) * 1000)::float8 AS earliest_ms,
           (extract(epoch FROM v.latest_end) * 1000)::float8 AS latest_ms,
           (SELECT coalesce(json_agg(g.first_name ORDER BY k.n), '[]')
              FROM unnest(a.caregiver_ids) WITH ORDINALITY AS k(id, n)
              LEFT JOIN caregiver g ON g.id = k.id) AS first_names
      FROM plans p
      JOIN roster_plan_version ver ON ver.plan_id = p.id AND ver.number = p.shown
      JOIN roster_plan_assignment a ON a.version_id = ver.id
      CROSS JOIN LATERAL (SELECT client_id, status, earliest_start, latest_end, duration_minutes FROM visit
                           WHERE visit.id = a.visit_id OFFSET 0) v
     WHERE v.client_id = $1 AND v.status <> 'cancelled'
       AND (p.status <> 'published' OR cardinality(a.caregiver_ids) = 0)
       AND v.earliest_start < ($3::date + 1)::timestamp AT TIME ZONE $4
       AND v.latest_end > $2::date::timestamp AT TIME ZONE $4
  )
  SELECT (SELECT coalesce(json_agg(json_build_object('status', status, 'periodStart', period_start::text,
                   'periodEnd', period_end::text) ORDER BY period_start), '[]')
            FROM plans WHERE status <> 'published') AS plans,
         (SELECT coalesce(json_agg(json_build_object('visitId', visit_id, 'proposed', proposed,
                   'startMs', start_ms, 'endMs', end_ms, 'earliestMs', earliest_ms, 'latestMs', latest_ms,
                   'firstNames', first_names) ORDER BY start_ms, visit_id), '[]')
            FROM rows) AS visits`;

@Injectable()
export class VisitPlanProposalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The unpublished plans over the period and the visits of the client a family sees from plan
   * versions. Only called after the plan's own read checked and logged the caller's access.
   */
  async beyondPublished(
    clientId: string,
    period: { from: string; to: string; timezone: string },
  ): Promise<{ plans: UnpublishedPlan[]; visits: PlanVersionVisit[] }> {
    const [row] = await preparedQuery<{ plans: UnpublishedPlan[]; visits: PlanVersionVisit[] }>(
      this.dataSource,
      PLAN_VERSION_VISITS_SQL,
      [clientId, period.from, period.to, period.timezone, SHOWN_BEFORE_PUBLISHING],
    );
    return { plans: row?.plans ?? [], visits: row?.visits ?? [] };
  }
}
