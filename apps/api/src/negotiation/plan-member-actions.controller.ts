import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PlanMemberActions, PlanOffers, type PlanView } from '@homecare/core/negotiation';
import { type Principal } from '@homecare/core/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { EditAssignmentDto, ObjectionDto, OfferDto, PinDto, VisitRefDto } from './dto/roster-plan.dto';
import { PlanRevision, PlanWrite } from './plan-responses';

/**
 * What members of the team do in a plan, as themselves (caregivers only; coordinators read):
 * consent, object, withdraw, pin, unpin, claim, edit, offer, accept and decline. Every route needs
 * If-Match with the plan's ETag and answers the plan as it is after the step.
 */
@ApiTags('negotiation')
@Controller('roster-plans/:planId')
export class PlanMemberActionsController {
  constructor(
    private readonly actions: PlanMemberActions,
    private readonly offers: PlanOffers,
  ) {}

  @PlanWrite('post', 'consents', { summary: 'Consent to the current version' })
  consent(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.actions.consent(user, planId, revision);
  }

  @PlanWrite('post', 'objections', {
    summary: 'Object to one of your assignments, with a reason (blocks agreement while open)',
  })
  object(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
    @Body() body: ObjectionDto,
  ): Promise<PlanView> {
    return this.actions.object(user, planId, revision, body);
  }

  @PlanWrite('post', 'objections/:objectionId/withdraw', { summary: 'Withdraw your objection' })
  withdraw(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @Param('objectionId', ParseUUIDPipe) objectionId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.actions.withdrawObjection(user, planId, revision, objectionId);
  }

  @PlanWrite('post', 'pins', {
    summary:
      'Pin an assignment (kept by every recompute), optionally to other caregivers (422 when that breaks a rule)',
  })
  pin(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
    @Body() body: PinDto,
  ): Promise<PlanView> {
    return this.actions.pin(user, planId, revision, body);
  }

  @PlanWrite('delete', 'pins/:visitId', { summary: 'Unpin an assignment' })
  unpin(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @Param('visitId', ParseUUIDPipe) visitId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.actions.unpin(user, planId, revision, visitId);
  }

  @PlanWrite('post', 'claims', {
    summary:
      'Claim an unassigned visit, or take over a visit its caregiver objected to (422 when it would break a rule)',
  })
  claim(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
    @Body() body: VisitRefDto,
  ): Promise<PlanView> {
    return this.actions.claim(user, planId, revision, body.visitId);
  }

  @PlanWrite('put', 'assignments/:visitId', {
    summary: 'Edit one assignment: caregivers and/or start (422 when it would break a rule)',
  })
  edit(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @Param('visitId', ParseUUIDPipe) visitId: string,
    @PlanRevision() revision: number,
    @Body() body: EditAssignmentDto,
  ): Promise<PlanView> {
    return this.actions.editAssignment(user, planId, revision, visitId, body);
  }

  @PlanWrite('post', 'offers', {
    summary: 'Offer one of your visits to a colleague (or the team); with exchangeVisitId, a swap',
  })
  offer(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
    @Body() body: OfferDto,
  ): Promise<PlanView> {
    return this.offers.offer(user, planId, revision, body);
  }

  @PlanWrite('post', 'offers/:offerId/accept', {
    summary: 'Accept an offer (exactly one acceptance wins; 422 when it would break a rule)',
  })
  accept(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.offers.acceptOffer(user, planId, revision, offerId);
  }

  @PlanWrite('post', 'offers/:offerId/decline', {
    summary: 'Decline an offer made to you (or withdraw your own)',
  })
  decline(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.offers.declineOffer(user, planId, revision, offerId);
  }
}
