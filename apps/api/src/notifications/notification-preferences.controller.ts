import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidInputError } from '@homecare/common';
import {
  type NotificationPreferencesView,
  NotificationPreferencesService,
} from '@homecare/core/notifications';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { UpdateNotificationPreferencesDto } from './dto/notification-preferences.dto';

/** Each person's own settings: no ids but their own. The feed in the app is always on. */
@ApiTags('notifications')
@Controller('users/me/notification-preferences')
@Allow('administrator', 'coordinator', 'caregiver', 'family')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'How I hear of my notifications: email per kind, daily digest, quiet hours' })
  get(@CurrentUser() user: Principal): Promise<NotificationPreferencesView> {
    return this.preferences.get(user.userId);
  }

  @Put()
  @ApiOperation({ summary: 'Change how I hear of my notifications (only what is given changes)' })
  put(
    @CurrentUser() user: Principal,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    const email = body.email ?? {};
    const notBoolean = Object.keys(email).filter((kind) => typeof email[kind] !== 'boolean');
    if (notBoolean.length > 0)
      throw new InvalidInputError(
        'Email is on (true) or off (false) per kind.',
        notBoolean.map((kind) => ({ path: `body.email.${kind}`, message: 'must be true or false' })),
      );
    return this.preferences.put(user.userId, body);
  }
}
