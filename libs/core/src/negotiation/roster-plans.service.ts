import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  machineTime,
} from '@homecare/common';
import {
  AvailabilityException,
  Outbox,
  RosterPlan,
  RosterPlanAmendment,
  RosterPlanConsent,
  RosterPlanObjection,
  RosterPlanOffer,
  type ObjectionStatus,
  type RosterPlanStatus,
  type RosterStatus,
} from '@homecare/database';
import { closeReviewJobId, ROSTER_QUEUE, type CloseReviewJob } from '@homecare/jobs';
import { parseRosterTime, TimeFormatError } from '@homecare/scenario';
import type { Principal } from '../auth/principal';
import { assertPeriod, DEFAULT_TIME_LIMIT_MS, RostersService } from '../rosters/rosters.service';
import { PlanPeriodService } from './plan-period.service';
import { agreementDue, RosterPlanReader } from './roster-plan.reader';
import type { PlanComputationView, PlanView } from './roster-plan.view';
import {
  candidateStarts,
  introducedViolations,
  scenarioVisitOf,
  type PlanPeriod,
  type PlanRow,
  type PlanViolation,
} from './plan-rules';
import {
  affectedRows,
  publishRows,
  recordEvent,
  rowsOfVersion,
  staleError,
  storeVersion,
  type PlanActor,
} from './plan-store';
import { preparedQuery } from '../database/prepared-query';

const MINUTE_MS = 60_000;
const OPEN_FOR_CHANGES = ['proposal', 'in-review', 'agreed'];

export interface CreatePlanRequest {
  periodStart: string;
  periodEnd: string;
  timeLimitMs?: number;
  seed?: number;
}

