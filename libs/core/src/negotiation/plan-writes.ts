// The revision-checked write path every change to a plan goes through: who acts (a member, or a
// coordinator where that is allowed), the compare-and-set of the revision the caller read
// (If-Match), the change, agreement settled, and the answer read in the same transaction. The
// member actions and the lifecycle say what changes; this file says how a change is made safely.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, RuleViolationError, type ErrorCode } from '@homecare/common';
import { RosterPlan } from '@homecare/database';
import type { Principal } from '../auth/principal';
import { RostersService } from '../rosters/rosters.service';
import { PlanAgreement } from './plan-agreement';
import { PlanNotifications } from './plan-notifications';
import { PlanPeriodService } from './plan-period.service';
import { plainDetail } from './plan-refusals';
import { introducedViolations, type PlanPeriod, type PlanRow, type PlanViolation } from './plan-rules';
import {
  recordEvent,
  rowsOfVersion,
  staleError,
  storeVersion,
  type PlanActor,
} from './plan-versions.repository';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository, type LockedPlan } from './roster-plan.repository';
import type { PlanView } from './roster-plan.view';

/** The statuses in which members still change the plan itself (not through amendments). */
export const OPEN_FOR_CHANGES = ['proposal', 'in-review', 'agreed'];

/** The body of a write: what changed, as a change to the current version's rows. */
export interface RowChange {
  rows: PlanRow[];
  reason: string;
  /** Visits this change pins (to new caregivers): their pins come from the change, not from before. */
  repinned?: string[];
  event: { kind: string; summary: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
}

/** Builds a RowChange from the current version's rows (inside the write's transaction). */
export type RowChangeBuilder = (
  rows: PlanRow[],
  period: PlanPeriod,
  actor: PlanActor,
  manager: EntityManager,
) => RowChange | Promise<RowChange>;

@Injectable()
export class PlanWrites {
  constructor(
    private readonly repository: RosterPlanRepository,
    private readonly rosters: RostersService,
    private readonly periods: PlanPeriodService,
    private readonly reader: RosterPlanReader,
    private readonly agreement: PlanAgreement,
    private readonly notifications: PlanNotifications,
  ) {}

  /**
   * Compare-and-set of the plan's revision, then the change, then agreement settled, all in one
   * transaction. The UPDATE holds the plan's row until commit: a concurrent write on the same
   * revision waits, then finds the revision moved on and gets 409 with the current one.
   */
  async write(
    planId: string,
    expected: number,
    actor: PlanActor,
    change: (manager: EntityManager, plan: RosterPlan) => Promise<void>,
  ): Promise<PlanView> {
    const view = await this.repository.transaction(async (manager) => {
      if (!(await this.repository.advanceRevision(manager, planId, expected)))
        throw await staleError(manager, planId, expected);
      const plan = await manager.findOneByOrFail(RosterPlan, { id: planId });
      await change(manager, plan);
      await this.agreement.settleAgreement(manager, plan);
      // Read before the commit: a failure after it (Postgres going away) must not turn a stored
      // change into an error answer, which would make the member think it did not happen.
      return this.planView(manager, planId);
    });
    this.rosters.kickRelay();
    return view;
  }

  /**
   * `write` for a member's own step in the review (consent, objection, withdrawal), in as few
   * statements as it takes: these are the busiest writes, each answered with the whole plan.
   * The compare-and-set of the revision also reads the plan and the member the caller acts as;
   * agreement is settled only when the answer's read says it is due (settleAgreement reads
   * the same things again to decide); no job is recorded, so the relay is not kicked. Refusals
   * come in `write`'s order: 404, 403 (not a member), 409 (stale), then the step's own.
   */
  async memberWrite(
    principal: Principal,
    planId: string,
    expected: number,
    change: (manager: EntityManager, plan: LockedPlan, actor: PlanActor) => Promise<void>,
  ): Promise<PlanView> {
    if (principal.role !== 'caregiver') {
      const plan = await this.reader.planOrFail(planId);
      await this.actorOf(principal, plan.teamId, true);
    }
    return this.repository.transaction(async (manager) => {
      const locked = await this.repository.advanceRevisionAsMember(
        manager,
        planId,
        expected,
        principal.userId,
      );
      if (!locked) {
        // Nothing changed: the plan is gone, the caller no member, or the revision stale.
        const plan = await this.reader.planOrFail(planId, manager);
        await this.actorOf(principal, plan.teamId, true);
        throw await staleError(manager, planId, expected);
      }
      if (locked.member === null) throw notAMember();
      const actor: PlanActor = {
        userId: principal.userId,
        caregiverId: locked.member.caregiverId,
        name: locked.member.name,
      };
      const plan = locked.plan;
      await change(manager, plan, actor);
      // Read before the commit, as in `write`.
      const read = await this.reader.readPlan(manager, planId);
      if (!read.settleable) return read.view;
      await this.agreement.settleAgreement(manager, plan);
      return this.planView(manager, planId);
    });
  }

