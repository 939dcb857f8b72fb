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
import { CareNeedsService } from '@homecare/core';
import { PageQueryDto } from '../http/page-query.dto';
import { CreateCareNeedDto, UpdateCareNeedDto } from './dto/care-need.dto';

@ApiTags('care needs')
@Controller('clients/:clientId/care-needs')
export class ClientCareNeedsController {
  constructor(private readonly careNeeds: CareNeedsService) {}

  @Post()
  create(@Param('clientId', ParseUUIDPipe) clientId: string, @Body() body: CreateCareNeedDto) {
    return this.careNeeds.createCareNeed(clientId, body);
  }

  @Get()
  list(@Param('clientId', ParseUUIDPipe) clientId: string, @Query() query: PageQueryDto) {
    return this.careNeeds.listCareNeeds(clientId, query);
  }
}

@ApiTags('care needs')
@Controller('care-needs')
export class CareNeedsController {
  constructor(private readonly careNeeds: CareNeedsService) {}

  @Get(':careNeedId')
  get(@Param('careNeedId', ParseUUIDPipe) id: string) {
    return this.careNeeds.getCareNeed(id);
  }

  /** Generated visits follow at the next generation of their period (hand-edited ones excepted). */
  @Patch(':careNeedId')
  update(@Param('careNeedId', ParseUUIDPipe) id: string, @Body() body: UpdateCareNeedDto) {
    return this.careNeeds.updateCareNeed(id, body);
  }

  /** Its visits stay, as one-off visits. */
  @Delete(':careNeedId')
  @HttpCode(204)
  async remove(@Param('careNeedId', ParseUUIDPipe) id: string): Promise<void> {
    await this.careNeeds.deleteCareNeed(id);
  }
}
