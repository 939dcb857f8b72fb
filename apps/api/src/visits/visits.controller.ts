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
import { VisitsService } from '@homecare/core';
import { CreateVisitDto, GenerateVisitsDto, ListVisitsQueryDto, UpdateVisitDto } from './dto/visit.dto';

@ApiTags('visits')
@Controller('teams/:teamId/visits')
export class TeamVisitsController {
  constructor(private readonly visits: VisitsService) {}

  /** Visits whose local date lies in the period, ordered by earliest start. */
  @Get()
  list(@Param('teamId', ParseUUIDPipe) teamId: string, @Query() query: ListVisitsQueryDto) {
    return this.visits.listVisits(
      teamId,
      { from: query.from, to: query.to, clientId: query.clientId, status: query.status },
      query,
    );
  }

  /** A one-off visit (not generated from a care need). */
  @Post()
  create(@Param('teamId', ParseUUIDPipe) teamId: string, @Body() body: CreateVisitDto) {
    return this.visits.createVisit(teamId, body);
  }

  /** Creates or updates the visits of every care need of the team for the period; safe to repeat. */
  @Post('generate')
  @HttpCode(200)
  generate(@Param('teamId', ParseUUIDPipe) teamId: string, @Body() body: GenerateVisitsDto) {
    return this.visits.generateVisits(teamId, { from: body.from, to: body.to });
  }
}

@ApiTags('visits')
@Controller('visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Get(':visitId')
  get(@Param('visitId', ParseUUIDPipe) id: string) {
    return this.visits.getVisit(id);
  }

  /** Editing a generated visit detaches it: regeneration leaves it as edited. */
  @Patch(':visitId')
  update(@Param('visitId', ParseUUIDPipe) id: string, @Body() body: UpdateVisitDto) {
    return this.visits.updateVisit(id, body);
  }

  /** One-off visits only; a generated visit is cancelled instead (409 says so). */
  @Delete(':visitId')
  @HttpCode(204)
  async remove(@Param('visitId', ParseUUIDPipe) id: string): Promise<void> {
    await this.visits.deleteVisit(id);
  }
}
