import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, type MeView, type UserPage, type UserView } from '@homecare/core/auth';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @Allow('administrator')
  @ApiOperation({ summary: 'Every account (operations)' })
  list(@Query() query: PageQueryDto): Promise<UserPage> {
    return this.auth.listUsers(query);
  }

  @Get('me')
  @Allow('administrator', 'coordinator', 'caregiver', 'family')
  @ApiOperation({
    summary: 'The signed-in user, with their caregiver rows (one per team) and the clients they follow',
  })
  me(@CurrentUser() user: Principal): Promise<MeView> {
    return this.auth.getMe(user.userId);
  }

  @Post(':userId/disable')
  @Allow('administrator', 'coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disables an account and ends all its sign-ins at once',
    description:
      'Administrators: any account but their own. Coordinators: the coordinators of their organisation, the caregivers of its teams and the family of its clients (not an account that also works for another organisation). Refresh and access tokens stop working at the next request, its calendar feeds stop answering, and sign-in is refused (403 account.disabled) until it is enabled again.',
  })
  disable(@CurrentUser() user: Principal, @Param('userId', ParseUUIDPipe) userId: string): Promise<UserView> {
    return this.auth.setDisabled(user, userId, true);
  }

  @Post(':userId/enable')
  @Allow('administrator', 'coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enables a disabled account again (it signs in anew; ended sign-ins stay ended)' })
  enable(@CurrentUser() user: Principal, @Param('userId', ParseUUIDPipe) userId: string): Promise<UserView> {
    return this.auth.setDisabled(user, userId, false);
  }
}
