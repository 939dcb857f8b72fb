import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import { type Principal } from '@homecare/core/principal';
import { ScenariosService, type ScenarioImportResult } from '@homecare/core/scenarios';
import type { ScenarioDocument } from '@homecare/scenario';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import {
  SCENARIO_DOCUMENT_EXAMPLE,
  SCENARIO_DOCUMENT_SCHEMA,
  SCENARIO_IMPORT_RESULT_SCHEMA,
} from './dto/scenario-document.schema';
import { ExportScenarioQueryDto, ImportScenarioQueryDto } from './dto/scenario-query.dto';

@ApiTags('scenarios')
@Controller('teams')
export class ScenariosController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly access: AccessService,
  ) {}

  @Post('import')
  @Allow('administrator', 'coordinator')
  @ApiOperation({
    summary: 'Create a team from a homecare-scenario/v1 document',
    description:
      'Creates the team with its caregivers, availability, clients, visits and pins in one transaction. ' +
      'An invalid document answers 400 with every problem by JSON path, and nothing is written.',
  })
  @ApiBody({ schema: { ...SCENARIO_DOCUMENT_SCHEMA, example: SCENARIO_DOCUMENT_EXAMPLE } })
  @ApiCreatedResponse({ schema: SCENARIO_IMPORT_RESULT_SCHEMA })
  // The raw document: validateScenario checks it, since a DTO's whitelist would strip its extra fields.
  // A coordinator imports into their own organisation; only an administrator creates a new one.
  async import(
    @CurrentUser() user: Principal,
    @Body() body: unknown,
    @Query() query: ImportScenarioQueryDto,
  ): Promise<ScenarioImportResult> {
    const organisationId =
      query.organisationId ?? (user.role === 'coordinator' ? (user.organisationId ?? undefined) : undefined);
    if (organisationId) await this.access.assertOrganisations(user, [organisationId], 'write');
    return this.scenarios.importScenario(body, { organisationId });
  }

  @Get(':teamId/scenario')
  @Allow('administrator', 'coordinator')
  @ApiOperation({ summary: 'The team as a homecare-scenario/v1 document for a period of at most 92 days' })
  @ApiOkResponse({ schema: { ...SCENARIO_DOCUMENT_SCHEMA, example: SCENARIO_DOCUMENT_EXAMPLE } })
  async export(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: ExportScenarioQueryDto,
  ): Promise<ScenarioDocument> {
    await this.access.assertTeams(user, [teamId], 'write');
    const document = await this.scenarios.exportScenario(teamId, { from: query.from, to: query.to });
    // The document carries every client of the team.
    await this.access.logTeamClientsAccess(user, teamId);
    return document;
  }
}