  /** A change to the current version's rows, checked against the hard rules, as a new version. */
  async changeRows(
    principal: Principal,
    planId: string,
    revision: number,
    build: RowChangeBuilder,
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.actorOf(principal, plan.teamId, true);
    // Cheap refusals before the export: a stale revision, a plan that is not open for changes.
    if (plan.revision !== revision) throw await staleError(this.repository.manager, planId, revision);
    this.assertOpenForChanges(plan);
    const period = await this.periods.load(plan.teamId, plan.periodStart, plan.periodEnd);
    return this.write(planId, revision, actor, async (manager, current) => {
      this.assertOpenForChanges(current);
      await this.assertNotComputing(manager, current);
      const rows = await rowsOfVersion(manager, planId, current.currentVersion);
      if (current.currentVersion === 0)
        throw new ConflictError('The plan has no version yet.', { code: 'plan.no-version' });
      const result = await build(rows, period, actor, manager);
      const broken = introducedViolations(period, rows, result.rows, result.repinned);
      if (broken.length > 0) throw ruleError(broken);
      const { number, resolvedObjections } = await storeVersion(manager, current, period, actor, {
        kind: 'edit',
        reason: result.reason,
        rows: result.rows,
        before: rows,
      });
      await this.notifications.objectionsResolved(manager, current, resolvedObjections, rows, actor.userId);
      await recordEvent(
        manager,
        current,
        actor,
        result.event.kind,
        `${result.event.summary} (version ${number})`,
        result.event.before ?? null,
        {
          ...(result.event.after ?? {}),
          version: number,
        },
      );
    });
  }

  /**
   * The plan as a write's own transaction (`manager`) sees it: the plan that write made. A write's
   * answer is read before its commit, so a failure after it (Postgres going away) cannot turn a
   * stored change into an error answer.
   */
  async planView(manager: EntityManager, planId: string): Promise<PlanView> {
    return (await this.reader.readPlan(manager, planId)).view;
  }

  assertOpenForChanges(plan: Pick<RosterPlan, 'status'>): void {
    if (!OPEN_FOR_CHANGES.includes(plan.status))
      throw new ConflictError(
        `The plan is ${plan.status}; a published roster is changed only through amendments.`,
        { code: 'plan.closed-for-changes', planStatus: plan.status },
      );
  }

  async assertNotComputing(manager: EntityManager, plan: Pick<RosterPlan, 'pendingRosterId'>): Promise<void> {
    const computation = await this.repository.computationOf(manager, plan);
    if (computation && (computation.status === 'queued' || computation.status === 'running'))
      throw new ConflictError('A computation for this plan is under way; wait for its version.', {
        code: 'plan.computing',
        rosterId: computation.rosterId,
      });
  }

  /**
   * The member the caller acts as: their own Caregiver row in the plan's team. Coordinators and
   * administrators read the negotiation but never act as a member (`asMember`); for the other
   * writes (a plan, an amendment) they act as themselves.
   */
  async actorOf(principal: Principal, teamId: string, asMember: boolean): Promise<PlanActor> {
    if (principal.role === 'caregiver') {
      const member = await this.repository.activeMemberOf(teamId, principal.userId);
      if (!member) throw notAMember();
      return { userId: principal.userId, caregiverId: member.caregiverId, name: member.name };
    }
    if (asMember)
      throw new ForbiddenError(
        'Only members of the team act in its negotiation; coordinators read it.',
        'plan.not-a-member',
      );
    return { userId: principal.userId, caregiverId: null, name: principal.role };
  }
}

const notAMember = (): ForbiddenError =>
  new ForbiddenError('Only active members of the team take part in its negotiation.', 'plan.not-a-member');

/** The code of a hard rule a change would break, for the rules a client reacts to on its own. */
const RULE_CODES: Record<string, ErrorCode> = {
  availability: 'assignment.outside-availability',
  skill: 'assignment.missing-skill',
  overlap: 'assignment.overlap',
};

/** 422 naming the rules a change would break (the first one's code). */
export function ruleError(violations: PlanViolation[]): RuleViolationError {
  const rule = violations[0]?.rule;
  return new RuleViolationError(plainDetail(violations.map((violation) => violation.message)), {
    code: (rule && RULE_CODES[rule]) || 'assignment.breaks-rule',
    rule,
    violations,
  });
}
