import { Body, Controller, Get, Headers, HttpCode, MessageEvent, Post, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { distinctUntilChanged, from, interval, map, type Observable, startWith, switchMap } from 'rxjs';
import { languageOf, type NotificationPage, NotificationsService } from '@homecare/core/notifications';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import {
  MarkedReadView,
  MarkNotificationsReadDto,
  NotificationQueryDto,
  UnreadCountView,
} from './dto/notifications.dto';

/** How often the stream looks for new messages (it reads Postgres, so any API instance serves it). */
const STREAM_POLL_MS = 2_000;

/** Each signed-in person's own messages: nobody reads another's feed, so no ids but their own. */
@ApiTags('notifications')
@Controller('users/me/notifications')
@Allow('administrator', 'coordinator', 'caregiver', 'family')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'My messages, newest first, in my language (Accept-Language; Dutch when none is given)',
  })
  list(
    @CurrentUser() user: Principal,
    @Query() query: NotificationQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<NotificationPage> {
    return this.notifications.list(
      user.userId,
      { unreadOnly: query.unread, limit: query.limit, before: query.before },
      languageOf(acceptLanguage),
    );
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my messages I have not read' })
  async unreadCount(@CurrentUser() user: Principal): Promise<UnreadCountView> {
    return { unreadCount: await this.notifications.unreadCount(user.userId) };
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark some of my messages read (or all, without ids)' })
  async markRead(
    @CurrentUser() user: Principal,
    @Body() body: MarkNotificationsReadDto,
  ): Promise<MarkedReadView> {
    const marked = await this.notifications.markRead(user.userId, body.ids);
    return { marked, unreadCount: await this.notifications.unreadCount(user.userId) };
  }

  @Sse('stream')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An `unread` event with `{ unreadCount }` at once and whenever the count changes',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiOperation({ summary: 'Server-sent events: my unread count as it changes, for the web app' })
  stream(@CurrentUser() user: Principal): Observable<MessageEvent> {
    return interval(STREAM_POLL_MS).pipe(
      startWith(0),
      switchMap(() => from(this.notifications.unreadCount(user.userId))),
      distinctUntilChanged(),
      map((unreadCount) => ({ type: 'unread', data: { unreadCount } })),
    );
  }
}
