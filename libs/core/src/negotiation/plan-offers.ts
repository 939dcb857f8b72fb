// Offers between colleagues: offer one of your visits to a colleague or the team (with a visit of
// theirs in exchange: a swap), accept (exactly one acceptance wins) or decline. PlanWrites makes
// the change at the revision the member read; the solver's rules refuse what would break them.
import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@homecare/common';
import { RosterPlanOffer } from '@homecare/database';
import type { Principal } from '../auth/principal';
import { PlanNotifications } from './plan-notifications';
import { replaceRow, rowOf } from './plan-row-edits';
import { recordEvent, rowsOfVersion } from './plan-versions.repository';
import { PlanWrites } from './plan-writes';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository } from './roster-plan.repository';
import type { PlanView } from './roster-plan.view';
import { reasonLine } from '../shared';

@Injectable()
export class PlanOffers {
  constructor(
    private readonly writes: PlanWrites,
    private readonly repository: RosterPlanRepository,
    private readonly reader: RosterPlanReader,
    private readonly notifications: PlanNotifications,
  ) {}

  async offer(
    principal: Principal,
    planId: string,
    revision: number,
    body: { visitId: string; toCaregiverId?: string; exchangeVisitId?: string; note?: string },
  ): Promise<PlanView> {
    const plan = await this.reader.planOrFail(planId);
    const actor = await this.writes.actorOf(principal, plan.teamId, true);
    return this.writes.write(planId, revision, actor, async (manager, current) => {
      this.writes.assertOpenForChanges(current);
      const rows = await rowsOfVersion(manager, planId, current.currentVersion);
      const row = rowOf(rows, body.visitId);
      if (!row.caregiverIds.includes(actor.caregiverId!))
        throw new RuleViolationError('You can only offer a visit planned for you.', {
          code: 'offer.not-your-visit',
        });
      if (row.pinned)
        throw new RuleViolationError(
          `Visit ${body.visitId} is pinned (a team decision); unpin it before offering it.`,
          { code: 'offer.visit-pinned' },
        );
      if (body.toCaregiverId !== undefined) {
        if (body.toCaregiverId === actor.caregiverId)
          throw new RuleViolationError('Offer the visit to a colleague, not to yourself.', {
            code: 'offer.to-yourself',
          });
        if (!(await this.repository.isActiveColleague(manager, body.toCaregiverId, current.teamId)))
          throw new NotFoundError('caregiver', body.toCaregiverId);
      }
      if (body.exchangeVisitId !== undefined) {
        if (body.toCaregiverId === undefined)
          throw new InvalidInputError('A swap names the colleague.', [
            { path: '$.toCaregiverId', message: 'required with exchangeVisitId' },
          ]);
        const other = rowOf(rows, body.exchangeVisitId);
        if (!other.caregiverIds.includes(body.toCaregiverId))
          throw new RuleViolationError(`Visit ${body.exchangeVisitId} is not planned for that colleague.`, {
            code: 'offer.not-your-visit',
          });
        if (other.pinned)
          throw new RuleViolationError(`Visit ${body.exchangeVisitId} is pinned (a team decision).`, {
            code: 'offer.visit-pinned',
          });
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
      await this.notifications.offered(
        manager,
        current,
        {
          visitId: body.visitId,
          fromCaregiverId: actor.caregiverId!,
          toCaregiverId: body.toCaregiverId ?? null,
          swap: body.exchangeVisitId !== undefined,
        },
        row,
        actor.userId,
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
    return this.writes.changeRows(principal, planId, revision, async (rows, period, actor, manager) => {
      const offer = await manager.findOneBy(RosterPlanOffer, { id: offerId, planId });
      if (!offer) throw new NotFoundError('offer', offerId);
      if (offer.fromCaregiverId === actor.caregiverId)
        throw new RuleViolationError('You cannot accept your own offer.', { code: 'offer.own' });
      if (offer.toCaregiverId !== null && offer.toCaregiverId !== actor.caregiverId)
        throw new ForbiddenError('This offer is for another colleague.', 'offer.for-another');
      // Exactly one acceptance: the offer's own compare-and-set, besides the plan's revision.
      if (!(await this.repository.takeOffer(manager, offerId, actor.caregiverId!)))
        throw new ConflictError(`The offer is no longer open (${offer.status}).`, {
          code: 'offer.closed',
          offerStatus: offer.status,
        });
      const row = rowOf(rows, offer.visitId);
      if (!row.caregiverIds.includes(offer.fromCaregiverId))
        throw new ConflictError('The offered visit has changed hands since the offer.', {
          code: 'offer.changed-hands',
        });
      let next = replaceRow(
        rows,
        {
          ...row,
          caregiverIds: row.caregiverIds.map((id) =>
            id === offer.fromCaregiverId ? actor.caregiverId! : id,
          ),
          explanation: [reasonLine('taken-over', { by: actor.name ?? undefined })],
        },
        period,
      );
      let summary = `${actor.name} took over visit ${offer.visitId} (offered)`;
      if (offer.exchangeVisitId) {
        const other = rowOf(next, offer.exchangeVisitId);
        if (!other.caregiverIds.includes(actor.caregiverId!))
          throw new ConflictError('The visit in exchange has changed hands since the offer.', {
            code: 'offer.changed-hands',
          });
        next = replaceRow(
          next,
          {
            ...other,
            caregiverIds: other.caregiverIds.map((id) =>
              id === actor.caregiverId ? offer.fromCaregiverId : id,
            ),
            explanation: [reasonLine('swapped')],
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
    const actor = await this.writes.actorOf(principal, plan.teamId, true);
    return this.writes.write(planId, revision, actor, async (manager, current) => {
      const offer = await manager.findOneBy(RosterPlanOffer, { id: offerId, planId });
      if (!offer) throw new NotFoundError('offer', offerId);
      const own = offer.fromCaregiverId === actor.caregiverId;
      if (!own && offer.toCaregiverId !== actor.caregiverId)
        throw new ForbiddenError(
          'Only the colleague it is offered to declines an offer (or the member who made it withdraws it).',
          'offer.for-another',
        );
      const status = own ? ('withdrawn' as const) : ('declined' as const);
      if (!(await this.repository.closeOffer(manager, offerId, status)))
        throw new ConflictError(`The offer is no longer open (${offer.status}).`, { code: 'offer.closed' });
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
}
