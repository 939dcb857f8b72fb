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
import { ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import { type GenerationResult, type VisitPage, VisitsService, type VisitView } from '@homecare/core/visits';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { CreateVisitDto, GenerateVisitsDto, ListVisitsQueryDto, UpdateVisitDto } from './dto/visit.dto';

@ApiTags('visits')
@Controller('teams/:teamId/visits')
export class TeamVisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly access: AccessService,
  ) {}

  /** Visits whose local date lies in the period, ordered by earliest start. */
  @Get()
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: ListVisitsQueryDto,
  ): Promise<VisitPage> {
    await this.access.assertTeams(user, [teamId], 'read');
    // Like every id: a client the caller may not see is not found, rather than an empty list.
    if (query.clientId) await this.access.assertClients(user, [query.clientId], 'read');
    return this.visits.listVisits(
      teamId,
      { from: query.from, to: query.to, clientId: query.clientId, status: query.status },
      query,
    );
  }

  /** A one-off visit (not generated from a care need); the client must be one of the team's. */
  @Post()
  @Allow('administrator', 'coordinator')
  async create(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: CreateVisitDto,
  ): Promise<VisitView> {
    await this.access.assertTeams(user, [teamId], 'write');
    return this.visits.createVisit(teamId, body);
  }

  /** Creates or updates the visits of every care need of the team for the period; safe to repeat. */
  @Post('generate')
  @Allow('administrator', 'coordinator')
  @HttpCode(200)
  async generate(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: GenerateVisitsDto,
  ): Promise<GenerationResult> {
    await this.access.assertTeams(user, [teamId], 'write');
    return this.visits.generateVisits(teamId, { from: body.from, to: body.to });
  }
}

@ApiTags('visits')
@Controller('visits')
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly access: AccessService,
  ) {}

  @Get(':visitId')
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(@CurrentUser() user: Principal, @Param('visitId', ParseUUIDPipe) id: string): Promise<VisitView> {
    await this.access.assertVisits(user, [id], 'read');
    return this.visits.getVisit(id);
  }

  /** Editing a generated visit detaches it: regeneration leaves it as edited. */
  @Patch(':visitId')
  @Allow('administrator', 'coordinator')
  async update(
    @CurrentUser() user: Principal,
    @Param('visitId', ParseUUIDPipe) id: string,
    @Body() body: UpdateVisitDto,
  ): Promise<VisitView> {
    await this.access.assertVisits(user, [id], 'write');
    return this.visits.updateVisit(id, body, user.userId);
  }

  /** One-off visits only; a generated visit is cancelled instead (409 says so). */
  @Delete(':visitId')
  @Allow('administrator', 'coordinator')
  @HttpCode(204)
  async remove(@CurrentUser() user: Principal, @Param('visitId', ParseUUIDPipe) id: string): Promise<void> {
    await this.access.assertVisits(user, [id], 'write');
    await this.visits.deleteVisit(id);
  }
}
