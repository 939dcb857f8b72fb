import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import { PlanningSettingsService, type PlanningSettingsView } from '@homecare/core/planning';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PlanningSettingsViewDto, UpdatePlanningSettingsDto } from './dto/planning-settings.dto';

@ApiTags('planning')
@Controller('teams/:teamId/planning-settings')
export class PlanningSettingsController {
  constructor(
    private readonly settings: PlanningSettingsService,
    private readonly access: AccessService,
  ) {}

  /** How the schedule prepares this team's weeks (the defaults until the team sets them). */
  @Get()
  @Allow('administrator', 'coordinator', 'caregiver')
  @ApiOkResponse({ type: PlanningSettingsViewDto })
  async get(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
  ): Promise<PlanningSettingsView> {
    await this.access.assertTeams(user, [teamId], 'read');
    return this.settings.settingsOf(teamId);
  }

  /** Changes the settings given; the others stay as they are. */
  @Patch()
  @Allow('administrator', 'coordinator')
  @ApiOkResponse({ type: PlanningSettingsViewDto })
  async update(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: UpdatePlanningSettingsDto,
  ): Promise<PlanningSettingsView> {
    await this.access.assertTeams(user, [teamId], 'write');
    return this.settings.update(teamId, { ...body });
  }
}
