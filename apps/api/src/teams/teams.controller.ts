import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TeamsService } from '@homecare/core';
import { PageQueryDto } from '../http/page-query.dto';
import { CreateOrganisationDto, CreateTeamDto, ListTeamsQueryDto, UpdateOrganisationDto, UpdateTeamDto } from './dto/team.dto';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  create(@Body() body: CreateOrganisationDto) {
    return this.teams.createOrganisation(body);
  }

  @Get()
  list(@Query() query: PageQueryDto) {
    return this.teams.listOrganisations(query);
  }

  @Get(':organisationId')
  get(@Param('organisationId', ParseUUIDPipe) id: string) {
    return this.teams.getOrganisation(id);
  }

  @Patch(':organisationId')
  update(@Param('organisationId', ParseUUIDPipe) id: string, @Body() body: UpdateOrganisationDto) {
    return this.teams.updateOrganisation(id, body);
  }
}

@ApiTags('teams')
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  create(@Body() body: CreateTeamDto) {
    return this.teams.createTeam(body);
  }

  @Get()
  list(@Query() query: ListTeamsQueryDto) {
    return this.teams.listTeams({ organisationId: query.organisationId }, query);
  }

  @Get(':teamId')
  get(@Param('teamId', ParseUUIDPipe) id: string) {
    return this.teams.getTeam(id);
  }

  @Patch(':teamId')
  update(@Param('teamId', ParseUUIDPipe) id: string, @Body() body: UpdateTeamDto) {
    return this.teams.updateTeam(id, body);
  }

  @Delete(':teamId')
  @HttpCode(204)
  async remove(@Param('teamId', ParseUUIDPipe) id: string): Promise<void> {
    await this.teams.deleteTeam(id);
  }
}
