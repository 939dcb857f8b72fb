import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import { InvitationsService, type TeamInvitationPage } from '@homecare/core/auth';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';

/** A team's invitations, under the team's path (the invitation's own routes take a token or id). */
@ApiTags('invitations')
@Controller('teams/:teamId/invitations')
export class TeamInvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly access: AccessService,
  ) {}

  @Get()
  // The roles that approve them: a member sends invitations but does not oversee the team's.
  @Allow('administrator', 'coordinator')
  @ApiOperation({
    summary:
      "The team's open invitations (waiting for approval, or sent and not yet accepted): waiting ones first",
  })
  async list(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: PageQueryDto,
  ): Promise<TeamInvitationPage> {
    await this.access.assertTeams(user, [teamId], 'write');
    return this.invitations.listOpenForTeam(teamId, { limit: query.limit, offset: query.offset });
  }
}
