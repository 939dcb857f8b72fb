// A plan's lifecycle: created (its first proposal computed through the queue), put into review,
// recomputed, published once agreed, amended after publishing (a sick call re-rosters the rest of
// the period) and the amendment confirmed by the members it changed. Each step goes through
// PlanWrites at the revision the caller read.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  machineTime,
} from '@homecare/common';
import { AvailabilityException, Outbox, RosterPlan, RosterPlanAmendment } from '@homecare/database';
import type { EntityManager } from 'typeorm';
import {
  closeReviewJobId,
  remindReviewJobId,
  ROSTER_QUEUE,
  type CloseReviewJob,
  type RemindReviewJob,
} from '@homecare/jobs';
import { parseRosterTime, TimeFormatError } from '@homecare/scenario';
import type { Principal } from '../auth/principal';
import { assertPeriod, DEFAULT_TIME_LIMIT_MS, RostersService } from '../rosters/rosters.service';
import { PlanAgreement } from './plan-agreement';
import { PlanNotifications } from './plan-notifications';
import { publishRows, recordEvent, rowsOfVersion, type PlanActor } from './plan-versions.repository';
import { PlanWrites } from './plan-writes';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository } from './roster-plan.repository';
import type { PlanView } from './roster-plan.view';

const MINUTE_MS = 60_000;
/** How long before a review deadline the members who are still silent are reminded. */
export const REVIEW_REMINDER_MS = 24 * 60 * MINUTE_MS;

export interface CreatePlanRequest {
  periodStart: string;
  periodEnd: string;
  timeLimitMs?: number;
  seed?: number;
}

@Injectable()
export class PlanLifecycle {
  constructor(
    private readonly writes: PlanWrites,
    private readonly agreement: PlanAgreement,
    private readonly repository: RosterPlanRepository,
    private readonly rosters: RostersService,
    private readonly reader: RosterPlanReader,
    private readonly clock: Clock,
    private readonly notifications: PlanNotifications,
  ) {}

  async createPlan(principal: Principal, teamId: string, request: CreatePlanRequest): Promise<PlanView> {
    assertPeriod(request.periodStart, request.periodEnd);
    await this.rosters.assertQueueReachable();
    const actor = await this.writes.actorOf(principal, teamId, false);
    // The answer is read in the transaction that makes the plan: once it commits, the request succeeded.
    const view = await this.repository.transaction(async (manager) => {
      const plan = await this.insertPlan(manager, teamId, request, principal.userId);
      await this.recordCreated(manager, plan, actor, null);
      return this.writes.planView(manager, plan.id);
    });
    this.rosters.kickRelay();
    return view;
  }

  /**
   * A plan the rolling schedule prepares: no user acts, so the trail records the schedule
   * (`by: 'schedule'`, no actor). `claim` runs first in the plan's transaction and returns false
   * when the week is taken (then nothing is made, null); `claimed` records the plan beside the
   * claim, so both commit or neither.
   */
  async createScheduledPlan(
    teamId: string,
    request: CreatePlanRequest,
    hooks: {
      claim: (manager: EntityManager) => Promise<boolean>;
      claimed: (manager: EntityManager, planId: string) => Promise<void>;
    },
  ): Promise<PlanView | null> {
    assertPeriod(request.periodStart, request.periodEnd);
    await this.rosters.assertQueueReachable();
    const view = await this.repository.transaction(async (manager) => {
      if (!(await hooks.claim(manager))) return null;
      const plan = await this.insertPlan(manager, teamId, request, null);
      await hooks.claimed(manager, plan.id);
      await this.recordCreated(manager, plan, null, 'schedule');
      return this.writes.planView(manager, plan.id);
    });
    if (view) this.rosters.kickRelay();
    return view;
  }

  /** The plan's row and its first computation, recorded for the relay. */
  private async insertPlan(
    manager: EntityManager,
    teamId: string,
    request: CreatePlanRequest,
    createdBy: string | null,
  ): Promise<RosterPlan> {
    const inserted = await manager.insert(RosterPlan, {
      teamId,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
      status: 'proposal',
      revision: 1,
      timeLimitMs: request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
      seed: request.seed ?? 1,
      createdBy,
    });
    const plan = await manager.findOneByOrFail(RosterPlan, {
      id: (inserted.identifiers[0] as { id: string }).id,
    });
    const { rosterId } = await this.rosters.recordComputation(manager, {
      teamId,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      timeLimitMs: plan.timeLimitMs,
      seed: plan.seed,
      inputHash: planInputHash(plan.id, plan.revision),
      planId: plan.id,
      basedOnVersion: null,
    });
    await manager.update(RosterPlan, { id: plan.id }, { pendingRosterId: rosterId });
    plan.pendingRosterId = rosterId;
    return plan;
  }

