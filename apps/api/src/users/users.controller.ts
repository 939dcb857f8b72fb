import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, type MeView, type UserPage } from '@homecare/core/auth';
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
}
