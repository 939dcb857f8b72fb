import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  Sse,
  type MessageEvent,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  distinctUntilChanged,
  from,
  interval,
  map,
  type Observable,
  startWith,
  switchMap,
  takeWhile,
} from 'rxjs';
import { AccessService } from '@homecare/core/access';
import { type Principal } from '@homecare/core/principal';
import {
  RosterRequestResult,
  type RosterRunView,
  RosterRunsService,
  RostersService,
  type RosterSummaryPage,
  type RosterView,
} from '@homecare/core/rosters';
import type { RosterDocument } from '@homecare/scenario';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { CreateRosterDto, CreateRosterRunDto } from './dto/roster.dto';

const EVENTS_POLL_MS = 500;

@ApiTags('rosters')
@Controller()
export class RostersController {
  constructor(
    private readonly rosters: RostersService,
    private readonly runs: RosterRunsService,
    private readonly access: AccessService,
  ) {}

  @Post('teams/:teamId/rosters')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Compute a roster proposal for a period (asynchronously)',
    description:
      'Answers 202 with the roster id and its job id; follow it at the Location. The same request while an identical ' +
      'computation is pending (same team, data and options) returns that one. 503 when the queue is unavailable.',
  })
  @ApiAcceptedResponse({
    description: 'queued (or joined an identical pending computation)',
    type: RosterRequestResult,
  })
  @Allow('administrator', 'coordinator')
  async create(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: CreateRosterDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RosterRequestResult> {
    await this.access.assertTeams(user, [teamId], 'write');
    const result = await this.rosters.requestRoster(teamId, body);
    response.location(`/rosters/${result.rosterId}`);
    return result;
  }

  @Get('teams/:teamId/rosters')
  @ApiOperation({ summary: "The team's rosters, newest first" })
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: PageQueryDto,
  ): Promise<RosterSummaryPage> {
    await this.access.assertTeams(user, [teamId], 'read');
    return this.rosters.listRosters(teamId, query);
  }

  @Get('rosters/:rosterId')
  @ApiOperation({
    summary:
      'Status and progress of a roster; once done its assignments, unassigned visits, KPIs and solver stats',
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(
    @CurrentUser() user: Principal,
    @Param('rosterId', ParseUUIDPipe) id: string,
  ): Promise<RosterView> {
    await this.access.assertRosters(user, [id], 'read');
    return this.rosters.getRoster(id);
  }

  @Get('rosters/:rosterId/export')
  @ApiOperation({
    summary: 'A finished roster as a homecare-roster/v1 document (ids of the team scenario export)',
  })
  // The interchange format of the shared specification, open to extra fields: documented there.
  @ApiOkResponse({
    description:
      'A homecare-roster/v1 document (shared specification: format, assignments, unassigned, kpis)',
    schema: { type: 'object', additionalProperties: true },
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async export(
    @CurrentUser() user: Principal,
    @Param('rosterId', ParseUUIDPipe) id: string,
  ): Promise<RosterDocument> {
    await this.access.assertRosters(user, [id], 'read');
    return this.rosters.exportRoster(id);
  }

  @Sse('rosters/:rosterId/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Events `progress`, then `done` or `failed`; each data is JSON: status, progress, kpis (the best so far) and failureReason',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiOperation({
    summary:
      'Server-sent events: status, progress and best KPIs as they change; the stream ends when the roster is done or failed',
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async events(
    @CurrentUser() user: Principal,
    @Param('rosterId', ParseUUIDPipe) id: string,
  ): Promise<Observable<MessageEvent>> {
    await this.access.assertRosters(user, [id], 'read');
    await this.rosters.getProgress(id); // 404 before the stream starts
    // Polls Postgres, so it works on any API instance; unsubscribing (client gone) stops the polling.
    return interval(EVENTS_POLL_MS).pipe(
      startWith(0),
      switchMap(() => from(this.rosters.getProgress(id))),
      map((roster) => ({
        status: roster.status,
        progress: roster.progress,
        kpis: roster.status === 'done' ? roster.kpis : roster.bestKpis,
        ...(roster.failureReason ? { failureReason: roster.failureReason } : {}),
      })),
      distinctUntilChanged((previous, next) => JSON.stringify(previous) === JSON.stringify(next)),
      takeWhile((event) => event.status !== 'done' && event.status !== 'failed', true),
      map((event) => ({
        type: event.status === 'done' || event.status === 'failed' ? event.status : 'progress',
        data: event,
      })),
    );
  }

  @Post('organisations/:organisationId/rosters')
  @HttpCode(202)
  @ApiOperation({ summary: 'Compute a roster for every team of the organisation (a BullMQ flow)' })
  @Allow('administrator', 'coordinator')
  async createRun(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() body: CreateRosterRunDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RosterRunView> {
    await this.access.assertOrganisations(user, [organisationId], 'write');
    const run = await this.runs.requestOrganisationRun(organisationId, body);
    response.location(`/organisations/${organisationId}/roster-runs/${run.id}`);
    return run;
  }

  @Get('organisations/:organisationId/roster-runs/:runId')
  @ApiOperation({
    summary: "An organisation-wide run: each team's roster, status and KPIs, and the overall state",
  })
  @Allow('administrator', 'coordinator')
  async getRun(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('runId', ParseUUIDPipe) runId: string,
  ): Promise<RosterRunView> {
    await this.access.assertOrganisations(user, [organisationId], 'read');
    return this.runs.getRun(organisationId, runId);
  }
}