  private async recordCreated(
    manager: EntityManager,
    plan: RosterPlan,
    actor: PlanActor | null,
    by: 'schedule' | null,
  ): Promise<void> {
    await recordEvent(
      manager,
      plan,
      actor,
      'created',
      `${by === 'schedule' ? 'prepared by the rolling schedule: ' : ''}plan for ${plan.periodStart} to ${plan.periodEnd}; first proposal computing`,
      null,
      {
        status: 'proposal',
        rosterId: plan.pendingRosterId,
        ...(by ? { by } : {}),
      },
    );
  }

  /** Opens the review (optionally with a deadline after which silence counts as consent). */
  async submit(
    principal: Principal,
    planId: string,
    revision: number,
    body: { reviewDeadline?: string },
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.writes.actorOf(principal, plan.teamId, true);
    let deadline: Date | null = null;
    if (body.reviewDeadline !== undefined) {
      deadline = new Date(body.reviewDeadline);
      if (Number.isNaN(deadline.getTime()))
        throw new InvalidInputError('The review deadline is not valid.', [
          { path: '$.reviewDeadline', message: 'must be an ISO 8601 instant' },
        ]);
    }
    return this.writes.write(planId, revision, actor, async (manager, current) => {
      if (current.status !== 'proposal')
        throw new ConflictError(`The plan is ${current.status}; only a proposal goes into review.`, {
          code: 'plan.not-a-proposal',
          planStatus: current.status,
        });
      await this.writes.assertNotComputing(manager, current);
      if (current.currentVersion === 0)
        throw new ConflictError('The plan has no version to review yet.', { code: 'plan.no-version' });
      await this.openReviewIn(manager, current, actor, deadline, null);
    });
  }

  /**
   * The rolling schedule opens the review of a plan it prepared, once its first proposal is
   * stored: `opened`; `computing` while there is nothing to review yet; `moved-on` when the plan
   * is gone or past its proposal by other hands (a member opened the review already).
   */
  async openScheduledReview(planId: string, deadline: Date): Promise<'opened' | 'computing' | 'moved-on'> {
    const opened = await this.repository.transaction(async (manager) => {
      const plan = await this.repository.lockPlan(manager, planId);
      if (!plan || plan.status !== 'proposal') return 'moved-on' as const;
      const computation = await this.repository.computationOf(manager, plan);
      if (computation?.status === 'queued' || computation?.status === 'running') return 'computing' as const;
      // A failed first computation leaves nothing to review; the team recomputes by hand.
      if (plan.currentVersion === 0) return computation?.status === 'failed' ? 'moved-on' : 'computing';
      await this.repository.bumpRevision(manager, planId);
      plan.revision += 1;
      await this.openReviewIn(manager, plan, null, deadline, 'schedule');
      return 'opened' as const;
    });
    if (opened === 'opened') this.rosters.kickRelay();
    return opened;
  }

