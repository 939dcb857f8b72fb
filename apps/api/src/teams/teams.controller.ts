import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import {
  type OrganisationPage,
  type OrganisationWorkingTimeView,
  type TeamPage,
  TeamsService,
  type TeamWorkingTimeView,
  WorkingTimeRulesService,
} from '@homecare/core/teams';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import {
  CreateOrganisationDto,
  CreateTeamDto,
  ListTeamsQueryDto,
  OrganisationWorkingTimeViewDto,
  TeamWorkingTimeViewDto,
  UpdateOrganisationDto,
  UpdateTeamDto,
  UpdateTeamWorkingTimeRulesDto,
  UpdateWorkingTimeRulesDto,
} from './dto/team.dto';
import type { Organisation, Team } from '@homecare/database';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly access: AccessService,
    private readonly workingTime: WorkingTimeRulesService,
  ) {}

  /** Working-time rules every team follows unless it overrides them (EU defaults: 660 min rest, 6 days). */
  @Get(':organisationId/working-time-rules')
  @Allow('administrator', 'coordinator', 'caregiver')
  @ApiOkResponse({ type: OrganisationWorkingTimeViewDto })
  async getWorkingTimeRules(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) id: string,
  ): Promise<OrganisationWorkingTimeView> {
    await this.access.assertOrganisations(user, [id], 'read');
    return this.workingTime.organisationRules(id);
  }

  /** Changes the rules given; null switches a rule off. */
  @Patch(':organisationId/working-time-rules')
  @Allow('administrator', 'coordinator')
  @ApiOkResponse({ type: OrganisationWorkingTimeViewDto })
  async updateWorkingTimeRules(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) id: string,
    @Body() body: UpdateWorkingTimeRulesDto,
  ): Promise<OrganisationWorkingTimeView> {
    await this.access.assertOrganisations(user, [id], 'write');
    return this.workingTime.updateOrganisationRules(id, { ...body });
  }

  @Post()
  @Allow('administrator')
  create(@Body() body: CreateOrganisationDto): Promise<Organisation> {
    return this.teams.createOrganisation(body);
  }

  /** Only the organisations the caller belongs to (all of them for an administrator). */
  @Get()
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(@CurrentUser() user: Principal, @Query() query: PageQueryDto): Promise<OrganisationPage> {
    const scope = await this.access.organisationScope(user);
    return this.teams.listOrganisations(query, scope.all ? undefined : scope.ids);
  }

  @Get(':organisationId')
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) id: string,
  ): Promise<Organisation> {
    await this.access.assertOrganisations(user, [id], 'read');
    return this.teams.getOrganisation(id);
  }

  @Patch(':organisationId')
  @Allow('administrator', 'coordinator')
  async update(
    @CurrentUser() user: Principal,
    @Param('organisationId', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<Organisation> {
    await this.access.assertOrganisations(user, [id], 'write');
    return this.teams.updateOrganisation(id, body);
  }
}

@ApiTags('teams')
@Controller('teams')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly access: AccessService,
    private readonly workingTime: WorkingTimeRulesService,
  ) {}

  /** The organisation's working-time rules, this team's overrides and the rules in effect. */
  @Get(':teamId/working-time-rules')
  @Allow('administrator', 'coordinator', 'caregiver')
  @ApiOkResponse({ type: TeamWorkingTimeViewDto })
  async getWorkingTimeRules(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) id: string,
  ): Promise<TeamWorkingTimeView> {
    await this.access.assertTeams(user, [id], 'read');
    return this.workingTime.teamRules(id);
  }

  /** Overrides rules for this team (null: off for this team); `inherit` goes back to the organisation's. */
  @Patch(':teamId/working-time-rules')
  @Allow('administrator', 'coordinator')
  @ApiOkResponse({ type: TeamWorkingTimeViewDto })
  async updateWorkingTimeRules(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) id: string,
    @Body() body: UpdateTeamWorkingTimeRulesDto,
  ): Promise<TeamWorkingTimeView> {
    await this.access.assertTeams(user, [id], 'write');
    return this.workingTime.updateTeamRules(id, { ...body });
  }

  @Post()
  @Allow('administrator', 'coordinator')
  async create(@CurrentUser() user: Principal, @Body() body: CreateTeamDto): Promise<Team> {
    await this.access.assertOrganisations(user, [body.organisationId], 'write');
    return this.teams.createTeam(body);
  }

  /** A coordinator's list holds their organisation's teams, a caregiver's list their own teams. */
  @Get()
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(@CurrentUser() user: Principal, @Query() query: ListTeamsQueryDto): Promise<TeamPage> {
    if (query.organisationId) await this.access.assertOrganisations(user, [query.organisationId], 'read');
    const scope = await this.access.teamScope(user);
    return this.teams.listTeams(
      { organisationId: query.organisationId, ids: scope.all ? undefined : scope.ids },
      query,
    );
  }

  @Get(':teamId')
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(@CurrentUser() user: Principal, @Param('teamId', ParseUUIDPipe) id: string): Promise<Team> {
    await this.access.assertTeams(user, [id], 'read');
    return this.teams.getTeam(id);
  }

  @Patch(':teamId')
  @Allow('administrator', 'coordinator')
  async update(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) id: string,
    @Body() body: UpdateTeamDto,
  ): Promise<Team> {
    await this.access.assertTeams(user, [id], 'write');
    return this.teams.updateTeam(id, body);
  }

  @Delete(':teamId')
  @Allow('administrator', 'coordinator')
  @HttpCode(204)
  async remove(@CurrentUser() user: Principal, @Param('teamId', ParseUUIDPipe) id: string): Promise<void> {
    await this.access.assertTeams(user, [id], 'write');
    await this.teams.deleteTeam(id);
  }
}
