import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@homecare/common';
import { Team } from '@homecare/database';
import type { ScenarioDocument } from '@homecare/scenario';
import type { RosterPlanFlag } from '@homecare/database';
import { preparedQuery } from '../database/prepared-query';
import { caregiverPartDocuments, type CaregiverPart, ScenariosService } from '../scenarios/scenarios.service';
import type { PlanPeriod, PlanRow } from './plan-rules';

type IdRow = { id: string; external_ref: string | null };

/** The team's scenario for a plan's period with the ids both ways (scenario ids = externalRef ?? uuid). */
@Injectable()
export class PlanPeriodService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenariosService,
    private readonly clock: Clock,
  ) {}

  /** `within`: in a caller's transaction, as it sees the team (see ScenariosService.exportScenario). */
  async load(teamId: string, from: string, to: string, within?: EntityManager): Promise<PlanPeriod> {
    const manager = within ?? this.dataSource.manager;
    const team = await manager.findOneBy(Team, { id: teamId });
    if (!team) throw new NotFoundError('team', teamId);
    const scenario = await this.scenarios.exportScenario(teamId, { from, to }, within);
    const visits: IdRow[] = await manager.query('SELECT id, external_ref FROM visit WHERE team_id = $1', [
      teamId,
    ]);
    const caregivers: IdRow[] = await manager.query(
      'SELECT id, external_ref FROM caregiver WHERE team_id = $1',
      [teamId],
    );
    return fromScenario(scenario, team.timezone, idMap(visits), idMap(caregivers));
  }

  /**
   * What checking one caregiver's assignments against their availability needs, for every plan of
   * their team that is not over (or only `planId`) in which they have an assignment in the current
   * version: the plan, their rows of that version, and the period cut down to their part (their
   * availability, those visits and their clients; see caregiverPartDocuments). One prepared
   * statement whatever the number of plans, answering no plan at once when they have no
   * assignment. In `manager`'s transaction, as it sees them (a change of theirs included).
   */
  async caregiverChecks(
    caregiverId: string,
    planId: string | null,
    manager: EntityManager,
  ): Promise<CaregiverCheck[]> {
    const [part] = await preparedQuery<CaregiverCheckRow>(
      manager,
      planId === null ? CAREGIVER_CHECKS : CAREGIVER_CHECK_OF_PLAN,
      planId === null ? [caregiverId, this.clock.now()] : [caregiverId, this.clock.now(), planId],
    );
    if (!part?.plans || !part.caregiver) return [];
    const { caregiver } = part;
    const team = {
      name: caregiver.teamName,
      timezone: caregiver.timezone,
      travelSpeedKmh: caregiver.teamTravelSpeedKmh,
      travelDetourFactor: caregiver.teamTravelDetourFactor,
    };
    const interval = ([start, end]: [number, number]) => ({
      startsAt: new Date(start),
      endsAt: new Date(end),
    });
    const visits = (part.visits ?? []).map((visit) => ({
      ...visit,
      earliestStart: new Date(visit.earliestStart),
      latestEnd: new Date(visit.latestEnd),
    }));
    const documents = caregiverPartDocuments(
      {
        team,
        caregiver,
        availability: {
          windows: (part.windows ?? []).map(interval),
          patterns: part.patterns ?? [],
          exceptions: (part.exceptions ?? []).map(interval),
        },
        visits,
        clients: part.clients ?? [],
      },
      part.plans.map((plan) => ({ from: plan.periodStart, to: plan.periodEnd })),
    );
    const visitIdsOf = idMap(visits.map((visit) => ({ id: visit.id, external_ref: visit.externalRef })));
    const caregiverIdsOf = idMap([{ id: caregiver.id, external_ref: caregiver.externalRef }]);
    return part.plans.map((plan, index) => ({
      plan: {
        id: plan.id,
        currentVersion: plan.currentVersion,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
      },
      rows: plan.rows.map((row) => ({
        visitId: row.visitId,
        caregiverIds: row.caregiverIds,
        start: row.startMs === null ? null : new Date(row.startMs),
        end: row.endMs === null ? null : new Date(row.endMs),
        pinned: row.pinned,
        explanation: row.explanation,
        flags: row.flags,
      })),
      period: fromScenario(documents[index], team.timezone, visitIdsOf, caregiverIdsOf),
    }));
  }
}

export interface CaregiverCheck {
  plan: { id: string; currentVersion: number; periodStart: string; periodEnd: string };
  /** Their rows of the current version, in the order rowsOfVersion gives them. */
  rows: PlanRow[];
  period: PlanPeriod;
}

interface CaregiverCheckRow {
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
const idMap = (rows: IdRow[]): Map<string, string> =>
  new Map(rows.map((row) => [row.external_ref ?? row.id, row.id]));

/** A period from an exported scenario and its scenario id -> database id maps. */
export function fromScenario(
  scenario: ScenarioDocument,
  timezone: string,
  visitFromScenario: Map<string, string>,
  caregiverFromScenario: Map<string, string>,
): PlanPeriod {
  const reverse = (map: Map<string, string>) => new Map([...map].map(([scenarioId, id]) => [id, scenarioId]));
  return {
    scenario,
    timezone,
    visitFromScenario,
    caregiverFromScenario,
    visitToScenario: reverse(visitFromScenario),
    caregiverToScenario: reverse(caregiverFromScenario),
  };
}
