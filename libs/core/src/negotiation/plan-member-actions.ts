// What members of the team do in a plan, as themselves: consent, object and withdraw an objection
// (the review), pin and unpin, claim and edit an assignment (offers and swaps: PlanOffers). Each says what changes and which rule refuses; PlanWrites makes the change at the
// revision the member read, and RosterPlanRepository holds the statements.
import { Injectable } from '@nestjs/common';
import {
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@homecare/common';
import { RosterPlan, RosterPlanObjection } from '@homecare/database';
import { parseRosterTime, TimeFormatError } from '@homecare/scenario';
import type { Principal } from '../auth/principal';
import {
  candidateStarts,
  introducedViolations,
  scenarioVisitOf,
  type PlanRow,
  type PlanViolation,
} from './plan-rules';
import { PlanNotifications } from './plan-notifications';
import { rowsOfVersion } from './plan-versions.repository';
import { OPEN_FOR_CHANGES, PlanWrites, ruleError } from './plan-writes';
import { replaceRow, rowOf, sameIds, stateOf } from './plan-row-edits';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository } from './roster-plan.repository';
import type { PlanView } from './roster-plan.view';
import { reasonLine } from '../shared';

const MINUTE_MS = 60_000;

@Injectable()
export class PlanMemberActions {
  constructor(
    private readonly writes: PlanWrites,
    private readonly repository: RosterPlanRepository,
    private readonly reader: RosterPlanReader,
    private readonly clock: Clock,
    private readonly notifications: PlanNotifications,
  ) {}

  // ---- the review ----

  async consent(principal: Principal, planId: string, revision: number): Promise<PlanView> {
    return this.writes.memberWrite(principal, planId, revision, async (manager, current, actor) => {
      if (current.status !== 'in-review')
        throw new ConflictError(`The plan is ${current.status}; consent is given during the review.`, {
          code: 'plan.not-in-review',
          planStatus: current.status,
        });
      // One statement: the consent and its event, unless the member has an objection open.
      const own = await this.repository.consentUnlessObjecting(manager, current, actor, {
        kind: 'consented',
        summary: `${actor.name} consents to version ${current.currentVersion}`,
        before: null,
        after: { version: current.currentVersion },
      });
      if (own > 0)
        throw new RuleViolationError(
          'You have an open objection to this plan; withdraw it before you consent.',
          { code: 'consent.objection-open' },
        );
    });
  }

  async object(
    principal: Principal,
    planId: string,
    revision: number,
    body: { visitId: string; reason: string },
  ): Promise<PlanView> {
    return this.writes.memberWrite(principal, planId, revision, async (manager, current, actor) => {
      if (!OPEN_FOR_CHANGES.includes(current.status))
        throw new ConflictError(`The plan is ${current.status}; ask for an amendment instead.`, {
          code: 'plan.closed-for-changes',
          planStatus: current.status,
        });
      // Whether the visit is in the version (null: not), the member's (it must be one of theirs),
      // and whether they already object to it, in one statement.
      const check = await this.repository.objectionCheck(
        manager,
        planId,
        current.currentVersion,
        body.visitId,
        actor.caregiverId!,
      );
      if (check.theirs === null) throw new NotFoundError('visit', `${body.visitId} in this plan`);
      if (!check.theirs)
        throw new RuleViolationError('You can only object to a visit planned for you.', {
          code: 'objection.not-your-visit',
        });
      if (check.open)
        throw new ConflictError('You already have an open objection to this visit.', {
          code: 'objection.already-open',
        });
      if (current.status === 'agreed') {
        await manager.update(RosterPlan, { id: planId }, { status: 'in-review', agreedAt: null });
        current.status = 'in-review';
      }
      // The objection, the member's consent taken back (consent and objection do not mix) and the
      // event naming the objection, in one statement.
      await this.repository.recordObjection(
        manager,
        current,
        actor,
        body,
        `${actor.name} objects to visit ${body.visitId}: ${body.reason}`,
      );
      // The colleagues planned on the same visit (a visit for two) hear of it.
      const [row] = (await rowsOfVersion(manager, planId, current.currentVersion, actor.caregiverId!)).filter(
        (candidate) => candidate.visitId === body.visitId,
      );
      if (row && row.caregiverIds.length > 1)
        await this.notifications.objectionRaised(
          manager,
          await this.reader.planOrFail(planId, manager),
          row,
          actor.userId,
        );
    });
  }

  async withdrawObjection(
    principal: Principal,
    planId: string,
    revision: number,
    objectionId: string,
  ): Promise<PlanView> {
    return this.writes.memberWrite(principal, planId, revision, async (manager, current, actor) => {
      // One statement: the objection as it was, withdrawn with its event only when it is the
      // member's own and still open (the checks below then pass; otherwise nothing is written).
      const objection = await this.repository.withdrawObjection(
        manager,
        current,
        actor,
        objectionId,
        this.clock.now(),
        `${actor.name} withdraws the objection to visit `,
      );
      if (!objection) throw new NotFoundError('objection', objectionId);
      if (objection.caregiver_id !== actor.caregiverId)
        throw new ForbiddenError(
          'Only the member who objected withdraws an objection.',
          'objection.not-yours',
        );
      if (objection.status !== 'open')
        throw new ConflictError(`The objection is already ${objection.status}.`, {
          code: 'objection.closed',
        });
    });
  }

  /** Pins an assignment (a decision every recompute keeps), optionally giving it to other caregivers. */
  async pin(
    principal: Principal,
    planId: string,
    revision: number,
    body: { visitId: string; caregiverIds?: string[] },
  ): Promise<PlanView> {
    return this.writes.changeRows(principal, planId, revision, (rows, period, actor) => {
      const row = rowOf(rows, body.visitId);
      const caregiverIds = body.caregiverIds ?? row.caregiverIds;
      if (caregiverIds.length === 0 || !row.start)
        throw new RuleViolationError(
          `Visit ${body.visitId} has nobody to pin: claim it or name the caregivers.`,
          { code: 'pin.nobody-to-pin' },
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
    return this.writes.changeRows(principal, planId, revision, (rows, period, actor) => {
      const row = rowOf(rows, visitId);
      if (!row.pinned) throw new ConflictError(`Visit ${visitId} is not pinned.`, { code: 'pin.not-pinned' });
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
    return this.writes.changeRows(principal, planId, revision, async (rows, period, actor, manager) => {
      const row = rowOf(rows, visitId);
      const visit = scenarioVisitOf(period, visitId);
      if (!visit)
        throw new ConflictError(`Visit ${visitId} is no longer planned in this period.`, {
          code: 'plan.visit-not-planned',
        });
      const needed = visit.caregiversNeeded ?? 1;
      if (row.caregiverIds.includes(actor.caregiverId!))
        throw new ConflictError(`Visit ${visitId} is already yours.`, { code: 'claim.already-yours' });
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
          throw new ConflictError(`Visit ${visitId} already has the ${needed} caregiver(s) it needs.`, {
            code: 'claim.fully-staffed',
          });
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
          {
            ...row,
            caregiverIds,
            start,
            explanation: [reasonLine('claimed', { by: actor.name ?? undefined })],
          },
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
    return this.writes.changeRows(principal, planId, revision, (rows, period, actor) => {
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
        explanation: [reasonLine('edited', { by: actor.name ?? undefined })],
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
}
