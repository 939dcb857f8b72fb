import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '@homecare/core/access';
import { PlanMemberActions, PlanView } from '@homecare/core/negotiation';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { EditAssignmentDto, ObjectionDto, OfferDto, PinDto, VisitRefDto } from './dto/roster-plan.dto';
import { IfMatchHeader } from './if-match';
import { IF_MATCH, sendPlan, withEtag, writableRevision } from './plan-responses';

/**
 * What members of the team do in a plan, as themselves (caregivers only; coordinators read):
 * consent, object, withdraw, pin, unpin, claim, edit, offer, accept and decline. Every route needs
 * If-Match with the plan's ETag and answers the plan as it is after the step.
 */
@ApiTags('negotiation')
@Controller()
export class PlanMemberActionsController {
  constructor(
    private readonly actions: PlanMemberActions,
    private readonly access: AccessService,
  ) {}

  @Post('roster-plans/:planId/consents')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Consent to the current version' })
  @ApiOkResponse({ type: PlanView })
  @Allow('caregiver')
  async consent(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    sendPlan(response, await this.actions.consent(user, planId, revision));
  }

  @Post('roster-plans/:planId/objections')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Object to one of your assignments, with a reason (blocks agreement while open)' })
  @ApiOkResponse({ type: PlanView })
  @Allow('caregiver')
  async object(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Body() body: ObjectionDto,
    @Res() response: Response,
  ): Promise<void> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    sendPlan(response, await this.actions.object(user, planId, revision, body));
  }

  @Post('roster-plans/:planId/objections/:objectionId/withdraw')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Withdraw your objection' })
  @ApiOkResponse({ type: PlanView })
  @Allow('caregiver')
  async withdraw(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('objectionId', ParseUUIDPipe) objectionId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    sendPlan(response, await this.actions.withdrawObjection(user, planId, revision, objectionId));
  }

  @Post('roster-plans/:planId/pins')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({
    summary:
      'Pin an assignment (kept by every recompute), optionally to other caregivers (422 when that breaks a rule)',
  })
  @Allow('caregiver')
  async pin(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Body() body: PinDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.actions.pin(user, planId, revision, body));
  }

  @Delete('roster-plans/:planId/pins/:visitId')
  @IF_MATCH
  @ApiOperation({ summary: 'Unpin an assignment' })
  @Allow('caregiver')
  async unpin(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('visitId', ParseUUIDPipe) visitId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.actions.unpin(user, planId, revision, visitId));
  }

  @Post('roster-plans/:planId/claims')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({
    summary:
      'Claim an unassigned visit, or take over a visit its caregiver objected to (422 when it would break a rule)',
  })
  @Allow('caregiver')
  async claim(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Body() body: VisitRefDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.actions.claim(user, planId, revision, body.visitId));
  }

  @Put('roster-plans/:planId/assignments/:visitId')
  @IF_MATCH
  @ApiOperation({ summary: 'Edit one assignment: caregivers and/or start (422 when it would break a rule)' })
  @Allow('caregiver')
  async edit(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('visitId', ParseUUIDPipe) visitId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Body() body: EditAssignmentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.actions.editAssignment(user, planId, revision, visitId, body));
  }

  @Post('roster-plans/:planId/offers')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({
    summary: 'Offer one of your visits to a colleague (or the team); with exchangeVisitId, a swap',
  })
  @Allow('caregiver')
  async offer(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Body() body: OfferDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.actions.offer(user, planId, revision, body));
  }

  @Post('roster-plans/:planId/offers/:offerId/accept')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Accept an offer (exactly one acceptance wins; 422 when it would break a rule)' })
  @Allow('caregiver')
  async accept(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.actions.acceptOffer(user, planId, revision, offerId));
  }

  @Post('roster-plans/:planId/offers/:offerId/decline')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Decline an offer made to you (or withdraw your own)' })
  @Allow('caregiver')
  async decline(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.actions.declineOffer(user, planId, revision, offerId));
  }
}
