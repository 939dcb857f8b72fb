// The statements of a plan's reads, in one place: the plan with everything it shows in one
// statement, a version's assignment rows, and the small look-ups around them. RosterPlanReader
// turns what they answer into views; writes read their answer through it in their transaction,
// so every method here takes the queryable (the pool, or a transaction's manager) it runs on.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  RosterPlanVersion,
  type ObjectionStatus,
  type OfferStatus,
  type RosterPlanStatus,
  type RosterStatus,
} from '@homecare/database';
import { preparedQuery } from '../database/prepared-query';
import type { AssignmentRecord } from './plan-versions.repository';

/** Where a read runs: the pool, or a write's transaction (which then reads what it wrote). */
export type Queryable = DataSource | EntityManager;

@Injectable()
export class RosterPlanReadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The pool's manager, for the reads made outside a write. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * The plan with its team, computation and version, its members with their consent, open
   * objections and offers (as JSON, instants as epoch milliseconds), and what may have changed in
   * the version's rows since they were written (their flags, deleted visits). Undefined: no plan.
   */
  async planRecord(queryable: Queryable, planId: string): Promise<PlanRecord | undefined> {
    const [plan] = await preparedQuery<PlanRecord>(
      queryable,
      `SELECT p.id, p.team_id, p.period_start::text AS period_start, p.period_end::text AS period_end, p.status,
              p.revision, p.current_version, p.published_version, p.review_deadline, p.agreed_at, p.published_at,
              p.created_at, p.pending_roster_id, t.timezone, r.status AS computation_status, r.failure_reason,
              v.id AS version_id, v.kpis,
              (SELECT coalesce(json_agg(json_build_array(c.id, c.first_name, EXISTS (
                        SELECT 1 FROM roster_plan_consent k
                         WHERE k.plan_id = p.id AND k.version = p.current_version AND k.caregiver_id = c.id))
                      ORDER BY c.first_name, c.id), '[]')
                 FROM caregiver c WHERE c.team_id = p.team_id AND c.active AND c.user_id IS NOT NULL) AS members,
              (SELECT coalesce(json_agg(json_build_array(o.id, o.version, o.visit_id, o.caregiver_id, o.reason, o.status,
                        floor(extract(epoch FROM o.created_at) * 1000)) ORDER BY o.created_at), '[]')
                 FROM roster_plan_objection o WHERE o.plan_id = p.id AND o.status = 'open') AS objections,
              (SELECT coalesce(json_agg(json_build_array(f.id, f.version, f.visit_id, f.from_caregiver_id,
                        f.to_caregiver_id, f.exchange_visit_id, f.note, f.status,
                        floor(extract(epoch FROM f.created_at) * 1000)) ORDER BY f.created_at), '[]')
                 FROM roster_plan_offer f WHERE f.plan_id = p.id AND f.status = 'open') AS offers,
              (SELECT json_build_array(
                        json_agg(json_build_array(a.visit_id, a.flags) ORDER BY a.visit_id)
                          FILTER (WHERE a.flags <> '[]'::jsonb),
                        json_agg(a.visit_id ORDER BY a.visit_id)
                          FILTER (WHERE NOT EXISTS (SELECT 1 FROM visit WHERE visit.id = a.visit_id)))::text
                 FROM roster_plan_assignment a WHERE a.version_id = v.id) AS assignment_state
         FROM roster_plan p
         JOIN team t ON t.id = p.team_id
         LEFT JOIN roster r ON r.id = p.pending_roster_id
         LEFT JOIN roster_plan_version v ON v.plan_id = p.id AND v.number = p.current_version
        WHERE p.id = $1`,
      [planId],
    );
    return plan;
  }

  /** A version's assignment rows, each with its visit's client (null for a deleted visit). */
  versionAssignments(queryable: Queryable, versionId: string): Promise<PlanAssignmentRecord[]> {
    return preparedQuery<PlanAssignmentRecord>(
      queryable,
      // Arrays as JSON and instants as epoch milliseconds: JSON.parse is native, while pg parses
      // arrays and timestamps character by character in JavaScript, and a plan has hundreds.
      // Each row's client by the visit's key: as a plain join the planner hashed a scan of every
      // visit the organisation ever had.
      `SELECT a.visit_id, to_json(a.caregiver_ids) AS caregiver_ids,
                (extract(epoch FROM a.start) * 1000)::float8 AS start_ms,
                (extract(epoch FROM a."end") * 1000)::float8 AS end_ms,
                a.pinned, to_json(a.explanation) AS explanation, visit.client_id
           FROM roster_plan_assignment a
           LEFT JOIN LATERAL (SELECT client_id FROM visit WHERE visit.id = a.visit_id OFFSET 0) visit ON true
          WHERE a.version_id = $1
          ORDER BY a.start ASC NULLS LAST, a.visit_id ASC`,
      [versionId],
    );
  }

  /** The plan's versions after `low` up to `high`, in order (what a diff's reasons come from). */
  versionsBetween(planId: string, low: number, high: number): Promise<RosterPlanVersion[]> {
    return this.dataSource
      .getRepository(RosterPlanVersion)
      .createQueryBuilder('version')
      .where('version.planId = :planId AND version.number > :low AND version.number <= :high', {
        planId,
        low,
        high,
      })
      .orderBy('version.number', 'ASC')
      .getMany();
  }

  /** How a computation (a roster) ended, undefined when there is no such roster. */
  async rosterOutcome(
    rosterId: string,
  ): Promise<{ status: string; failure_reason: string | null } | undefined> {
    const rows: { status: string; failure_reason: string | null }[] = await this.dataSource.query(
      'SELECT status, failure_reason FROM roster WHERE id = $1',
      [rosterId],
    );
    return rows[0];
  }

  /**
   * What a board watching the plan compares to know it changed: the revision (every step of the
   * negotiation), the computation under way, and the current version's flags, which availability
   * changes set without a revision. Undefined when there is no such plan.
   */
  async changeMark(planId: string): Promise<string | undefined> {
    const [row] = await preparedQuery<{ mark: string }>(
      this.dataSource,
      `SELECT concat_ws(':', p.revision, p.pending_roster_id, r.status,
                (SELECT md5(coalesce(string_agg(a.visit_id::text || a.flags::text, ',' ORDER BY a.visit_id), ''))
                   FROM roster_plan_assignment a WHERE a.version_id = v.id AND a.flags <> '[]'::jsonb)) AS mark
         FROM roster_plan p
         LEFT JOIN roster r ON r.id = p.pending_roster_id
         LEFT JOIN roster_plan_version v ON v.plan_id = p.id AND v.number = p.current_version
        WHERE p.id = $1`,
      [planId],
    );
    return row?.mark;
  }

  /** The team's IANA zone, undefined when there is no such team. */
  /** The role of each of these user accounts (an account since deleted is absent). */
  async rolesOf(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.manager.query<{ id: string; role: string }[]>(
      'SELECT id, role FROM user_account WHERE id = ANY($1::uuid[])',
      [userIds],
    );
    return new Map(rows.map((row) => [row.id, row.role]));
  }

  /** The Caregiver rows of a user account (one per team). */
  async caregiverIdsOfUser(userId: string): Promise<Set<string>> {
    const rows = await this.manager.query<{ id: string }[]>('SELECT id FROM caregiver WHERE user_id = $1', [
      userId,
    ]);
    return new Set(rows.map((row) => row.id));
  }

  async teamTimezone(teamId: string): Promise<string | undefined> {
    const rows: { timezone: string }[] = await this.dataSource.query(
      'SELECT timezone FROM team WHERE id = $1',
      [teamId],
    );
    return rows[0]?.timezone;
  }

  /** The client of each visit that still exists. */
  async clientsOfVisits(manager: EntityManager, visitIds: string[]): Promise<Map<string, string>> {
    if (visitIds.length === 0) return new Map();
    const rows: { id: string; client_id: string }[] = await manager.query(
      'SELECT id, client_id FROM visit WHERE id = ANY($1::uuid[])',
      [visitIds],
    );
    return new Map(rows.map((row) => [row.id, row.client_id]));
  }
}

