import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@homecare/common';
import {
  RosterPlan,
  RosterPlanAmendment,
  RosterPlanConsent,
  RosterPlanEvent,
  RosterPlanVersion,
} from '@homecare/database';
import { formatScenarioTime } from '../scenarios/scenario-export.mapper';
import type { Page, PageRequest } from '../shared/page';
import type { Principal } from '../auth/principal';
import { storedKpis } from '../shared/stored-kpis';
import { RosterPlanReadsRepository, type PlanRecord, type Queryable } from './roster-plan-reads.repository';
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
import { caregiverChangesFirst, changeKindOf } from './caregiver-changes';
import { etagOf, rowsOfVersion } from './plan-versions.repository';
import { PlanAssignmentsCache, rememberJson, type RenderedAssignments } from './plan-assignments-cache';
import { requestLanguage, shownExplanation } from '../shared';

/**
 * Everything a plan shows without changing it: the plan with its current version, its list, its
 * versions and their diff, its trail of events and its amendments. Writes read their answer here
 * too, in their own transaction (readPlan takes the manager), so the reading lives in one place;
 * settling agreement on read is the caller's (PlanAgreement.getPlan), as it writes.
 */
@Injectable()
export class RosterPlanReader {
  constructor(
    private readonly repository: RosterPlanReadsRepository,
    private readonly clock: Clock,
  ) {}

  async listPlans(teamId: string, page: PageRequest): Promise<Page<PlanSummaryView>> {
    const [rows, total] = await this.repository.manager.getRepository(RosterPlan).findAndCount({
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
  async readPlan(queryable: Queryable, planId: string): Promise<{ view: PlanView; settleable: boolean }> {
    const plan = await this.repository.planRecord(queryable, planId);
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
  private async assignmentsOf(queryable: Queryable, plan: PlanRecord): Promise<RenderedAssignments> {
    if (plan.version_id === null) return NO_ASSIGNMENTS;
    if (!assignmentsCache.has(plan.version_id, plan.timezone)) {
      const rows = await this.repository.versionAssignments(queryable, plan.version_id);
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
    return assignmentsCache.render(
      plan.version_id,
      plan.assignment_state ?? '[null,null]',
      requestLanguage(),
    );
  }

  async listVersions(planId: string): Promise<PlanVersionSummaryView[]> {
    await this.planOrFail(planId);
    const versions = await this.repository.manager.getRepository(RosterPlanVersion).find({
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
    const version = await this.repository.manager
      .getRepository(RosterPlanVersion)
      .findOneBy({ planId, number });
    if (!version) throw new NotFoundError('version', `${number} of plan ${planId}`);
    const rows = await rowsOfVersion(this.repository.manager, planId, number);
    const clients = await this.clientsOf(
      rows.map((row) => row.visitId),
      this.repository.manager,
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
    const manager = this.repository.manager;
    const before = await rowsOfVersion(manager, planId, from);
    const after = await rowsOfVersion(manager, planId, to);
    const low = Math.min(from, to);
    const high = Math.max(from, to);
    const between = await this.repository.versionsBetween(planId, low, high);
    const flags = new Map(after.map((row) => [row.visitId, row.flags]));
    const changes = caregiverChangesFirst(changesBetween(before, after, '')).map((change) => ({
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
      caregiverChangedCount: changes.filter((change) => changeKindOf(change) === 'caregivers').length,
      timeMovedCount: changes.filter((change) => changeKindOf(change) === 'time').length,
      changes,
      flagged: after
        .filter((row) => row.flags.length > 0)
        .map((row) => ({ visitId: row.visitId, caregiverIds: row.caregiverIds, flags: row.flags })),
    };
  }

  /** The trail a page at a time; `viewer` decides whether actors outside the team are named by id. */
  async listEvents(
    planId: string,
    page: PageRequest,
    viewer: Pick<Principal, 'role'>,
  ): Promise<Page<PlanEventView>> {
    await this.planOrFail(planId);
    const [rows, total] = await this.repository.manager.getRepository(RosterPlanEvent).findAndCount({
      where: { planId },
      order: { id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    const outsiders = [
      ...new Set(
        rows.filter((event) => !event.actorCaregiverId && event.actorUserId).map((e) => e.actorUserId!),
      ),
    ];
    const roles = await this.repository.rolesOf(outsiders);
    const namesOutsiders = viewer.role === 'administrator' || viewer.role === 'coordinator';
    return {
      items: rows.map((event) => ({
        id: Number(event.id),
        at: event.at,
        kind: event.kind,
        actorUserId: event.actorCaregiverId || namesOutsiders ? event.actorUserId : null,
        actorRole: event.actorCaregiverId
          ? 'caregiver'
          : event.actorUserId
            ? ((roles.get(event.actorUserId) as PlanEventView['actorRole'] | undefined) ?? null)
            : null,
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

  /**
   * The plan's amendments as `viewer` may see them: the reason of an absence only for the absent
   * caregiver and for coordinators and administrators.
   */
  async listAmendments(
    planId: string,
    viewer: Pick<Principal, 'role' | 'userId'>,
  ): Promise<PlanAmendmentView[]> {
    await this.planOrFail(planId);
    const amendments = await this.repository.manager.getRepository(RosterPlanAmendment).find({
      where: { planId },
      order: { createdAt: 'ASC' },
    });
    const own = viewer.role === 'caregiver' ? await this.repository.caregiverIdsOfUser(viewer.userId) : null;
    const views: PlanAmendmentView[] = [];
    for (const amendment of amendments) {
      const view = await this.amendmentView(amendment);
      if (own && !own.has(amendment.caregiverId)) view.reason = null;
      views.push(view);
    }
    return views;
  }

  private async amendmentView(amendment: RosterPlanAmendment): Promise<PlanAmendmentView> {
    const roster = await this.repository.rosterOutcome(amendment.rosterId);
    const status =
      amendment.status === 'computing' && roster?.status === 'failed' ? 'failed' : amendment.status;
    const confirmed =
      amendment.version === null
        ? new Set<string>()
        : await this.consentsOf(this.repository.manager, amendment.planId, amendment.version);
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
      failureReason: status === 'failed' ? (roster?.failure_reason ?? null) : null,
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

  async planOrFail(planId: string, manager = this.repository.manager): Promise<RosterPlan> {
    const plan = await manager.findOneBy(RosterPlan, { id: planId });
    if (!plan) throw new NotFoundError('roster plan', planId);
    return plan;
  }

  /** The plan's change mark (see RosterPlanReadsRepository.changeMark); 404 for no such plan. */
  async changeMark(planId: string): Promise<string> {
    const mark = await this.repository.changeMark(planId);
    if (mark === undefined) throw new NotFoundError('roster plan', planId);
    return mark;
  }

  async timezoneOf(teamId: string): Promise<string> {
    const timezone = await this.repository.teamTimezone(teamId);
    if (timezone === undefined) throw new NotFoundError('team', teamId);
    return timezone;
  }

  private async clientsOf(visitIds: string[], manager: EntityManager): Promise<Map<string, string>> {
    return this.repository.clientsOfVisits(manager, visitIds);
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
    ...shownExplanation(row.explanation, requestLanguage()),
  };
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
