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
import { ApiAcceptedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
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
import { RostersService, type RosterRequestResult } from '@homecare/core';
import type { RosterDocument } from '@homecare/scenario';
import { PageQueryDto } from '../http/page-query.dto';
import { CreateRosterDto, CreateRosterRunDto } from './dto/roster.dto';

const EVENTS_POLL_MS = 500;

@ApiTags('rosters')
@Controller()
export class RostersController {
  constructor(private readonly rosters: RostersService) {}

  @Post('teams/:teamId/rosters')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Compute a roster proposal for a period (asynchronously)',
    description:
      'Answers 202 with the roster id and its job id; follow it at the Location. The same request while an identical ' +
      'computation is pending (same team, data and options) returns that one. 503 when the queue is unavailable.',
  })
  @ApiAcceptedResponse({ description: 'queued (or joined an identical pending computation)' })
  async create(
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: CreateRosterDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RosterRequestResult> {
    const result = await this.rosters.requestRoster(teamId, body);
    response.location(`/rosters/${result.rosterId}`);
    return result;
  }

  @Get('teams/:teamId/rosters')
  @ApiOperation({ summary: "The team's rosters, newest first" })
  list(@Param('teamId', ParseUUIDPipe) teamId: string, @Query() query: PageQueryDto) {
    return this.rosters.listRosters(teamId, query);
  }

  @Get('rosters/:rosterId')
  @ApiOperation({
    summary:
      'Status and progress of a roster; once done its assignments, unassigned visits, KPIs and solver stats',
  })
  get(@Param('rosterId', ParseUUIDPipe) id: string) {
    return this.rosters.getRoster(id);
  }

  @Get('rosters/:rosterId/export')
  @ApiOperation({
    summary: 'A finished roster as a homecare-roster/v1 document (ids of the team scenario export)',
  })
  export(@Param('rosterId', ParseUUIDPipe) id: string): Promise<RosterDocument> {
    return this.rosters.exportRoster(id);
  }

  @Sse('rosters/:rosterId/events')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-sent events: status, progress and best KPIs as they change; the stream ends when the roster is done or failed',
  })
  async events(@Param('rosterId', ParseUUIDPipe) id: string): Promise<Observable<MessageEvent>> {
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
  async createRun(
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() body: CreateRosterRunDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const run = await this.rosters.requestOrganisationRun(organisationId, body);
    response.location(`/organisations/${organisationId}/roster-runs/${run.id}`);
    return run;
  }

  @Get('organisations/:organisationId/roster-runs/:runId')
  @ApiOperation({
    summary: "An organisation-wide run: each team's roster, status and KPIs, and the overall state",
  })
  getRun(
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('runId', ParseUUIDPipe) runId: string,
  ) {
    return this.rosters.getRun(organisationId, runId);
  }
}
