import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '@homecare/core/access';
import { PlanLifecycle, type PlanView } from '@homecare/core/negotiation';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { AmendmentDto, CreateRosterPlanDto, OpenReviewDto } from './dto/roster-plan.dto';
import { PlanRevision, PlanWrite } from './plan-responses';

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

  @PlanWrite('post', 'roster-plans/:planId/review', {
    summary: 'Open the review of the current version (optionally with a deadline)',
  })
  review(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
    @Body() body: OpenReviewDto,
  ): Promise<PlanView> {
    return this.lifecycle.submit(user, planId, revision, body);
  }

  // Written out too for the OpenAPI plugin, which reads the status from here.
  @HttpCode(202)
  @PlanWrite('post', 'roster-plans/:planId/recomputes', {
    summary: 'Recompute through the queue: pins kept, objections honoured, fewest changes',
    status: 202,
  })
  recompute(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.lifecycle.recompute(user, planId, revision);
  }

  @PlanWrite('post', 'roster-plans/:planId/publish', {
    summary: 'Publish the agreed version (a member of the team; coordinators read)',
  })
  publish(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.lifecycle.publish(user, planId, revision);
  }

  // Written out too for the OpenAPI plugin, which reads the status from here.
  @HttpCode(202)
  @PlanWrite('post', 'roster-plans/:planId/amendments', {
    summary:
      'Amend the published roster (a sick call): re-rostered with the fewest changes and published at once',
    roles: ['administrator', 'coordinator', 'caregiver'],
    status: 202,
  })
  async amend(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @PlanRevision() revision: number,
    @Body() body: AmendmentDto,
  ): Promise<PlanView> {
    // The caregiver reported sick must be one the caller may see too.
    await this.access.assertCaregivers(user, [body.caregiverId], 'read');
    return this.lifecycle.amend(user, planId, revision, body);
  }

  @PlanWrite('post', 'roster-plans/:planId/amendments/:amendmentId/confirm', {
    summary: 'Confirm an amendment that changed your visits',
  })
  confirm(
    @CurrentUser() user: Principal,
    @Param('planId') planId: string,
    @Param('amendmentId', ParseUUIDPipe) amendmentId: string,
    @PlanRevision() revision: number,
  ): Promise<PlanView> {
    return this.lifecycle.confirmAmendment(user, planId, revision, amendmentId);
  }
}
