import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Principal } from '@homecare/core/principal';
import {
  assertPublishedPeriod,
  type PublishedRosterView,
  PublishedRosterService,
} from '@homecare/core/published-roster';
import { Clock, NotFoundError } from '@homecare/common';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PublishedRosterQueryDto } from './dto/published-roster.dto';

/**
 * The team's published roster, as caregivers' apps refresh it: its own controller because it is
 * read long after the negotiation that produced it, by people who never open that negotiation.
 */
@ApiTags('negotiation')
@Controller()
export class PublishedRosterController {
  constructor(
    private readonly published: PublishedRosterService,
    private readonly clock: Clock,
  ) {}

  @Get('teams/:teamId/published-roster')
  @ApiOperation({
    summary:
      'The published assignment of every visit in a period, and optionally what changed since an instant',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag of a copy already held: 304 without a body while it is still the roster',
  })
  @Allow('administrator', 'coordinator', 'caregiver')
  async publishedRoster(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: PublishedRosterQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublishedRosterView | undefined> {
    assertPublishedPeriod(query, this.clock.nowMs());
    // Caregivers' apps refresh the team's roster far more often than it changes: a copy that is
    // still the roster costs one statement (the access check, the period in the team's zone, a tag
    // counted in Postgres, the read logged) instead of the week's rows. With `since` the answer
    // also depends on the moment, so it is always sent. 404 for a team the caller may not see.
    const opened = await this.published.openTeamRead(teamId, query, user);
    if (!opened) throw new NotFoundError('team', teamId);
    if (!query.since) {
      const etag = `"${opened.tag}"`;
      response.setHeader('ETag', etag);
      if (matchesEtag(ifNoneMatch, etag)) {
        response.status(304);
        return undefined;
      }
    }
    const visits = await this.published.publishedAssignments({ teamId }, opened.range);
    return {
      visits,
      ...(query.since
        ? { changedSince: await this.published.changedSince({ teamId }, new Date(query.since)) }
        : {}),
    };
  }
}

/** Whether an If-None-Match header names this ETag (or is `*`); weak and strong compare alike. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === '*' || candidate === etag);
}
