// The statements of the negotiation's writes, in one place: the services say what they mean
// (advance the revision, consent unless objecting, take an offer) and this file says it in SQL.
// The hot member writes are single prepared statements (consent, objection, withdrawal), so a
// consent is one compare-and-set, one statement and the answer's read.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  RosterPlan,
  RosterPlanConsent,
  type ObjectionStatus,
  type RosterPlanFlag,
  type RosterPlanStatus,
  type RosterStatus,
} from '@homecare/database';
import { preparedQuery } from '../database/prepared-query';
import { affectedRows, type PlanActor } from './plan-versions.repository';
import type { PlanComputationView } from './roster-plan.view';

/** What a member's write holds of its plan (its row locked by the compare-and-set). */
export type LockedPlan = Pick<
  RosterPlan,
  'id' | 'teamId' | 'status' | 'revision' | 'currentVersion' | 'pendingRosterId' | 'reviewDeadline'
>;

/** A member of the team: an active caregiver with an account. */
export interface PlanMember {
  caregiverId: string;
  name: string;
}

/** The plan a member's compare-and-set locked, and the member the caller acts as (null: none). */
export interface MemberLock {
  plan: LockedPlan;
  member: { caregiverId: string; name: string } | null;
}

/** An event of the plan's trail, as recordEvent stores it, for statements that insert one. */
const EVENT_INSERT = `INSERT INTO roster_plan_event
  (plan_id, kind, actor_user_id, actor_caregiver_id, revision, before, after, summary)
  SELECT $4::uuid, $5::text, $6::uuid, $7::uuid, $8::int, $9::jsonb, $10::jsonb, $11::text`;

/** An event for a statement that records one with its change. */
export interface PlanEventRecord {
  kind: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface LockedRecord {
  id: string;
  team_id: string;
  status: RosterPlanStatus;
  revision: number;
  current_version: number;
  pending_roster_id: string | null;
  review_deadline: Date | null;
  caregiver_id: string | null;
  first_name: string | null;
}

@Injectable()
export class RosterPlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One transaction; everything the work does through its manager commits or rolls back together. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The pool's manager, for reads outside a write's transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  // ---- the revision ----

  /**
   * Compare-and-set of the plan's revision: moved on by one when it is `expected`. The UPDATE holds
   * the plan's row until commit, so a concurrent write on the same revision waits, then finds it
   * moved on. False when the plan is gone or at another revision.
   */
  async advanceRevision(manager: EntityManager, planId: string, expected: number): Promise<boolean> {
    const updated: unknown[] = await manager.query(
      'UPDATE roster_plan SET revision = revision + 1, updated_at = now() WHERE id = $1 AND revision = $2 RETURNING id',
      [planId, expected],
    );
    return affectedRows(updated) > 0;
  }

  /** The revision moved on by a change the system made (agreement settled). */
  async bumpRevision(manager: EntityManager, planId: string): Promise<void> {
    await manager.query('UPDATE roster_plan SET revision = revision + 1 WHERE id = $1', [planId]);
  }

  /**
   * `advanceRevision` for a member's own step, reading the plan and the member the caller acts as
   * in the same statement. Undefined when nothing changed (the plan gone, or the revision stale).
   */
  async advanceRevisionAsMember(
    manager: EntityManager,
    planId: string,
    expected: number,
    userId: string,
  ): Promise<MemberLock | undefined> {
    const [locked] = await preparedQuery<LockedRecord>(
      manager,
      `WITH locked AS (
         UPDATE roster_plan SET revision = revision + 1, updated_at = now() WHERE id = $1 AND revision = $2
         RETURNING id, team_id, status, revision, current_version, pending_roster_id, review_deadline)
       SELECT locked.*, c.id AS caregiver_id, c.first_name
         FROM locked LEFT JOIN caregiver c ON c.team_id = locked.team_id AND c.user_id = $3 AND c.active
        LIMIT 1`,
      [planId, expected, userId],
    );
    if (!locked) return undefined;
    return {
      plan: {
        id: locked.id,
        teamId: locked.team_id,
        status: locked.status,
        revision: locked.revision,
        currentVersion: locked.current_version,
        pendingRosterId: locked.pending_roster_id,
        reviewDeadline: locked.review_deadline,
      },
      member:
        locked.caregiver_id === null ? null : { caregiverId: locked.caregiver_id, name: locked.first_name! },
    };
  }

