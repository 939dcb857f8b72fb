import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AccessService,
  type PlanAmendmentList,
  type PlanDiffView,
  type PlanEventPage,
  type PlanSummaryPage,
  type PlanVersionList,
  type PlanVersionView,
  PlanView,
  planViewJson,
  type Principal,
  RosterPlanReader,
  RosterPlansService,
} from '@homecare/core';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import {
  AmendmentDto,
  CreateRosterPlanDto,
  DiffQueryDto,
  EditAssignmentDto,
  ObjectionDto,
  OfferDto,
  OpenReviewDto,
  PinDto,
  VisitRefDto,
} from './dto/roster-plan.dto';
import { IfMatchHeader, revisionFrom } from './if-match';

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: true,
  description: 'ETag of the plan, e.g. "r3" (428 without it, 409 when stale)',
});

/**
 * A team's negotiation of its roster. Members (caregivers of the team, as themselves) act;
 * coordinators and administrators read, create a plan and record amendments, but never act as a
 * member. Every write to a plan needs If-Match with the plan's ETag.
 */
@ApiTags('negotiation')
@Controller()
export class RosterPlansController {
  constructor(
    private readonly plans: RosterPlansService,
    private readonly reader: RosterPlanReader,
    private readonly access: AccessService,
  ) {}

  @Post('teams/:teamId/roster-plans')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a plan for a period: its first proposal is computed through the queue' })
  @Allow('administrator', 'coordinator', 'caregiver')
  async create(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: CreateRosterPlanDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    await this.access.assertTeams(user, [teamId], 'read');
    const plan = await this.plans.createPlan(user, teamId, body);
    response.location(`/roster-plans/${plan.id}`).setHeader('ETag', plan.etag);
    return plan;
  }

  @Get('teams/:teamId/roster-plans')
  @ApiOperation({ summary: "The team's plans, latest period first" })
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: PageQueryDto,
  ): Promise<PlanSummaryPage> {
    await this.access.assertTeams(user, [teamId], 'read');
    return this.reader.listPlans(teamId, query);
  }

  @Get('roster-plans/:planId')
  @ApiOperation({
    summary:
      'The plan: status, current version with pins and flags, members and their consent, open objections and offers (ETag)',
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return withEtag(response, await this.plans.getPlan(planId));
  }

  @Get('roster-plans/:planId/versions')
  @ApiOperation({ summary: 'Every version: how it came about and how many assignments it changed' })
  @Allow('administrator', 'coordinator', 'caregiver')
  async versions(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
  ): Promise<PlanVersionList> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return { items: await this.reader.listVersions(planId) };
  }

  @Get('roster-plans/:planId/versions/:number')
  @ApiOperation({ summary: 'One version with its assignments and its changes from the version before' })
  @Allow('administrator', 'coordinator', 'caregiver')
  async version(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('number', ParseIntPipe) number: number,
  ): Promise<PlanVersionView> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return this.reader.getVersion(planId, number);
  }

  @Get('roster-plans/:planId/diff')
  @ApiOperation({ summary: 'Compare two versions: which visits moved, from whom to whom, and why' })
  @Allow('administrator', 'coordinator', 'caregiver')
  async diff(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() query: DiffQueryDto,
  ): Promise<PlanDiffView> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return this.reader.diff(planId, query.from, query.to);
  }

  @Get('roster-plans/:planId/events')
  @ApiOperation({ summary: 'The trail: who did what, when, before and after' })
  @Allow('administrator', 'coordinator', 'caregiver')
  async events(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() query: PageQueryDto,
  ): Promise<PlanEventPage> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return this.reader.listEvents(planId, query);
  }

  @Get('roster-plans/:planId/amendments')
  @ApiOperation({ summary: 'Amendments: changed assignments and who has confirmed' })
  @Allow('administrator', 'coordinator', 'caregiver')
  async amendments(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
  ): Promise<PlanAmendmentList> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return { items: await this.reader.listAmendments(planId) };
  }

  // ---- members ----

  @Post('roster-plans/:planId/review')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Open the review of the current version (optionally with a deadline)' })
  @Allow('caregiver')
  async review(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Body() body: OpenReviewDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.submit(user, planId, revision, body));
  }

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
    const revision = await this.writable(user, planId, ifMatch);
    sendPlan(response, await this.plans.consent(user, planId, revision));
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
    const revision = await this.writable(user, planId, ifMatch);
    sendPlan(response, await this.plans.object(user, planId, revision, body));
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
    const revision = await this.writable(user, planId, ifMatch);
    sendPlan(response, await this.plans.withdrawObjection(user, planId, revision, objectionId));
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
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.pin(user, planId, revision, body));
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
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.unpin(user, planId, revision, visitId));
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
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.claim(user, planId, revision, body.visitId));
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
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.editAssignment(user, planId, revision, visitId, body));
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
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.offer(user, planId, revision, body));
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
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.acceptOffer(user, planId, revision, offerId));
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
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.declineOffer(user, planId, revision, offerId));
  }

  @Post('roster-plans/:planId/recomputes')
  @HttpCode(202)
  @IF_MATCH
  @ApiOperation({ summary: 'Recompute through the queue: pins kept, objections honoured, fewest changes' })
  @Allow('caregiver')
  async recompute(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.recompute(user, planId, revision));
  }

  @Post('roster-plans/:planId/publish')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Publish the agreed version (a member of the team; coordinators read)' })
  @Allow('caregiver')
  async publish(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.publish(user, planId, revision));
  }

  @Post('roster-plans/:planId/amendments')
  @HttpCode(202)
  @IF_MATCH
  @ApiOperation({
    summary:
      'Amend the published roster (a sick call): re-rostered with the fewest changes and published at once',
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async amend(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Body() body: AmendmentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    await this.access.assertCaregivers(user, [body.caregiverId], 'read');
    const revision = revisionFrom(ifMatch);
    return withEtag(response, await this.plans.amend(user, planId, revision, body));
  }

  @Post('roster-plans/:planId/amendments/:amendmentId/confirm')
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Confirm an amendment that changed your visits' })
  @Allow('caregiver')
  async confirm(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('amendmentId', ParseUUIDPipe) amendmentId: string,
    @IfMatchHeader() ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanView> {
    const revision = await this.writable(user, planId, ifMatch);
    return withEtag(response, await this.plans.confirmAmendment(user, planId, revision, amendmentId));
  }

  /** 404 for a plan the caller may not see comes before 428 for a missing If-Match. */
  private async writable(user: Principal, planId: string, ifMatch: string | undefined): Promise<number> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return revisionFrom(ifMatch);
  }
}

/**
 * Sends a plan as JSON with its ETag, for the busiest writes: the same bytes as returning it, but
 * its assignments (most of its 200 KB) are copied from their kept JSON (planViewJson), not
 * serialised again.
 */
function sendPlan(response: Response, plan: PlanView): void {
  response.status(200).setHeader('ETag', plan.etag);
  response.type('application/json; charset=utf-8').send(planViewJson(plan));
}

function withEtag(response: Response, plan: PlanView): PlanView {
  response.setHeader('ETag', plan.etag);
  return plan;
}
