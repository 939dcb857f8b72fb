import { Body, Controller, Delete, Get, Header, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  type CalendarFeedLink,
  type CalendarFeedList,
  type CalendarFeedView,
  CalendarFeedsService,
  type CreatedCalendarFeed,
} from '@homecare/core/calendar-feeds';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser, Public } from '../auth/auth.decorators';
import { CreateCalendarFeedDto } from './dto/create-calendar-feed.dto';

/** The absolute URL of a feed, for calendar apps: where this API was reached. */
function withUrl(request: Request, feed: CreatedCalendarFeed): CalendarFeedLink {
  return { ...feed, url: `${request.protocol}://${request.get('host') ?? 'localhost'}${feed.path}` };
}

@ApiTags('calendar feeds')
@Controller()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Post('clients/:clientId/calendar-feeds')
  @Allow('administrator', 'coordinator', 'family')
  @ApiOperation({
    summary: "A secret calendar feed (.ics) of a client's published visits, for the client and their family",
    description:
      'Named by its maker (optional), so a family can tell its links apart and stop one. ' +
      'The answer holds the token and the URL, this once (the token is stored hashed).',
  })
  async createForClient(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
    @Body() body: CreateCalendarFeedDto,
    @Req() request: Request,
  ): Promise<CalendarFeedLink> {
    return withUrl(request, await this.feeds.createForClient(user, clientId, body?.name));
  }

  @Post('caregivers/:caregiverId/calendar-feeds')
  @Allow('administrator', 'coordinator', 'caregiver')
  @ApiOperation({
    summary: "A secret calendar feed (.ics) of a caregiver's own published visits",
    description:
      'A caregiver creates their own (403 for a colleague). The token and URL are shown this once.',
  })
  async createForCaregiver(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Body() body: CreateCalendarFeedDto,
    @Req() request: Request,
  ): Promise<CalendarFeedLink> {
    return withUrl(request, await this.feeds.createForCaregiver(user, caregiverId, body?.name));
  }

  @Get('calendar-feeds')
  @Allow('administrator', 'coordinator', 'caregiver', 'family')
  @ApiOperation({ summary: "The caller's calendar feeds (without their tokens)" })
  list(@CurrentUser() user: Principal): Promise<CalendarFeedList> {
    return this.feeds.list(user);
  }

  @Delete('calendar-feeds/:feedId')
  @Allow('administrator', 'coordinator', 'caregiver', 'family')
  @ApiOperation({
    summary: 'Revokes a calendar feed: its URL answers 404 from now on',
    description: 'Its owner, or a coordinator of the organisation it shows; anyone else gets 404.',
  })
  revoke(
    @CurrentUser() user: Principal,
    @Param('feedId', ParseUUIDPipe) feedId: string,
  ): Promise<CalendarFeedView> {
    return this.feeds.revoke(user, feedId);
  }

  @Get('calendar/:token.ics')
  @Public()
  @Header('Cache-Control', 'private, no-cache')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'The calendar feed of a token (iCalendar); the token is the credential, 404 once revoked',
  })
  async fetch(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const calendar = await this.feeds.render(token);
    response.type('text/calendar; charset=utf-8');
    response.setHeader('Content-Disposition', `inline; filename="${calendar.filename}"`);
    return calendar.body;
  }
}