  /** The plan with its row locked until the transaction ends (settling agreement). */
  lockPlan(manager: EntityManager, planId: string): Promise<RosterPlan | null> {
    return manager.findOne(RosterPlan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The plan's row locked until the transaction ends, with its revision (flagging). */
  async lockPlanRevision(
    manager: EntityManager,
    planId: string,
  ): Promise<{ id: string; revision: number } | undefined> {
    const [locked] = await preparedQuery<{ id: string; revision: number }>(
      manager,
      'SELECT id, revision FROM roster_plan WHERE id = $1 FOR UPDATE',
      [planId],
    );
    return locked;
  }

  /** New flags of a version's rows, keyed by visit, in one statement. */
  async setFlags(
    manager: EntityManager,
    planId: string,
    version: number,
    flagsByVisit: Record<string, RosterPlanFlag[]>,
  ): Promise<void> {
    await preparedQuery(
      manager,
      `UPDATE roster_plan_assignment a SET flags = changed.value
         FROM roster_plan_version v, jsonb_each($3::jsonb) AS changed
        WHERE a.version_id = v.id AND v.plan_id = $1 AND v.number = $2 AND a.visit_id = changed.key::uuid`,
      [planId, version, JSON.stringify(flagsByVisit)],
    );
  }

  // ---- members and the computation ----

  /** The caller's own Caregiver row in the team, when they are an active member of it. */
  async activeMemberOf(teamId: string, userId: string): Promise<PlanMember | undefined> {
    const [row] = await preparedQuery<{ id: string; first_name: string }>(
      this.dataSource,
      'SELECT id, first_name FROM caregiver WHERE team_id = $1 AND user_id = $2 AND active',
      [teamId, userId],
    );
    return row ? { caregiverId: row.id, name: row.first_name } : undefined;
  }

  /** The team's members (active caregivers with an account), by name. */
  async members(manager: EntityManager, teamId: string): Promise<PlanMember[]> {
    const rows: { id: string; first_name: string }[] = await manager.query(
      'SELECT id, first_name FROM caregiver WHERE team_id = $1 AND active AND user_id IS NOT NULL ORDER BY first_name, id',
      [teamId],
    );
    return rows.map((row) => ({ caregiverId: row.id, name: row.first_name }));
  }

  /** Whether the caregiver is an active colleague in the team. */
  async isActiveColleague(manager: EntityManager, caregiverId: string, teamId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM caregiver WHERE id = $1 AND team_id = $2 AND active',
      [caregiverId, teamId],
    );
    return rows.length > 0;
  }

  /** A caregiver of the team's first name (active or not), undefined when not of the team. */
  async caregiverFirstName(
    manager: EntityManager,
    caregiverId: string,
    teamId: string,
  ): Promise<string | undefined> {
    const rows: { first_name: string }[] = await manager.query(
      'SELECT first_name FROM caregiver WHERE id = $1 AND team_id = $2',
      [caregiverId, teamId],
    );
    return rows[0]?.first_name;
  }

  /** Whether the organisation of the team lets members report a colleague absent. */
  async colleaguesMayReportAbsence(teamId: string): Promise<boolean> {
    const rows: { allowed: boolean }[] = await this.manager.query(
      `SELECT o.colleagues_may_report_absence AS allowed
         FROM team t JOIN organisation o ON o.id = t.organisation_id WHERE t.id = $1`,
      [teamId],
    );
    return rows[0]?.allowed ?? false;
  }

  /** The computation the plan waits for (its pending roster), null when there is none. */
  async computationOf(
    manager: EntityManager,
    plan: Pick<RosterPlan, 'pendingRosterId'>,
  ): Promise<PlanComputationView | null> {
    if (!plan.pendingRosterId) return null;
    const rows: { status: RosterStatus; failure_reason: string | null }[] = await manager.query(
      'SELECT status, failure_reason FROM roster WHERE id = $1',
      [plan.pendingRosterId],
    );
    if (rows.length === 0) return null;
    return { rosterId: plan.pendingRosterId, status: rows[0].status, failureReason: rows[0].failure_reason };
  }

  // ---- consent and objections ----

  /**
   * One statement: the member's consent to the version and its event, unless they have an objection
   * open. Answers how many objections they have open (0: consented).
   */
  async consentUnlessObjecting(
    manager: EntityManager,
    plan: Pick<RosterPlan, 'id' | 'revision' | 'currentVersion'>,
    actor: PlanActor,
    event: PlanEventRecord,
  ): Promise<number> {
    const [{ open_objections: own }] = await preparedQuery<{ open_objections: number }>(
      manager,
      `WITH own AS (
         SELECT count(*)::int AS open_objections FROM roster_plan_objection
          WHERE plan_id = $1::uuid AND caregiver_id = $3::uuid AND status = 'open'),
       consent AS (
         INSERT INTO roster_plan_consent (plan_id, version, caregiver_id)
         SELECT $1::uuid, $2::int, $3::uuid FROM own WHERE open_objections = 0
         ON CONFLICT DO NOTHING),
       event AS (${EVENT_INSERT} FROM own WHERE open_objections = 0)
       SELECT open_objections FROM own`,
      [plan.id, plan.currentVersion, actor.caregiverId, ...eventValues(plan, actor, event)],
    );
    return own;
  }

  /**
   * Whether the visit is in the version and the member's (null: not in the version), and whether
   * they already object to it, in one statement.
   */
  async objectionCheck(
    manager: EntityManager,
    planId: string,
    version: number,
    visitId: string,
    caregiverId: string,
  ): Promise<{ theirs: boolean | null; open: boolean }> {
    const [check] = await preparedQuery<{ theirs: boolean | null; open: boolean }>(
      manager,
      `SELECT (SELECT $4::uuid = ANY(a.caregiver_ids)
                 FROM roster_plan_assignment a JOIN roster_plan_version v ON v.id = a.version_id
                WHERE v.plan_id = $1 AND v.number = $2 AND a.visit_id = $3) AS theirs,
              EXISTS (SELECT 1 FROM roster_plan_objection
                       WHERE plan_id = $1 AND visit_id = $3 AND caregiver_id = $4 AND status = 'open') AS open`,
      [planId, version, visitId, caregiverId],
    );
    return check;
  }

  /**
   * The objection, the member's consent taken back (consent and objection do not mix) and the
   * event naming the objection, in one statement.
   */
  async recordObjection(
    manager: EntityManager,
    plan: Pick<RosterPlan, 'id' | 'revision' | 'currentVersion'>,
    actor: PlanActor,
    objection: { visitId: string; reason: string },
    summary: string,
  ): Promise<void> {
    await preparedQuery(
      manager,
      `WITH objection AS (
         INSERT INTO roster_plan_objection (plan_id, version, visit_id, caregiver_id, reason)
         VALUES ($1::uuid, $2::int, $3::uuid, $4::uuid, $5::text) RETURNING id),
       taken_back AS (
         DELETE FROM roster_plan_consent WHERE plan_id = $1 AND version = $2 AND caregiver_id = $4)
       INSERT INTO roster_plan_event (plan_id, kind, actor_user_id, actor_caregiver_id, revision, before, after, summary)
       SELECT $1, 'objected', $6::uuid, $4, $7::int, NULL,
              jsonb_build_object('objectionId', objection.id, 'visitId', $9::text, 'reason', $5), $8::text
         FROM objection`,
      [
        plan.id,
        plan.currentVersion,
        objection.visitId,
        actor.caregiverId,
        objection.reason,
        actor.userId,
        plan.revision,
        summary,
        // As sent, like the summary (the uuid column above may spell it otherwise).
        objection.visitId,
      ],
    );
  }

  /**
   * One statement: the objection as it was, withdrawn with its event only when it is the member's
   * own and still open (otherwise nothing is written). The event's summary ends with the visit.
   */
  async withdrawObjection(
    manager: EntityManager,
    plan: Pick<RosterPlan, 'id' | 'revision'>,
    actor: PlanActor,
    objectionId: string,
    closedAt: Date,
    summaryBeforeVisit: string,
  ): Promise<{ caregiver_id: string; status: ObjectionStatus; visit_id: string } | undefined> {
    const [objection] = await preparedQuery<{
      caregiver_id: string;
      status: ObjectionStatus;
      visit_id: string;
    }>(
      manager,
      `WITH found AS (
         SELECT id, caregiver_id, status, visit_id FROM roster_plan_objection WHERE id = $1::uuid AND plan_id = $2::uuid),
       withdrawn AS (
         UPDATE roster_plan_objection o SET status = 'withdrawn', closed_at = $4::timestamptz
           FROM found WHERE o.id = found.id AND found.caregiver_id = $3::uuid AND found.status = 'open'
         RETURNING o.visit_id),
       event AS (
         INSERT INTO roster_plan_event (plan_id, kind, actor_user_id, actor_caregiver_id, revision, before, after, summary)
         SELECT $2::uuid, 'objection-withdrawn', $5::uuid, $3::uuid, $6::int, '{"status":"open"}'::jsonb,
                jsonb_build_object('status', 'withdrawn', 'objectionId', $8::text), $7::text || withdrawn.visit_id
           FROM withdrawn)
       SELECT caregiver_id, status, visit_id FROM found`,
      [
        objectionId,
        plan.id,
        actor.caregiverId,
        closedAt,
        actor.userId,
        plan.revision,
        summaryBeforeVisit,
        objectionId,
      ],
    );
    return objection;
  }

  // ---- offers and amendments ----

  /** Exactly one acceptance: the offer's own compare-and-set. False when it was no longer open. */
  async takeOffer(manager: EntityManager, offerId: string, caregiverId: string): Promise<boolean> {
    const taken: unknown[] = await manager.query(
      `UPDATE roster_plan_offer SET status = 'accepted', accepted_by = $2, closed_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
      [offerId, caregiverId],
    );
    return affectedRows(taken) > 0;
  }

  /** An open offer declined or withdrawn. False when it was no longer open. */
  async closeOffer(
    manager: EntityManager,
    offerId: string,
    status: 'declined' | 'withdrawn',
  ): Promise<boolean> {
    const closed: unknown[] = await manager.query(
      `UPDATE roster_plan_offer SET status = $2, closed_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
      [offerId, status],
    );
    return affectedRows(closed) > 0;
  }

  /** A member's consent to an amended version (kept when they had already given it). */
  async consentToVersion(
    manager: EntityManager,
    planId: string,
    version: number,
    caregiverId: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(RosterPlanConsent)
      .values({ planId, version, caregiverId })
      .orIgnore()
      .execute();
  }
}

/** The values of EVENT_INSERT ($4 to $11). */
function eventValues(
  plan: Pick<RosterPlan, 'id' | 'revision'>,
  actor: PlanActor,
  { kind, summary, before, after }: PlanEventRecord,
): unknown[] {
  return [
    plan.id,
    kind,
    actor.userId,
    actor.caregiverId,
    plan.revision,
    before === null ? null : JSON.stringify(before),
    after === null ? null : JSON.stringify(after),
    summary,
  ];
}
