import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScenariosService, type ScenarioImportResult } from '@homecare/core';
import type { ScenarioDocument } from '@homecare/scenario';
import {
  SCENARIO_DOCUMENT_EXAMPLE,
  SCENARIO_DOCUMENT_SCHEMA,
  SCENARIO_IMPORT_RESULT_SCHEMA,
} from './dto/scenario-document.schema';
import { ExportScenarioQueryDto, ImportScenarioQueryDto } from './dto/scenario-query.dto';

@ApiTags('scenarios')
@Controller('teams')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post('import')
  @ApiOperation({
    summary: 'Create a team from a homecare-scenario/v1 document',
    description:
      'Creates the team with its caregivers, availability, clients, visits and pins in one transaction. ' +
      'An invalid document answers 400 with every problem by JSON path, and nothing is written.',
  })
  @ApiBody({ schema: { ...SCENARIO_DOCUMENT_SCHEMA, example: SCENARIO_DOCUMENT_EXAMPLE } })
  @ApiCreatedResponse({ schema: SCENARIO_IMPORT_RESULT_SCHEMA })
  // The raw document: validateScenario checks it, since a DTO's whitelist would strip its extra fields.
  import(@Body() body: unknown, @Query() query: ImportScenarioQueryDto): Promise<ScenarioImportResult> {
    return this.scenarios.importScenario(body, { organisationId: query.organisationId });
  }

  @Get(':teamId/scenario')
  @ApiOperation({ summary: 'The team as a homecare-scenario/v1 document for a period of at most 92 days' })
  @ApiOkResponse({ schema: { ...SCENARIO_DOCUMENT_SCHEMA, example: SCENARIO_DOCUMENT_EXAMPLE } })
  export(
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: ExportScenarioQueryDto,
  ): Promise<ScenarioDocument> {
    return this.scenarios.exportScenario(teamId, { from: query.from, to: query.to });
  }
}