  /** In review from now, with the close-review job held back until the deadline. */
  private async openReviewIn(
    manager: EntityManager,
    current: RosterPlan,
    actor: PlanActor | null,
    deadline: Date | null,
    by: 'schedule' | null,
  ): Promise<void> {
    const planId = current.id;
    await manager.update(RosterPlan, { id: planId }, { status: 'in-review', reviewDeadline: deadline });
    current.status = 'in-review';
    current.reviewDeadline = deadline;
    if (deadline) {
      // Held back by the outbox relay until the deadline, then the worker settles agreement.
      const job: CloseReviewJob = { name: 'close-review', data: { planId } };
      await manager.insert(Outbox, {
        kind: 'job',
        queueName: ROSTER_QUEUE,
        jobName: job.name,
        jobId: closeReviewJobId(planId, current.revision),
        payload: job.data,
        // The outbox runs on the machine's time: the deadline is as far away as the clock says.
        availableAt: new Date(machineTime.nowMs() + Math.max(0, deadline.getTime() - this.clock.nowMs())),
      });
      // A deadline less than a day away is in the review-opened message itself: no reminder.
      const remindAt = deadline.getTime() - REVIEW_REMINDER_MS;
      if (remindAt > this.clock.nowMs()) {
        const reminder: RemindReviewJob = { name: 'remind-review', data: { planId } };
        await manager.insert(Outbox, {
          kind: 'job',
          queueName: ROSTER_QUEUE,
          jobName: reminder.name,
          jobId: remindReviewJobId(planId, current.revision),
          payload: reminder.data,
          availableAt: new Date(machineTime.nowMs() + (remindAt - this.clock.nowMs())),
        });
      }
    }
    await this.notifications.reviewOpened(manager, current, actor?.userId);
    await recordEvent(
      manager,
      current,
      actor,
      'review-opened',
      `${by === 'schedule' ? 'opened by the rolling schedule: ' : ''}${
        deadline
          ? `review open until ${deadline.toISOString()}; silence counts as consent after it`
          : 'review open'
      }`,
      { status: 'proposal' },
      { status: 'in-review', reviewDeadline: deadline?.toISOString() ?? null, ...(by ? { by } : {}) },
    );
  }

