import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@homecare/common';
import {
  RosterPlan,
  RosterPlanAmendment,
  RosterPlanConsent,
  RosterPlanEvent,
  RosterPlanVersion,
  type ObjectionStatus,
  type OfferStatus,
  type RosterPlanStatus,
  type RosterStatus,
} from '@homecare/database';
import { formatScenarioTime } from '../scenarios/scenario-export.mapper';
import type { Page, PageRequest } from '../shared/page';
import { storedKpis } from '../shared/stored-kpis';
import { preparedQuery } from '../database/prepared-query';
import type {
  PlanAmendmentView,
  PlanAssignmentView,
  PlanDiffView,
  PlanEventView,
  PlanSummaryView,
  PlanVersionSummaryView,
  PlanVersionView,
  PlanView,
} from './roster-plan.view';
import { changesBetween, minutesOf, type PlanRow } from './plan-rules';
import { etagOf, rowsOfVersion, type AssignmentRecord } from './plan-store';
import { PlanAssignmentsCache, rememberJson, type RenderedAssignments } from './plan-assignments-cache';

/**
 * Everything a plan shows without changing it: the plan with its current version, its list, its
 * versions and their diff, its trail of events and its amendments. Writes read their answer here
 * too, in their own transaction (readPlan takes the manager), so the reading lives in one place;
 * settling agreement on read is the caller's (PlanAgreement.getPlan), as it writes.
 */
