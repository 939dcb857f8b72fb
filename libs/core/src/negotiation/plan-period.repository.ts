// The statements a plan's period is loaded with: the team's ids both ways, and the one prepared
// statement that reads what checking one caregiver's assignments needs (flagging after a change of
// their availability). PlanPeriodService turns what they answer into a PlanPeriod.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RosterPlanFlag } from '@homecare/database';
import { preparedQuery } from '../database/prepared-query';
import type { CaregiverPart } from '../scenarios/scenarios.service';

export type IdRow = { id: string; external_ref: string | null };

@Injectable()
export class PlanPeriodRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The pool's manager, for loads outside a caller's transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** The ids of the team's visits and caregivers with their scenario keys (external refs). */
  async teamIds(manager: EntityManager, teamId: string): Promise<{ visits: IdRow[]; caregivers: IdRow[] }> {
    const visits: IdRow[] = await manager.query('SELECT id, external_ref FROM visit WHERE team_id = $1', [
      teamId,
    ]);
    const caregivers: IdRow[] = await manager.query(
      'SELECT id, external_ref FROM caregiver WHERE team_id = $1',
      [teamId],
    );
    return { visits, caregivers };
  }

  /** One caregiver's part of every open plan of their team (or only `planId`), as of `now`. */
  async caregiverCheckRow(
    manager: EntityManager,
    caregiverId: string,
    now: Date,
    planId: string | null,
  ): Promise<CaregiverCheckRow | undefined> {
    const [part] = await preparedQuery<CaregiverCheckRow>(
      manager,
      planId === null ? CAREGIVER_CHECKS : CAREGIVER_CHECK_OF_PLAN,
      planId === null ? [caregiverId, now] : [caregiverId, now, planId],
    );
    return part;
  }
}

export interface CaregiverCheckRow {
  caregiver:
    | (CaregiverPart['caregiver'] & {
        teamName: string;
        timezone: string;
        teamTravelSpeedKmh: number;
        teamTravelDetourFactor: number;
      })
    | null;
  plans:
    | {
        id: string;
        currentVersion: number;
        periodStart: string;
        periodEnd: string;
        rows: {
          visitId: string;
          caregiverIds: string[];
          startMs: number | null;
          endMs: number | null;
          pinned: boolean;
          explanation: string[];
          flags: RosterPlanFlag[];
        }[];
      }[]
    | null;
  windows: [number, number][] | null;
  patterns: CaregiverPart['availability']['patterns'] | null;
  exceptions: [number, number][] | null;
  visits:
    | (Omit<CaregiverPart['visits'][number], 'earliestStart' | 'latestEnd'> & {
        earliestStart: number;
        latestEnd: number;
      })[]
    | null;
  clients: CaregiverPart['clients'] | null;
}

const epochMs = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * The caregiver's plans and rows, and their part of the scenario, as JSON: what the team's export
 * (ScenariosService.exportScenario) holds for them, loaded as it loads it. Dated windows and
 * exceptions with two days' margin around the plans' periods (any zone offset; the expansion trims
 * to each period exactly), the whole weekly pattern, the visits of their rows that are in their
 * team, ordered as the export orders them, and those visits' clients.
 *
 * Their rows are found by the caregiver id from `me`, not by $1 itself: with the value in hand the
 * planner estimates differently for every caregiver and plans the statement anew at every call
 * (about as costly as running it); this way the prepared statement keeps one generic plan.
 */
