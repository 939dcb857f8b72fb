import {
  Controller,
  Get,
  type MessageEvent,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Query,
  Sse,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { distinctUntilChanged, from, interval, map, type Observable, startWith, switchMap } from 'rxjs';
import { AccessService } from '@homecare/core/access';
import {
  PlanAgreement,
  PlanCandidatesService,
  type VisitCandidatesView,
  type PlanAmendmentList,
  type PlanDiffView,
  type PlanEventPage,
  type PlanSummaryPage,
  type PlanVersionList,
  type PlanVersionView,
  type PlanView,
  RosterPlanReader,
} from '@homecare/core/negotiation';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { DiffQueryDto } from './dto/roster-plan.dto';
import { PlanRead } from './plan-responses';

/** How often a plan's stream looks for changes (it reads Postgres, so any API instance serves it). */
const PLAN_STREAM_POLL_MS = 2_000;

/**
 * Reading a team's negotiation: its plans, one plan (with its ETag, agreement settled when due),
 * its versions, a diff of two, the trail of events and the amendments. Everyone of the team reads;
 * nothing here writes except settling an agreement that is due.
 */
@ApiTags('negotiation')
@Controller()
export class RosterPlanReadsController {
  constructor(
    private readonly reader: RosterPlanReader,
    private readonly agreement: PlanAgreement,
    private readonly candidates: PlanCandidatesService,
    private readonly access: AccessService,
  ) {}

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

  @PlanRead(
    'roster-plans/:planId',
    'The plan: status, current version with pins and flags, members and their consent, open objections and offers (ETag)',
  )
  get(@Param('planId') planId: string): Promise<PlanView> {
    return this.agreement.getPlan(planId);
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
    return this.reader.listEvents(planId, query, user);
  }

  @Sse('roster-plans/:planId/stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'A `changed` event with `{ mark }` at once and whenever the plan changes (a step of the ' +
      'negotiation, a computation, flags from an availability change): then read the plan again',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiOperation({ summary: "Server-sent events: the plan's changes by anyone, for the team's board" })
  @Allow('administrator', 'coordinator', 'caregiver')
  async stream(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
  ): Promise<Observable<MessageEvent>> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    await this.reader.changeMark(planId); // 404 before the stream starts
    // Unsubscribing (the board closed) stops the polling.
    return interval(PLAN_STREAM_POLL_MS).pipe(
      startWith(0),
      switchMap(() => from(this.reader.changeMark(planId))),
      distinctUntilChanged(),
      map((mark) => ({ type: 'changed', data: { mark } })),
    );
  }

  @Get('roster-plans/:planId/amendments')
  @ApiOperation({ summary: 'Amendments: changed assignments and who has confirmed' })
  @Allow('administrator', 'coordinator', 'caregiver')
  async amendments(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
  ): Promise<PlanAmendmentList> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    return { items: await this.reader.listAmendments(planId, user) };
  }

  @Get('roster-plans/:planId/visits/:visitId/candidates')
  @ApiOperation({
    summary:
      'Who in the team could take a visit (skills, availability, working-time rules, window, travel), able ones first by continuity, with the reason for each who cannot; and whether your Claim or Offer would pass',
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async visitCandidates(
    @CurrentUser() user: Principal,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('visitId', ParseUUIDPipe) visitId: string,
  ): Promise<VisitCandidatesView> {
    await this.access.assertRosterPlans(user, [planId], 'read');
    const answer = await this.candidates.forVisit(user, planId, visitId);
    // The client's continuity with each caregiver is the client's data: the read is logged.
    if (answer.clientId) await this.access.logClientAccess(user, [answer.clientId]);
    return answer;
  }
}