/** The body of a write: what changed, as a change to the current version's rows. */
interface RowChange {
  rows: PlanRow[];
  reason: string;
  /** Visits this change pins (to new caregivers): their pins come from the change, not from before. */
  repinned?: string[];
  event: { kind: string; summary: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
}

/**
 * Negotiation of a team's roster for a period. Every write names the revision it was made on
 * (If-Match); the revision is compared and set in the transaction that makes the change, so of
 * two writes made on one revision exactly one wins. Manual changes are checked against the hard
 * rules by the engine's own checker before they are accepted.
 */
@Injectable()
export class RosterPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rosters: RostersService,
    private readonly periods: PlanPeriodService,
    private readonly clock: Clock,
    private readonly reader: RosterPlanReader,
  ) {}

  // ---- creating, and reading in the write path (the rest of the reading: RosterPlanReader) ----

  async createPlan(principal: Principal, teamId: string, request: CreatePlanRequest): Promise<PlanView> {
    assertPeriod(request.periodStart, request.periodEnd);
    await this.rosters.assertQueueReachable();
    const actor = await this.actorOf(principal, teamId, false);
    // The answer is read in the transaction that makes the plan: once it commits, the request succeeded.
    const view = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.insert(RosterPlan, {
        teamId,
        periodStart: request.periodStart,
        periodEnd: request.periodEnd,
        status: 'proposal',
        revision: 1,
        timeLimitMs: request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
        seed: request.seed ?? 1,
        createdBy: principal.userId,
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
      await recordEvent(
        manager,
        plan,
        actor,
        'created',
        `plan for ${plan.periodStart} to ${plan.periodEnd}; first proposal computing`,
        null,
        {
          status: 'proposal',
          rosterId,
        },
      );
      return this.planView(manager, plan.id);
    });
    this.rosters.kickRelay();
    return view;
  }

  async getPlan(planId: string): Promise<PlanView> {
    const read = await this.reader.readPlan(this.dataSource, planId);
    // Settling takes the plan's row lock and writes, so a read settles only when what it read says
    // there is something to settle; writes settle in their own transaction anyway.
    if (!read.settleable) return read.view;
    await this.settle(planId);
    return (await this.reader.readPlan(this.dataSource, planId)).view;
  }

  /**
   * The plan as a write's own transaction (`manager`) sees it: the plan that write made. A write's
   * answer is read before its commit, so a failure after it (Postgres going away) cannot turn a
   * stored change into an error answer.
   */
  private async planView(manager: EntityManager, planId: string): Promise<PlanView> {
    return (await this.reader.readPlan(manager, planId)).view;
  }

  // ---- members' writes ----

  /** Opens the review (optionally with a deadline after which silence counts as consent). */
  async submit(
    principal: Principal,
    planId: string,
    revision: number,
    body: { reviewDeadline?: string },
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.actorOf(principal, plan.teamId, true);
    let deadline: Date | null = null;
    if (body.reviewDeadline !== undefined) {
      deadline = new Date(body.reviewDeadline);
      if (Number.isNaN(deadline.getTime()))
        throw new InvalidInputError('The review deadline is not valid.', [
          { path: '$.reviewDeadline', message: 'must be an ISO 8601 instant' },
        ]);
    }
    return this.write(planId, revision, actor, async (manager, current) => {
      if (current.status !== 'proposal')
        throw new ConflictError(`The plan is ${current.status}; only a proposal goes into review.`, {
          planStatus: current.status,
        });
      await this.assertNotComputing(manager, current);
      if (current.currentVersion === 0) throw new ConflictError('The plan has no version to review yet.');
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
      }
      await recordEvent(
        manager,
        current,
        actor,
        'review-opened',
        deadline
          ? `review open until ${deadline.toISOString()}; silence counts as consent after it`
          : 'review open',
        { status: 'proposal' },
        { status: 'in-review', reviewDeadline: deadline?.toISOString() ?? null },
      );
    });
  }

  async consent(principal: Principal, planId: string, revision: number): Promise<PlanView> {
    return this.memberWrite(principal, planId, revision, async (manager, current, actor) => {
      if (current.status !== 'in-review')
        throw new ConflictError(`The plan is ${current.status}; consent is given during the review.`, {
          planStatus: current.status,
        });
      // One statement: the consent and its event, unless the member has an objection open.
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
        [
          planId,
          current.currentVersion,
          actor.caregiverId,
          ...eventValues(
            current,
            actor,
            'consented',
            `${actor.name} consents to version ${current.currentVersion}`,
            null,
            {
              version: current.currentVersion,
            },
          ),
        ],
      );
      if (own > 0)
        throw new RuleViolationError(
          'You have an open objection to this plan; withdraw it before you consent.',
        );
    });
  }

  async object(
    principal: Principal,
    planId: string,
    revision: number,
    body: { visitId: string; reason: string },
  ): Promise<PlanView> {
    return this.memberWrite(principal, planId, revision, async (manager, current, actor) => {
      if (!OPEN_FOR_CHANGES.includes(current.status))
        throw new ConflictError(`The plan is ${current.status}; ask for an amendment instead.`, {
          planStatus: current.status,
        });
      // Whether the visit is in the version (null: not), the member's (it must be one of theirs),
      // and whether they already object to it, in one statement.
      const [check] = await preparedQuery<{ theirs: boolean | null; open: boolean }>(
        manager,
        `SELECT (SELECT $4::uuid = ANY(a.caregiver_ids)
                   FROM roster_plan_assignment a JOIN roster_plan_version v ON v.id = a.version_id
                  WHERE v.plan_id = $1 AND v.number = $2 AND a.visit_id = $3) AS theirs,
                EXISTS (SELECT 1 FROM roster_plan_objection
                         WHERE plan_id = $1 AND visit_id = $3 AND caregiver_id = $4 AND status = 'open') AS open`,
        [planId, current.currentVersion, body.visitId, actor.caregiverId],
      );
      if (check.theirs === null) throw new NotFoundError('visit', `${body.visitId} in this plan`);
      if (!check.theirs) throw new RuleViolationError('You can only object to a visit planned for you.');
      if (check.open) throw new ConflictError('You already have an open objection to this visit.');
      if (current.status === 'agreed') {
        await manager.update(RosterPlan, { id: planId }, { status: 'in-review', agreedAt: null });
        current.status = 'in-review';
      }
      // The objection, the member's consent taken back (consent and objection do not mix) and the
      // event naming the objection, in one statement.
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
          planId,
          current.currentVersion,
          body.visitId,
          actor.caregiverId,
          body.reason,
          actor.userId,
          current.revision,
          `${actor.name} objects to visit ${body.visitId}: ${body.reason}`,
          // As sent, like the summary (the uuid column above may spell it otherwise).
          body.visitId,
        ],
      );
    });
  }

  async withdrawObjection(
    principal: Principal,
    planId: string,
    revision: number,
    objectionId: string,
  ): Promise<PlanView> {
    return this.memberWrite(principal, planId, revision, async (manager, current, actor) => {
      // One statement: the objection as it was, withdrawn with its event only when it is the
      // member's own and still open (the checks below then pass; otherwise nothing is written).
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
          planId,
          actor.caregiverId,
          this.clock.now(),
          actor.userId,
          current.revision,
          `${actor.name} withdraws the objection to visit `,
          objectionId,
        ],
      );
      if (!objection) throw new NotFoundError('objection', objectionId);
      if (objection.caregiver_id !== actor.caregiverId)
        throw new ForbiddenError('Only the member who objected withdraws an objection.');
      if (objection.status !== 'open')
        throw new ConflictError(`The objection is already ${objection.status}.`);
    });
  }

  /** Pins an assignment (a decision every recompute keeps), optionally giving it to other caregivers. */
  async pin(
    principal: Principal,
    planId: string,
    revision: number,
    body: { visitId: string; caregiverIds?: string[] },
  ): Promise<PlanView> {
    return this.changeRows(principal, planId, revision, (rows, period, actor) => {
      const row = rowOf(rows, body.visitId);
      const caregiverIds = body.caregiverIds ?? row.caregiverIds;
      if (caregiverIds.length === 0 || !row.start)
        throw new RuleViolationError(
          `Visit ${body.visitId} has nobody to pin: claim it or name the caregivers.`,
        );
      const changed = sameIds(caregiverIds, row.caregiverIds) ? '' : ` to ${caregiverIds.join(' and ')}`;
      return {
        rows: replaceRow(rows, { ...row, caregiverIds, pinned: true }, period),
        reason: `${actor.name} pinned visit ${body.visitId}${changed}`,
        repinned: [body.visitId],
        event: {
          kind: 'pinned',
          summary: `${actor.name} pinned visit ${body.visitId}${changed}`,
          before: stateOf(row),
          after: { caregiverIds, pinned: true },
        },
      };
    });
  }

  async unpin(principal: Principal, planId: string, revision: number, visitId: string): Promise<PlanView> {
    return this.changeRows(principal, planId, revision, (rows, period, actor) => {
      const row = rowOf(rows, visitId);
      if (!row.pinned) throw new ConflictError(`Visit ${visitId} is not pinned.`);
      return {
        rows: replaceRow(rows, { ...row, pinned: false }, period),
        reason: `${actor.name} unpinned visit ${visitId}`,
        event: {
          kind: 'unpinned',
          summary: `${actor.name} unpinned visit ${visitId}`,
          before: { pinned: true },
          after: { pinned: false },
        },
      };
    });
  }

  /** Takes an unassigned (or not fully staffed) visit, at the first start where it breaks no rule. */
  async claim(principal: Principal, planId: string, revision: number, visitId: string): Promise<PlanView> {
    return this.changeRows(principal, planId, revision, async (rows, period, actor, manager) => {
      const row = rowOf(rows, visitId);
      const visit = scenarioVisitOf(period, visitId);
      if (!visit) throw new ConflictError(`Visit ${visitId} is no longer planned in this period.`);
      const needed = visit.caregiversNeeded ?? 1;
      if (row.caregiverIds.includes(actor.caregiverId!))
        throw new ConflictError(`Visit ${visitId} is already yours.`);
      let kept = row.caregiverIds;
      if (row.caregiverIds.length >= needed) {
        // A visit its caregiver objected to is up for grabs: the claim takes it over from them (the
        // new version then answers the objection). Otherwise a full visit is nobody's to claim.
        const objections = await manager.find(RosterPlanObjection, {
          where: { planId, visitId, status: 'open' },
          order: { createdAt: 'ASC' },
        });
        const objector = objections.find((objection) => row.caregiverIds.includes(objection.caregiverId));
        if (!objector)
          throw new ConflictError(`Visit ${visitId} already has the ${needed} caregiver(s) it needs.`);
        kept = row.caregiverIds.filter((caregiverId) => caregiverId !== objector.caregiverId);
      }
      const caregiverIds = [...kept, actor.caregiverId!];
      const starts = row.start
        ? [row.start]
        : candidateStarts(visit, period.timezone, parseRosterTime).map(
            (minutes) => new Date(minutes * MINUTE_MS),
          );
      let first: PlanViolation[] = [];
      for (const start of starts) {
        const candidate = replaceRow(
          rows,
          { ...row, caregiverIds, start, explanation: [`claimed by ${actor.name}`] },
          period,
        );
        const broken = introducedViolations(period, rows, candidate);
        if (broken.length === 0)
          return {
            rows: candidate,
            reason: `${actor.name} claimed visit ${visitId}`,
            event: {
              kind: 'claimed',
              summary: `${actor.name} claimed visit ${visitId}`,
              before: stateOf(row),
              after: { caregiverIds, start: start.toISOString() },
            },
          };
        if (first.length === 0) first = broken;
      }
      throw ruleError(first);
    });
  }

  /** A member's own edit of one assignment: other caregivers and/or another start. */
  async editAssignment(
    principal: Principal,
    planId: string,
    revision: number,
    visitId: string,
    body: { caregiverIds: string[]; start?: string },
  ): Promise<PlanView> {
    return this.changeRows(principal, planId, revision, (rows, period, actor) => {
      const row = rowOf(rows, visitId);
      let start = row.start;
      if (body.start !== undefined) {
        try {
          start = new Date(parseRosterTime(body.start, period.timezone) * MINUTE_MS);
        } catch (error) {
          if (error instanceof TimeFormatError)
            throw new InvalidInputError('The start is not valid.', [
              { path: '$.start', message: error.message },
            ]);
          throw error;
        }
      }
      if (body.caregiverIds.length > 0 && !start)
        throw new InvalidInputError('An unassigned visit needs a start.', [
          { path: '$.start', message: 'required' },
        ]);
      const next: PlanRow = {
        ...row,
        caregiverIds: body.caregiverIds,
        start: body.caregiverIds.length ? start : null,
        explanation: [`edited by ${actor.name}`],
      };
      return {
        rows: replaceRow(rows, next, period),
        reason: `${actor.name} edited visit ${visitId}`,
        event: {
          kind: 'edited',
          summary: `${actor.name} edited visit ${visitId}`,
          before: stateOf(row),
          after: stateOf(next),
        },
      };
    });
  }

  async offer(
    principal: Principal,
    planId: string,
    revision: number,
    body: { visitId: string; toCaregiverId?: string; exchangeVisitId?: string; note?: string },
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.actorOf(principal, plan.teamId, true);
    return this.write(planId, revision, actor, async (manager, current) => {
      this.assertOpenForChanges(current);
      const rows = await rowsOfVersion(manager, planId, current.currentVersion);
      const row = rowOf(rows, body.visitId);
      if (!row.caregiverIds.includes(actor.caregiverId!))
        throw new RuleViolationError('You can only offer a visit planned for you.');
      if (row.pinned)
        throw new RuleViolationError(
          `Visit ${body.visitId} is pinned (a team decision); unpin it before offering it.`,
        );
      if (body.toCaregiverId !== undefined) {
        if (body.toCaregiverId === actor.caregiverId)
          throw new RuleViolationError('Offer the visit to a colleague, not to yourself.');
        const colleague: unknown[] = await manager.query(
          'SELECT 1 FROM caregiver WHERE id = $1 AND team_id = $2 AND active',
          [body.toCaregiverId, current.teamId],
        );
        if (colleague.length === 0) throw new NotFoundError('caregiver', body.toCaregiverId);
      }
      if (body.exchangeVisitId !== undefined) {
        if (body.toCaregiverId === undefined)
          throw new InvalidInputError('A swap names the colleague.', [
            { path: '$.toCaregiverId', message: 'required with exchangeVisitId' },
          ]);
        const other = rowOf(rows, body.exchangeVisitId);
        if (!other.caregiverIds.includes(body.toCaregiverId))
          throw new RuleViolationError(`Visit ${body.exchangeVisitId} is not planned for that colleague.`);
        if (other.pinned)
          throw new RuleViolationError(`Visit ${body.exchangeVisitId} is pinned (a team decision).`);
      }
      const inserted = await manager.insert(RosterPlanOffer, {
        planId,
        version: current.currentVersion,
        visitId: body.visitId,
        fromCaregiverId: actor.caregiverId!,
        toCaregiverId: body.toCaregiverId ?? null,
        exchangeVisitId: body.exchangeVisitId ?? null,
        note: body.note ?? null,
      });
      await recordEvent(
        manager,
        current,
        actor,
        body.exchangeVisitId ? 'swap-offered' : 'offered',
        body.exchangeVisitId
          ? `${actor.name} offers visit ${body.visitId} in exchange for visit ${body.exchangeVisitId}`
          : `${actor.name} offers visit ${body.visitId}${body.toCaregiverId ? '' : ' to the team'}`,
        null,
        { offerId: (inserted.identifiers[0] as { id: string }).id, ...body },
      );
    });
  }

  /** The colleague takes the offered visit (and, for a swap, gives theirs back) in one version. */
  async acceptOffer(
    principal: Principal,
    planId: string,
    revision: number,
    offerId: string,
  ): Promise<PlanView> {
    return this.changeRows(principal, planId, revision, async (rows, period, actor, manager) => {
      const offer = await manager.findOneBy(RosterPlanOffer, { id: offerId, planId });
      if (!offer) throw new NotFoundError('offer', offerId);
      if (offer.fromCaregiverId === actor.caregiverId)
        throw new RuleViolationError('You cannot accept your own offer.');
      if (offer.toCaregiverId !== null && offer.toCaregiverId !== actor.caregiverId)
        throw new ForbiddenError('This offer is for another colleague.');
      // Exactly one acceptance: the offer's own compare-and-set, besides the plan's revision.
      const taken: unknown[] = await manager.query(
        `UPDATE roster_plan_offer SET status = 'accepted', accepted_by = $2, closed_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
        [offerId, actor.caregiverId],
      );
      if (affectedRows(taken) === 0)
        throw new ConflictError(`The offer is no longer open (${offer.status}).`, {
          offerStatus: offer.status,
        });
      const row = rowOf(rows, offer.visitId);
      if (!row.caregiverIds.includes(offer.fromCaregiverId))
        throw new ConflictError('The offered visit has changed hands since the offer.');
      let next = replaceRow(
        rows,
        {
          ...row,
          caregiverIds: row.caregiverIds.map((id) =>
            id === offer.fromCaregiverId ? actor.caregiverId! : id,
          ),
          explanation: [`taken over by ${actor.name} (offer)`],
        },
        period,
      );
      let summary = `${actor.name} took over visit ${offer.visitId} (offered)`;
      if (offer.exchangeVisitId) {
        const other = rowOf(next, offer.exchangeVisitId);
        if (!other.caregiverIds.includes(actor.caregiverId!))
          throw new ConflictError('The visit in exchange has changed hands since the offer.');
        next = replaceRow(
          next,
          {
            ...other,
            caregiverIds: other.caregiverIds.map((id) =>
              id === actor.caregiverId ? offer.fromCaregiverId : id,
            ),
            explanation: ['swapped (offer accepted)'],
          },
          period,
        );
        summary = `${actor.name} swapped visits ${offer.visitId} and ${offer.exchangeVisitId}`;
      }
      return {
        rows: next,
        reason: summary,
        event: {
          kind: offer.exchangeVisitId ? 'swapped' : 'offer-accepted',
          summary,
          before: { offerId, status: 'open' },
          after: { offerId, status: 'accepted' },
        },
      };
    });
  }

  /** The colleague declines; the member who offered withdraws their own offer the same way. */
  async declineOffer(
    principal: Principal,
    planId: string,
    revision: number,
    offerId: string,
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.actorOf(principal, plan.teamId, true);
    return this.write(planId, revision, actor, async (manager, current) => {
      const offer = await manager.findOneBy(RosterPlanOffer, { id: offerId, planId });
      if (!offer) throw new NotFoundError('offer', offerId);
      const own = offer.fromCaregiverId === actor.caregiverId;
      if (!own && offer.toCaregiverId !== actor.caregiverId)
        throw new ForbiddenError(
          'Only the colleague it is offered to declines an offer (or the member who made it withdraws it).',
        );
      const status = own ? 'withdrawn' : 'declined';
      const closed: unknown[] = await manager.query(
        `UPDATE roster_plan_offer SET status = $2, closed_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
        [offerId, status],
      );
      if (affectedRows(closed) === 0)
        throw new ConflictError(`The offer is no longer open (${offer.status}).`);
      await recordEvent(
        manager,
        current,
        actor,
        own ? 'offer-withdrawn' : 'offer-declined',
        `${actor.name} ${status} the offer of visit ${offer.visitId}`,
        {
          status: 'open',
        },
        { status, offerId },
      );
    });
  }

  /**
   * Recomputes through the queue: pins kept, objections honoured (forbidden), as few changes from
   * the current version as possible. The worker stores the result as the next version.
   */
  async recompute(principal: Principal, planId: string, revision: number): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.actorOf(principal, plan.teamId, true);
    await this.rosters.assertQueueReachable();
    return this.write(planId, revision, actor, async (manager, current) => {
      this.assertOpenForChanges(current);
      await this.assertNotComputing(manager, current);
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
    const actor = await this.actorOf(principal, plan.teamId, true);
    return this.write(planId, revision, actor, async (manager, current) => {
      // A review deadline may have passed since anyone looked.
      await this.settleAgreement(manager, current);
      if (current.status !== 'agreed')
        throw new ConflictError(
          current.status === 'published'
            ? 'The plan is already published; change it through an amendment.'
            : `The plan is ${current.status}; it is published once every member has consented and no objection is open.`,
          { planStatus: current.status },
        );
      await this.assertNotComputing(manager, current);
      const rows = await rowsOfVersion(manager, planId, current.currentVersion);
      await publishRows(manager, current, current.currentVersion, rows);
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
    const actor = await this.actorOf(principal, plan.teamId, false);
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
    return this.write(planId, revision, actor, async (manager, current) => {
      if (current.status !== 'published')
        throw new ConflictError(`The plan is ${current.status}; amendments change a published roster.`, {
          planStatus: current.status,
        });
      await this.assertNotComputing(manager, current);
      const caregiver: { first_name: string }[] = await manager.query(
        'SELECT first_name FROM caregiver WHERE id = $1 AND team_id = $2',
        [body.caregiverId, current.teamId],
      );
      if (caregiver.length === 0) throw new NotFoundError('caregiver', body.caregiverId);
      const exception = await manager.insert(AvailabilityException, {
        caregiverId: body.caregiverId,
        startsAt,
        endsAt,
        kind: 'sick',
        note: body.reason,
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
        `${caregiver[0].first_name} unavailable: ${body.reason}; re-rostering the rest of the period`,
        null,
        {
          amendmentId: (inserted.identifiers[0] as { id: string }).id,
          caregiverId: body.caregiverId,
          from: startsAt.toISOString(),
          to: endsAt.toISOString(),
          rosterId,
        },
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
    const actor = await this.actorOf(principal, plan.teamId, true);
    return this.write(planId, revision, actor, async (manager, current) => {
      const amendment = await manager.findOneBy(RosterPlanAmendment, { id: amendmentId, planId });
      if (!amendment) throw new NotFoundError('amendment', amendmentId);
      if (amendment.status !== 'published' || amendment.version === null)
        throw new ConflictError(`The amendment is ${amendment.status}; it is confirmed once published.`);
      if (!amendment.affectedCaregiverIds.includes(actor.caregiverId!))
        throw new ForbiddenError('Only the members whose visits the amendment changed confirm it.');
      await manager
        .createQueryBuilder()
        .insert()
        .into(RosterPlanConsent)
        .values({ planId, version: amendment.version, caregiverId: actor.caregiverId! })
        .orIgnore()
        .execute();
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

  /**
   * Settles agreement lazily (on reads, before publishing, and when a review deadline passes): an
   * in-review plan is agreed once every member has consented to the current version, or the
   * deadline has passed, and no objection is open.
   */
  async settle(planId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const plan = await manager.findOne(RosterPlan, {
        where: { id: planId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan) return;
      if (await this.settleAgreement(manager, plan)) {
        await manager.query('UPDATE roster_plan SET revision = revision + 1 WHERE id = $1', [planId]);
      }
    });
  }

  // ---- the pieces ----

  private async settleAgreement(manager: EntityManager, plan: LockedPlan): Promise<boolean> {
    // The cheap refusals first, each a query fewer; agreementDue has the whole rule.
    if (plan.status !== 'in-review' || plan.currentVersion === 0) return false;
    const computation = await this.computationOf(manager, plan);
    if (computation?.status === 'queued' || computation?.status === 'running') return false;
    const openObjections = await manager.countBy(RosterPlanObjection, { planId: plan.id, status: 'open' });
    if (openObjections > 0) return false;
    const members = await this.members(manager, plan.teamId);
    const consents = await this.reader.consentsOf(manager, plan.id, plan.currentVersion);
    const silent = members.filter((member) => !consents.has(member.caregiverId));
    const due = agreementDue({
      status: plan.status,
      currentVersion: plan.currentVersion,
      computationStatus: computation?.status ?? null,
      openObjections,
      members: members.length,
      silent: silent.length,
      reviewDeadline: plan.reviewDeadline,
      now: this.clock.now(),
    });
    if (due === null) return false;
    const everyone = due === 'everyone';
    await manager.update(RosterPlan, { id: plan.id }, { status: 'agreed', agreedAt: this.clock.now() });
    plan.status = 'agreed';
    await recordEvent(
      manager,
      plan,
      null,
      'agreed',
      everyone
        ? `every member consented to version ${plan.currentVersion}`
        : `the review deadline passed: silence of ${silent.map((member) => member.name).join(', ') || 'nobody'} counts as consent`,
      { status: 'in-review' },
      { status: 'agreed', version: plan.currentVersion, silent: silent.map((member) => member.caregiverId) },
    );
    return true;
  }

  /**
   * Compare-and-set of the plan's revision, then the change, then agreement settled, all in one
   * transaction. The UPDATE holds the plan's row until commit: a concurrent write on the same
   * revision waits, then finds the revision moved on and gets 409 with the current one.
   */
  private async write(
    planId: string,
    expected: number,
    actor: PlanActor,
    change: (manager: EntityManager, plan: RosterPlan) => Promise<void>,
  ): Promise<PlanView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const updated: unknown[] = await manager.query(
        'UPDATE roster_plan SET revision = revision + 1, updated_at = now() WHERE id = $1 AND revision = $2 RETURNING id',
        [planId, expected],
      );
      if (affectedRows(updated) === 0) throw await staleError(manager, planId, expected);
      const plan = await manager.findOneByOrFail(RosterPlan, { id: planId });
      await change(manager, plan);
      await this.settleAgreement(manager, plan);
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
  private async memberWrite(
    principal: Principal,
    planId: string,
    expected: number,
    change: (manager: EntityManager, plan: LockedPlan, actor: PlanActor) => Promise<void>,
  ): Promise<PlanView> {
    if (principal.role !== 'caregiver') {
      const plan = await this.reader.planOrFail(planId);
      await this.actorOf(principal, plan.teamId, true);
    }
    return this.dataSource.transaction(async (manager) => {
      const [locked] = await preparedQuery<LockedRecord>(
        manager,
        `WITH locked AS (
           UPDATE roster_plan SET revision = revision + 1, updated_at = now() WHERE id = $1 AND revision = $2
           RETURNING id, team_id, status, revision, current_version, pending_roster_id, review_deadline)
         SELECT locked.*, c.id AS caregiver_id, c.first_name
           FROM locked LEFT JOIN caregiver c ON c.team_id = locked.team_id AND c.user_id = $3 AND c.active
          LIMIT 1`,
        [planId, expected, principal.userId],
      );
      if (!locked) {
        // Nothing changed: the plan is gone, the caller no member, or the revision stale.
        const plan = await this.reader.planOrFail(planId, manager);
        await this.actorOf(principal, plan.teamId, true);
        throw await staleError(manager, planId, expected);
      }
      if (locked.caregiver_id === null)
        throw new ForbiddenError('Only active members of the team take part in its negotiation.');
      const actor: PlanActor = {
        userId: principal.userId,
        caregiverId: locked.caregiver_id,
        name: locked.first_name,
      };
      const plan: LockedPlan = {
        id: locked.id,
        teamId: locked.team_id,
        status: locked.status,
        revision: locked.revision,
        currentVersion: locked.current_version,
        pendingRosterId: locked.pending_roster_id,
        reviewDeadline: locked.review_deadline,
      };
      await change(manager, plan, actor);
      // Read before the commit, as in `write`.
      const read = await this.reader.readPlan(manager, planId);
      if (!read.settleable) return read.view;
      await this.settleAgreement(manager, plan);
      return this.planView(manager, planId);
    });
  }

  /** A change to the current version's rows, checked against the hard rules, as a new version. */
  private async changeRows(
    principal: Principal,
    planId: string,
    revision: number,
    build: (
      rows: PlanRow[],
      period: PlanPeriod,
      actor: PlanActor,
      manager: EntityManager,
    ) => RowChange | Promise<RowChange>,
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.actorOf(principal, plan.teamId, true);
    // Cheap refusals before the export: a stale revision, a plan that is not open for changes.
    if (plan.revision !== revision) throw await staleError(this.dataSource.manager, planId, revision);
    this.assertOpenForChanges(plan);
    const period = await this.periods.load(plan.teamId, plan.periodStart, plan.periodEnd);
    return this.write(planId, revision, actor, async (manager, current) => {
      this.assertOpenForChanges(current);
      await this.assertNotComputing(manager, current);
      const rows = await rowsOfVersion(manager, planId, current.currentVersion);
      if (current.currentVersion === 0) throw new ConflictError('The plan has no version yet.');
      const result = await build(rows, period, actor, manager);
      const broken = introducedViolations(period, rows, result.rows, result.repinned);
      if (broken.length > 0) throw ruleError(broken);
      const { number } = await storeVersion(manager, current, period, actor, {
        kind: 'edit',
        reason: result.reason,
        rows: result.rows,
        before: rows,
      });
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

  private assertOpenForChanges(plan: RosterPlan): void {
    if (!OPEN_FOR_CHANGES.includes(plan.status))
      throw new ConflictError(
        `The plan is ${plan.status}; a published roster is changed only through amendments.`,
        {
          planStatus: plan.status,
        },
      );
  }

  private async assertNotComputing(manager: EntityManager, plan: RosterPlan): Promise<void> {
    const computation = await this.computationOf(manager, plan);
    if (computation && (computation.status === 'queued' || computation.status === 'running'))
      throw new ConflictError('A computation for this plan is under way; wait for its version.', {
        rosterId: computation.rosterId,
      });
  }

  private async computationOf(
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

  /**
   * The member the caller acts as: their own Caregiver row in the plan's team. Coordinators and
   * administrators read the negotiation but never act as a member (`asMember`); for the other
   * writes (a plan, an amendment) they act as themselves.
   */
  private async actorOf(principal: Principal, teamId: string, asMember: boolean): Promise<PlanActor> {
    if (principal.role === 'caregiver') {
      const rows = await preparedQuery<{ id: string; first_name: string }>(
        this.dataSource,
        'SELECT id, first_name FROM caregiver WHERE team_id = $1 AND user_id = $2 AND active',
        [teamId, principal.userId],
      );
      if (rows.length === 0)
        throw new ForbiddenError('Only active members of the team take part in its negotiation.');
      return { userId: principal.userId, caregiverId: rows[0].id, name: rows[0].first_name };
    }
    if (asMember)
      throw new ForbiddenError('Only members of the team act in its negotiation; coordinators read it.');
    return { userId: principal.userId, caregiverId: null, name: principal.role };
  }

  private async members(
    manager: EntityManager,
    teamId: string,
  ): Promise<{ caregiverId: string; name: string }[]> {
    const rows: { id: string; first_name: string }[] = await manager.query(
      'SELECT id, first_name FROM caregiver WHERE team_id = $1 AND active AND user_id IS NOT NULL ORDER BY first_name, id',
      [teamId],
    );
    return rows.map((row) => ({ caregiverId: row.id, name: row.first_name }));
  }
}

/** Each computation of a plan is its own (the revision changes with every write). */
export function planInputHash(planId: string, revision: number): string {
  return createHash('sha256').update(`plan:${planId}:r${revision}`).digest('hex');
}

function rowOf(rows: PlanRow[], visitId: string): PlanRow {
  const row = rows.find((candidate) => candidate.visitId === visitId);
  if (!row) throw new NotFoundError('visit', `${visitId} in this plan`);
  return row;
}

/** The row replaced, its end recomputed from the visit's duration. */
function replaceRow(rows: PlanRow[], next: PlanRow, period: PlanPeriod): PlanRow[] {
  const visit = scenarioVisitOf(period, next.visitId);
  const end = next.start && visit ? new Date(next.start.getTime() + visit.durationMinutes * MINUTE_MS) : null;
  return rows.map((row) => (row.visitId === next.visitId ? { ...next, end: next.start ? end : null } : row));
}

const sameIds = (first: string[], second: string[]): boolean =>
  [...first].sort().join(',') === [...second].sort().join(',');

const stateOf = (row: PlanRow): Record<string, unknown> => ({
  caregiverIds: row.caregiverIds,
  start: row.start?.toISOString() ?? null,
  pinned: row.pinned,
});

function ruleError(violations: PlanViolation[]): RuleViolationError {
  return new RuleViolationError(violations.map((violation) => violation.message).join('; '), {
    rule: violations[0]?.rule,
    violations,
  });
}

/** What a member's write holds of its plan (its row locked by the compare-and-set). */
type LockedPlan = Pick<
  RosterPlan,
  'id' | 'teamId' | 'status' | 'revision' | 'currentVersion' | 'pendingRosterId' | 'reviewDeadline'
>;

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

/** An event of the plan's trail, as recordEvent stores it, for statements that insert one. */
const EVENT_INSERT = `INSERT INTO roster_plan_event
  (plan_id, kind, actor_user_id, actor_caregiver_id, revision, before, after, summary)
  SELECT $4::uuid, $5::text, $6::uuid, $7::uuid, $8::int, $9::jsonb, $10::jsonb, $11::text`;

/** The values of EVENT_INSERT ($4 to $11). */
function eventValues(
  plan: Pick<RosterPlan, 'id' | 'revision'>,
  actor: PlanActor,
  kind: string,
  summary: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
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