const caregiverChecks = (planFilter: string): string => `
  WITH me AS (
    SELECT c.id, c.team_id, c.first_name AS "firstName", c.last_name AS "lastName", c.skills,
           c.max_minutes_per_week AS "maxMinutesPerWeek", c.max_minutes_per_day AS "maxMinutesPerDay",
           c.travel_speed_kmh AS "travelSpeedKmh", c.active, c.external_ref AS "externalRef",
           t.name AS "teamName", t.timezone, t.travel_speed_kmh AS "teamTravelSpeedKmh",
           t.travel_detour_factor AS "teamTravelDetourFactor"
      FROM caregiver c JOIN team t ON t.id = c.team_id WHERE c.id = $1
  ), plan AS (
    SELECT p.id, p.current_version, p.period_start, p.period_end, v.id AS version_id, me.id AS caregiver_id
      FROM roster_plan p JOIN me ON me.team_id = p.team_id
      JOIN roster_plan_version v ON v.plan_id = p.id AND v.number = p.current_version
     -- Plans whose period has not ended yet in the team's zone, as of the clock ($2).
     WHERE p.current_version > 0 AND p.period_end >= ($2::timestamptz AT TIME ZONE me.timezone)::date
       ${planFilter}
  ), mine AS (
    -- Each plan's version by its key (uq_roster_plan_assignment_visit): as a plain join, once the
    -- table is analysed, the planner hashed a scan of every plan's assignments of the organisation.
    SELECT a.*, plan.id AS plan_id
      FROM plan CROSS JOIN LATERAL (
             SELECT * FROM roster_plan_assignment a
              WHERE a.version_id = plan.version_id AND plan.caregiver_id = ANY(a.caregiver_ids) OFFSET 0) a
  ), theirs AS (
    SELECT * FROM plan WHERE id IN (SELECT plan_id FROM mine)
  ), margin AS (
    SELECT (min(period_start) - 2)::timestamp AT TIME ZONE 'UTC' AS first,
           (max(period_end) + 3)::timestamp AT TIME ZONE 'UTC' AS last
      FROM theirs HAVING count(*) > 0
  ), their_visit AS (
    SELECT v.* FROM visit v JOIN me ON me.team_id = v.team_id WHERE v.id IN (SELECT visit_id FROM mine)
  )
  SELECT (SELECT to_json(me) FROM me) AS caregiver,
         (SELECT json_agg(json_build_object(
                   'id', theirs.id, 'currentVersion', theirs.current_version,
                   'periodStart', theirs.period_start::text, 'periodEnd', theirs.period_end::text,
                   'rows', (SELECT json_agg(json_build_object(
                                     'visitId', mine.visit_id, 'caregiverIds', mine.caregiver_ids,
                                     'startMs', ${epochMs('mine.start')}, 'endMs', ${epochMs('mine."end"')},
                                     'pinned', mine.pinned, 'explanation', mine.explanation, 'flags', mine.flags)
                                   ORDER BY mine.start ASC NULLS LAST, mine.visit_id ASC)
                              FROM mine WHERE mine.plan_id = theirs.id))
                 ORDER BY theirs.id)
            FROM theirs) AS plans,
         (SELECT json_agg(json_build_array(${epochMs('w.starts_at')}, ${epochMs('w.ends_at')}))
            FROM availability_window w, margin
           WHERE w.caregiver_id = $1 AND w.ends_at > margin.first AND w.starts_at < margin.last) AS windows,
         (SELECT json_agg(json_build_object(
                   'weekday', p.weekday, 'startTime', p.start_time, 'endTime', p.end_time,
                   'validFrom', p.valid_from::text, 'validUntil', p.valid_until::text))
            FROM availability_pattern p, margin WHERE p.caregiver_id = $1) AS patterns,
         (SELECT json_agg(json_build_array(${epochMs('e.starts_at')}, ${epochMs('e.ends_at')}))
            FROM availability_exception e, margin
           WHERE e.caregiver_id = $1 AND e.ends_at > margin.first AND e.starts_at < margin.last) AS exceptions,
         (SELECT json_agg(json_build_object(
                   'id', v.id, 'clientId', v.client_id, 'earliestStart', ${epochMs('v.earliest_start')},
                   'latestEnd', ${epochMs('v.latest_end')}, 'durationMinutes', v.duration_minutes,
                   'requiredSkills', v.required_skills, 'caregiversNeeded', v.caregivers_needed,
                   'status', v.status, 'externalRef', v.external_ref)
                 ORDER BY v.earliest_start ASC, v.external_ref ASC, v.id ASC)
            FROM their_visit v) AS visits,
         (SELECT json_agg(json_build_object(
                   'id', c.id, 'name', c.name, 'latitude', c.latitude, 'longitude', c.longitude,
                   'preferredCaregiverIds', c.preferred_caregiver_ids,
                   'excludedCaregiverIds', c.excluded_caregiver_ids, 'externalRef', c.external_ref)
                 ORDER BY c.external_ref ASC, c.name ASC, c.id ASC)
            FROM client c WHERE c.id IN (SELECT client_id FROM their_visit)) AS clients`;
const CAREGIVER_CHECKS = caregiverChecks('');
const CAREGIVER_CHECK_OF_PLAN = caregiverChecks('AND p.id = $3');

/** Scenario id (the external reference, or the id itself) -> database id. */
