import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuthService,
  type CreatedInvitation,
  type InvitationPreview,
  InvitationsService,
  type InvitationView,
  type SignIn,
} from '@homecare/core/auth';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser, Public } from '../auth/auth.decorators';
import { AcceptInvitationDto, CreateInvitationDto } from '../auth/dto/auth.dto';
import { CredentialsThrottlerGuard } from '../auth/login-throttler.guard';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @Allow('administrator', 'coordinator', 'caregiver')
  @ApiOperation({
    summary:
      'Invite a caregiver to a team, a family member for a client, or a coordinator to an organisation',
    description: 'The answer holds the token of the link, this once; it expires after 7 days and works once.',
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateInvitationDto): Promise<CreatedInvitation> {
    return this.invitations.create(user, body);
  }

  @Get(':token')
  @Public()
  @UseGuards(CredentialsThrottlerGuard)
  @ApiOperation({
    summary: 'What a link is for (first names and a team name only); 404 once used, revoked or expired',
  })
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(token);
  }

  @Post(':token/accept')
  @Public()
  @HttpCode(200)
  @UseGuards(CredentialsThrottlerGuard)
  @ApiOperation({
    summary: 'Creates the account (or adds the team or client to an existing one) and signs in',
  })
  async accept(@Param('token') token: string, @Body() body: AcceptInvitationDto): Promise<SignIn> {
    const user = await this.invitations.accept(token, body);
    return this.auth.signIn(user);
  }

  @Post(':invitationId/approve')
  @Allow('administrator', 'coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: "Approves a member's invitation into the team: it can be accepted from now on, and is emailed",
  })
  approve(
    @CurrentUser() user: Principal,
    @Param('invitationId', ParseUUIDPipe) id: string,
  ): Promise<InvitationView> {
    return this.invitations.approve(user, id);
  }

  @Post(':invitationId/revoke')
  @Allow('administrator', 'coordinator', 'caregiver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraws an invitation that was not accepted yet' })
  revoke(
    @CurrentUser() user: Principal,
    @Param('invitationId', ParseUUIDPipe) id: string,
  ): Promise<InvitationView> {
    return this.invitations.revoke(user, id);
  }
}