export interface PlanRecord {
  id: string;
  team_id: string;
  period_start: string;
  period_end: string;
  status: RosterPlanStatus;
  revision: number;
  current_version: number;
  published_version: number | null;
  review_deadline: Date | null;
  agreed_at: Date | null;
  published_at: Date | null;
  created_at: Date;
  pending_roster_id: string | null;
  timezone: string;
  computation_status: RosterStatus | null;
  failure_reason: string | null;
  version_id: string | null;
  kpis: Record<string, unknown> | null;
  /** [caregiverId, firstName, consented], by name. */
  members: [string, string, boolean][];
  /** [id, version, visitId, caregiverId, reason, status, createdAt (epoch ms)], open ones by age. */
  objections: [string, number, string, string, string, ObjectionStatus, number][];
  /** [id, version, visitId, from, to, exchangeVisitId, note, status, createdAt (epoch ms)], open ones by age. */
  offers: [
    string,
    number,
    string,
    string,
    string | null,
    string | null,
    string | null,
    OfferStatus,
    number,
  ][];
  /** AssignmentState as JSON text; null without a version. */
  assignment_state: string | null;
}

/** The plan read's assignment rows also carry each visit's client (null for a deleted visit). */
export interface PlanAssignmentRecord extends AssignmentRecord {
  client_id: string | null;
}
