import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '@homecare/core/access';
import { PlanLifecycle, type PlanView } from '@homecare/core/negotiation';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { AmendmentDto, CreateRosterPlanDto, OpenReviewDto } from './dto/roster-plan.dto';
import { IfMatchHeader, revisionFrom } from './if-match';
import { IF_MATCH, withEtag, writableRevision } from './plan-responses';

/**
 * A plan's lifecycle over HTTP: start a plan (its first proposal computed through the queue), open
 * the review, recompute, publish, amend the published roster and confirm an amendment.
 * Coordinators and administrators create plans and record amendments; the rest is the members'.
 */
@ApiTags('negotiation')
@Controller()
export class PlanLifecycleController {
  constructor(
    private readonly lifecycle: PlanLifecycle,
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
    const plan = await this.lifecycle.createPlan(user, teamId, body);
    response.location(`/roster-plans/${plan.id}`).setHeader('ETag', plan.etag);
    return plan;
  }

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
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.lifecycle.submit(user, planId, revision, body));
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
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.lifecycle.recompute(user, planId, revision));
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
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.lifecycle.publish(user, planId, revision));
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
    return withEtag(response, await this.lifecycle.amend(user, planId, revision, body));
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
    const revision = await writableRevision(this.access, user, planId, ifMatch);
    return withEtag(response, await this.lifecycle.confirmAmendment(user, planId, revision, amendmentId));
  }
}
