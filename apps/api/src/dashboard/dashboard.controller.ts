import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AccessService } from '@homecare/core/access';
import { DashboardService, MAX_DASHBOARD_WEEKS, TeamDashboardView } from '@homecare/core/dashboard';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';

export class DashboardQueryDto {
  /** ISO weeks in the team's zone, ending with the current one (1 to 12). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_DASHBOARD_WEEKS, default: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DASHBOARD_WEEKS)
  weeks: number = MAX_DASHBOARD_WEEKS;
}

@ApiTags('teams')
@Controller('teams/:teamId/dashboard')
export class TeamDashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly access: AccessService,
  ) {}

  /**
   * The team's last weeks at a glance: per week coverage, continuity against the team's target,
   * hours against contracts, overtime, working-time flags and changes after publishing; per client,
   * who visited in which week. For the team's members and its organisation's coordinators; it names
   * clients, so the read is logged for each of them.
   */
  @Get()
  @Allow('administrator', 'coordinator', 'caregiver')
  @ApiOkResponse({ type: TeamDashboardView })
  async get(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: DashboardQueryDto,
  ): Promise<TeamDashboardView> {
    await this.access.assertTeams(user, [teamId], 'read');
    const view = await this.dashboard.dashboard(teamId, query.weeks);
    await this.access.logClientAccess(
      user,
      view.clients.map((client) => client.clientId),
    );
    return view;
  }
}