@Injectable()
export class RosterPlanReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async listPlans(teamId: string, page: PageRequest): Promise<Page<PlanSummaryView>> {
    const [rows, total] = await this.dataSource.getRepository(RosterPlan).findAndCount({
      where: { teamId },
      order: { periodStart: 'DESC', createdAt: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return {
      items: rows.map((plan) => ({
        id: plan.id,
        teamId: plan.teamId,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        status: plan.status,
        revision: plan.revision,
        etag: etagOf(plan.revision),
        currentVersion: plan.currentVersion,
        publishedVersion: plan.publishedVersion,
        createdAt: plan.createdAt,
      })),
      total,
      ...page,
    };
  }

  /** The plan with its current version; agreement (and a passed review deadline) is settled first. */
  /**
   * The plan as `queryable` (the pool, or a transaction's manager) sees it, and whether agreement
   * is due. One statement reads the plan with its team, computation and version, its members with
   * their consent, open objections and offers (as JSON, instants as epoch milliseconds), and what
   * may have changed in the version's rows since they were written (their flags, deleted visits).
   * The rows themselves never change once written: they are read in full only when their version
   * is not kept already (PlanAssignmentsCache), and their JSON is kept with them.
   */
  async readPlan(
    queryable: DataSource | EntityManager,
    planId: string,
  ): Promise<{ view: PlanView; settleable: boolean }> {
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
    if (!plan) throw new NotFoundError('roster plan', planId);
    const rendered = await this.assignmentsOf(queryable, plan);
    const members = plan.members;
    const objections = plan.objections;
    const offers = plan.offers;
    const computation =
      plan.pending_roster_id && plan.computation_status
        ? {
            rosterId: plan.pending_roster_id,
            status: plan.computation_status,
            failureReason: plan.failure_reason,
          }
        : null;
    const view: PlanView = {
      id: plan.id,
      teamId: plan.team_id,
      periodStart: plan.period_start,
      periodEnd: plan.period_end,
      status: plan.status,
      revision: plan.revision,
      etag: etagOf(plan.revision),
      currentVersion: plan.current_version,
      publishedVersion: plan.published_version,
      reviewDeadline: plan.review_deadline,
      agreedAt: plan.agreed_at,
      publishedAt: plan.published_at,
      createdAt: plan.created_at,
      computation,
      members: members.map(([caregiverId, name, consented]) => ({ caregiverId, name, consented })),
      objections: objections.map(([id, version, visitId, caregiverId, reason, status, createdAt]) => ({
        id,
        version,
        visitId,
        caregiverId,
        reason,
        status,
        createdAt: new Date(createdAt),
      })),
      offers: offers.map(
        ([
          id,
          version,
          visitId,
          fromCaregiverId,
          toCaregiverId,
          exchangeVisitId,
          note,
          status,
          createdAt,
        ]) => ({
          id,
          version,
          visitId,
          fromCaregiverId,
          toCaregiverId,
          exchangeVisitId,
          note,
          status,
          createdAt: new Date(createdAt),
        }),
      ),
      flaggedCount: rendered.flaggedCount,
      kpis: storedKpis(plan.kpis),
      // Shared and frozen; its JSON is kept with it (planViewJson).
      assignments: rememberJson(rendered) as PlanAssignmentView[],
    };
    const settleable =
      agreementDue({
        status: plan.status,
        currentVersion: plan.current_version,
        computationStatus: computation?.status ?? null,
        openObjections: objections.length,
        members: view.members.length,
        silent: view.members.filter((member) => !member.consented).length,
        reviewDeadline: plan.review_deadline,
        now: this.clock.now(),
      }) !== null;
    return { view, settleable };
  }

  /** The current version's assignments as shown: kept ones when the version is kept (see readPlan). */
  private async assignmentsOf(
    queryable: DataSource | EntityManager,
    plan: PlanRecord,
  ): Promise<RenderedAssignments> {
    if (plan.version_id === null) return NO_ASSIGNMENTS;
    if (!assignmentsCache.has(plan.version_id, plan.timezone)) {
      const rows = await preparedQuery<PlanAssignmentRecord>(
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
        [plan.version_id],
      );
      assignmentsCache.keep(
        plan.version_id,
        plan.timezone,
        rows.map((row) => ({
          visitId: row.visit_id,
          clientId: row.client_id,
          caregiverIds: row.caregiver_ids,
          startMs: row.start_ms,
          endMs: row.end_ms,
          pinned: row.pinned,
          explanation: row.explanation,
        })),
      );
    }
    return assignmentsCache.render(plan.version_id, plan.assignment_state ?? '[null,null]');
  }

  async listVersions(planId: string): Promise<PlanVersionSummaryView[]> {
    await this.planOrFail(planId);
    const versions = await this.dataSource.getRepository(RosterPlanVersion).find({
      where: { planId },
      order: { number: 'ASC' },
    });
    return versions.map((version) => ({
      number: version.number,
      kind: version.kind,
      basedOn: version.basedOn,
      reason: version.reason,
      createdBy: version.createdBy,
      createdAt: version.createdAt,
      changedCount: version.changedCount,
      rosterId: version.rosterId,
      kpis: storedKpis(version.kpis),
    }));
  }

  async getVersion(planId: string, number: number): Promise<PlanVersionView> {
    const plan = await this.planOrFail(planId);
    const version = await this.dataSource.getRepository(RosterPlanVersion).findOneBy({ planId, number });
    if (!version) throw new NotFoundError('version', `${number} of plan ${planId}`);
    const rows = await rowsOfVersion(this.dataSource.manager, planId, number);
    const clients = await this.clientsOf(
      rows.map((row) => row.visitId),
      this.dataSource.manager,
    );
    const timezone = await this.timezoneOf(plan.teamId);
    return {
      number: version.number,
      kind: version.kind,
      basedOn: version.basedOn,
      reason: version.reason,
      createdAt: version.createdAt,
      changedCount: version.changedCount,
      changes: version.changes,
      kpis: storedKpis(version.kpis),
      assignments: rows.map((row) => assignmentView(row, clients.get(row.visitId) ?? null, timezone)),
    };
  }

  /**
   * Which visits moved between two versions, from whom to whom, and why: the reasons of every
   * version in between that changed that visit. Flags of the later version come along.
   */
  async diff(planId: string, from: number, to: number): Promise<PlanDiffView> {
    const plan = await this.planOrFail(planId);
    for (const number of [from, to])
      if (number < 1 || number > plan.currentVersion)
        throw new NotFoundError('version', `${number} of plan ${planId}`);
    const manager = this.dataSource.manager;
    const before = await rowsOfVersion(manager, planId, from);
    const after = await rowsOfVersion(manager, planId, to);
    const low = Math.min(from, to);
    const high = Math.max(from, to);
    const between = await manager
      .getRepository(RosterPlanVersion)
      .createQueryBuilder('version')
      .where('version.planId = :planId AND version.number > :low AND version.number <= :high', {
        planId,
        low,
        high,
      })
      .orderBy('version.number', 'ASC')
      .getMany();
    const flags = new Map(after.map((row) => [row.visitId, row.flags]));
    const changes = changesBetween(before, after, '').map((change) => ({
      visitId: change.visitId,
      before: change.before,
      after: change.after,
      why: between.flatMap((version) =>
        version.changes
          .filter((candidate) => candidate.visitId === change.visitId)
          .map((candidate) => ({ version: version.number, kind: version.kind, reason: candidate.reason })),
      ),
      flags: flags.get(change.visitId) ?? [],
    }));
    return {
      from,
      to,
      changedCount: changes.length,
      changes,
      flagged: after
        .filter((row) => row.flags.length > 0)
        .map((row) => ({ visitId: row.visitId, caregiverIds: row.caregiverIds, flags: row.flags })),
    };
  }

  async listEvents(planId: string, page: PageRequest): Promise<Page<PlanEventView>> {
    await this.planOrFail(planId);
    const [rows, total] = await this.dataSource.getRepository(RosterPlanEvent).findAndCount({
      where: { planId },
      order: { id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return {
      items: rows.map((event) => ({
        id: Number(event.id),
        at: event.at,
        kind: event.kind,
        actorUserId: event.actorUserId,
        actorCaregiverId: event.actorCaregiverId,
        revision: event.revision,
        summary: event.summary,
        before: event.before,
        after: event.after,
      })),
      total,
      ...page,
    };
  }

  async listAmendments(planId: string): Promise<PlanAmendmentView[]> {
    await this.planOrFail(planId);
    const amendments = await this.dataSource.getRepository(RosterPlanAmendment).find({
      where: { planId },
      order: { createdAt: 'ASC' },
    });
    const views: PlanAmendmentView[] = [];
    for (const amendment of amendments) views.push(await this.amendmentView(amendment));
    return views;
  }

  private async amendmentView(amendment: RosterPlanAmendment): Promise<PlanAmendmentView> {
    const roster: { status: string; failure_reason: string | null }[] = await this.dataSource.query(
      'SELECT status, failure_reason FROM roster WHERE id = $1',
      [amendment.rosterId],
    );
    const status =
      amendment.status === 'computing' && roster[0]?.status === 'failed' ? 'failed' : amendment.status;
    const confirmed =
      amendment.version === null
        ? new Set<string>()
        : await this.consentsOf(this.dataSource.manager, amendment.planId, amendment.version);
    return {
      id: amendment.id,
      caregiverId: amendment.caregiverId,
      from: amendment.startsAt,
      to: amendment.endsAt,
      reason: amendment.reason,
      exceptionId: amendment.exceptionId,
      rosterId: amendment.rosterId,
      basedOnVersion: amendment.basedOnVersion,
      version: amendment.version,
      status,
      failureReason: status === 'failed' ? (roster[0]?.failure_reason ?? null) : null,
      changedCount: amendment.changedCount,
      affectedCaregiverIds: amendment.affectedCaregiverIds,
      confirmedBy: amendment.affectedCaregiverIds.filter((id) => confirmed.has(id)),
      awaitingConfirmation: amendment.affectedCaregiverIds.filter((id) => !confirmed.has(id)),
      createdAt: amendment.createdAt,
    };
  }

  async consentsOf(manager: EntityManager, planId: string, version: number): Promise<Set<string>> {
    const rows = await manager.findBy(RosterPlanConsent, { planId, version });
    return new Set(rows.map((row) => row.caregiverId));
  }

  async planOrFail(planId: string, manager = this.dataSource.manager): Promise<RosterPlan> {
    const plan = await manager.findOneBy(RosterPlan, { id: planId });
    if (!plan) throw new NotFoundError('roster plan', planId);
    return plan;
  }

  async timezoneOf(teamId: string): Promise<string> {
    const rows: { timezone: string }[] = await this.dataSource.query(
      'SELECT timezone FROM team WHERE id = $1',
      [teamId],
    );
    if (rows.length === 0) throw new NotFoundError('team', teamId);
    return rows[0].timezone;
  }

  private async clientsOf(visitIds: string[], manager: EntityManager): Promise<Map<string, string>> {
    if (visitIds.length === 0) return new Map();
    const rows: { id: string; client_id: string }[] = await manager.query(
      'SELECT id, client_id FROM visit WHERE id = ANY($1::uuid[])',
      [visitIds],
    );
    return new Map(rows.map((row) => [row.id, row.client_id]));
  }
}

function assignmentView(row: PlanRow, clientId: string | null, timezone: string): PlanAssignmentView {
  return {
    visitId: row.visitId,
    clientId,
    caregiverIds: row.caregiverIds,
    start: row.start?.toISOString() ?? null,
    end: row.end?.toISOString() ?? null,
    startLocal: row.start ? formatScenarioTime(minutesOf(row.start), timezone) : null,
    pinned: row.pinned,
    flags: row.flags,
    explanation: row.explanation,
  };
}

interface PlanRecord {
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
interface PlanAssignmentRecord extends AssignmentRecord {
  client_id: string | null;
}

/** Plans' versions kept between reads, in this process. */
const assignmentsCache = new PlanAssignmentsCache();

const NO_ASSIGNMENTS: RenderedAssignments = {
  assignments: Object.freeze([]),
  flaggedCount: 0,
  json: Buffer.from('[]'),
};

/**
 * Whether an in-review plan is agreed now, and why: every member consented to the current version,
 * or the review deadline passed (silence counts as consent); never while a computation is pending
 * or an objection is open. One rule for the settling write and for the read that decides whether
 * to settle.
 */
export function agreementDue(state: {
  status: string;
  currentVersion: number;
  computationStatus: string | null;
  openObjections: number;
  members: number;
  silent: number;
  reviewDeadline: Date | null;
  now: Date;
}): 'everyone' | 'deadline' | null {
  if (state.status !== 'in-review' || state.currentVersion === 0) return null;
  if (state.computationStatus === 'queued' || state.computationStatus === 'running') return null;
  if (state.openObjections > 0) return null;
  if (state.members > 0 && state.silent === 0) return 'everyone';
  if (state.reviewDeadline !== null && state.reviewDeadline.getTime() <= state.now.getTime())
    return 'deadline';
  return null;
}