  /**
   * Recomputes through the queue: pins kept, objections honoured (forbidden), as few changes from
   * the current version as possible. The worker stores the result as the next version.
   */
  async recompute(principal: Principal, planId: string, revision: number): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.writes.actorOf(principal, plan.teamId, true);
    await this.rosters.assertQueueReachable();
    return this.writes.write(planId, revision, actor, async (manager, current) => {
      this.writes.assertOpenForChanges(current);
      await this.writes.assertNotComputing(manager, current);
      const rosterId = await this.requestComputation(manager, current);
      await recordEvent(
        manager,
        current,
        actor,
        'recompute-requested',
        `${actor.name} asked for a recompute of version ${current.currentVersion}`,
        null,
        {
          rosterId,
          basedOn: current.currentVersion,
        },
      );
    });
  }

  /** Publishes the agreed version: clients, families and payroll see it from now on. */
  async publish(principal: Principal, planId: string, revision: number): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.writes.actorOf(principal, plan.teamId, true);
    return this.writes.write(planId, revision, actor, async (manager, current) => {
      // A review deadline may have passed since anyone looked.
      await this.agreement.settleAgreement(manager, current);
      if (current.status !== 'agreed')
        throw new ConflictError(
          current.status === 'published'
            ? 'The plan is already published; change it through an amendment.'
            : `The plan is ${current.status}; it is published once every member has consented and no objection is open.`,
          {
            code: current.status === 'published' ? 'plan.already-published' : 'plan.not-agreed',
            planStatus: current.status,
          },
        );
      await this.writes.assertNotComputing(manager, current);
      const rows = await rowsOfVersion(manager, planId, current.currentVersion);
      await publishRows(manager, current, current.currentVersion, rows);
      await this.notifications.published(manager, current, rows, actor.userId);
      await manager.update(
        RosterPlan,
        { id: planId },
        { status: 'published', publishedVersion: current.currentVersion, publishedAt: this.clock.now() },
      );
      current.status = 'published';
      await recordEvent(
        manager,
        current,
        actor,
        'published',
        `${actor.name} published version ${current.currentVersion}`,
        { status: 'agreed' },
        {
          status: 'published',
          version: current.currentVersion,
        },
      );
    });
  }

  /**
   * A change to the published roster (a sick call): records the availability exception, then
   * re-rosters the rest of the period with the fewest changes through the queue. The amended version
   * is published as soon as it is computed; the affected members confirm it afterwards.
   */
  async amend(
    principal: Principal,
    planId: string,
    revision: number,
    body: { caregiverId: string; from: string; to: string; reason: string },
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.writes.actorOf(principal, plan.teamId, false);
    // An absence is the caregiver's own to report, or a coordinator's to record; a colleague
    // reports one on their behalf only where the organisation allows it (and they are told).
    const forColleague = actor.caregiverId !== null && actor.caregiverId !== body.caregiverId;
    if (forColleague && !(await this.repository.colleaguesMayReportAbsence(plan.teamId)))
      throw new ForbiddenError(
        'Only the caregiver themselves or a coordinator records an absence.',
        'amendment.not-own-absence',
      );
    const timezone = await this.reader.timezoneOf(plan.teamId);
    const parse = (text: string, path: string): Date => {
      try {
        return new Date(parseRosterTime(text, timezone) * MINUTE_MS);
      } catch (error) {
        if (error instanceof TimeFormatError)
          throw new InvalidInputError('The amendment is not valid.', [{ path, message: error.message }]);
        throw error;
      }
    };
    const startsAt = parse(body.from, '$.from');
    const endsAt = parse(body.to, '$.to');
    if (endsAt <= startsAt)
      throw new InvalidInputError('The amendment is not valid.', [
        { path: '$.to', message: 'must be after from' },
      ]);
    await this.rosters.assertQueueReachable();
    return this.writes.write(planId, revision, actor, async (manager, current) => {
      if (current.status !== 'published')
        throw new ConflictError(`The plan is ${current.status}; amendments change a published roster.`, {
          code: 'plan.not-published',
          planStatus: current.status,
        });
      await this.writes.assertNotComputing(manager, current);
      const firstName = await this.repository.caregiverFirstName(manager, body.caregiverId, current.teamId);
      if (firstName === undefined) throw new NotFoundError('caregiver', body.caregiverId);
      const exception = await manager.insert(AvailabilityException, {
        caregiverId: body.caregiverId,
        startsAt,
        endsAt,
        kind: 'sick',
        // The reason stays on the amendment, which only the absent person and coordinators read:
        // colleagues see the team's exceptions, and a reason is often health data.
        note: null,
      });
      const rosterId = await this.requestComputation(manager, current);
      const inserted = await manager.insert(RosterPlanAmendment, {
        planId,
        caregiverId: body.caregiverId,
        startsAt,
        endsAt,
        reason: body.reason,
        exceptionId: (exception.identifiers[0] as { id: string }).id,
        rosterId,
        basedOnVersion: current.currentVersion,
        createdBy: principal.userId,
      });
      await recordEvent(
        manager,
        current,
        actor,
        'amendment-requested',
        `${firstName} unavailable; re-rostering the rest of the period`,
        null,
        {
          amendmentId: (inserted.identifiers[0] as { id: string }).id,
          caregiverId: body.caregiverId,
          from: startsAt.toISOString(),
          to: endsAt.toISOString(),
          rosterId,
        },
      );
      if (forColleague)
        await this.notifications.absenceReported(
          manager,
          current,
          { caregiverId: body.caregiverId, from: startsAt, to: endsAt },
          principal.userId,
        );
    });
  }

  /** An affected member confirms an amendment that is already published. */
  async confirmAmendment(
    principal: Principal,
    planId: string,
    revision: number,
    amendmentId: string,
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.writes.actorOf(principal, plan.teamId, true);
    return this.writes.write(planId, revision, actor, async (manager, current) => {
      const amendment = await manager.findOneBy(RosterPlanAmendment, { id: amendmentId, planId });
      if (!amendment) throw new NotFoundError('amendment', amendmentId);
      if (amendment.status !== 'published' || amendment.version === null)
        throw new ConflictError(`The amendment is ${amendment.status}; it is confirmed once published.`, {
          code: 'amendment.not-published',
        });
      if (!amendment.affectedCaregiverIds.includes(actor.caregiverId!))
        throw new ForbiddenError(
          'Only the members whose visits the amendment changed confirm it.',
          'amendment.not-affected',
        );
      await this.repository.consentToVersion(manager, planId, amendment.version, actor.caregiverId!);
      await recordEvent(
        manager,
        current,
        actor,
        'amendment-confirmed',
        `${actor.name} confirms the amendment (version ${amendment.version})`,
        null,
        {
          amendmentId,
        },
      );
    });
  }

  private async requestComputation(manager: EntityManager, plan: RosterPlan): Promise<string> {
    const { rosterId } = await this.rosters.recordComputation(manager, {
      teamId: plan.teamId,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      timeLimitMs: plan.timeLimitMs,
      seed: plan.seed,
      inputHash: planInputHash(plan.id, plan.revision),
      planId: plan.id,
      basedOnVersion: plan.currentVersion,
    });
    await manager.update(RosterPlan, { id: plan.id }, { pendingRosterId: rosterId });
    plan.pendingRosterId = rosterId;
    return rosterId;
  }
}

/** Each computation of a plan is its own (the revision changes with every write). */
export function planInputHash(planId: string, revision: number): string {
  return createHash('sha256').update(`plan:${planId}:r${revision}`).digest('hex');
}
