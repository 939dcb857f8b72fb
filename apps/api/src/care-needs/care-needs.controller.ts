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
import { type CareNeedPage, CareNeedsService } from '@homecare/core/care-needs';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { CreateCareNeedDto, UpdateCareNeedDto } from './dto/care-need.dto';
import type { CareNeed } from '@homecare/database';

@ApiTags('care needs')
@Controller('clients/:clientId/care-needs')
export class ClientCareNeedsController {
  constructor(
    private readonly careNeeds: CareNeedsService,
    private readonly access: AccessService,
  ) {}

  @Post()
  @Allow('administrator', 'coordinator')
  async create(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
    @Body() body: CreateCareNeedDto,
  ): Promise<CareNeed> {
    await this.access.assertClients(user, [clientId], 'write');
    return this.careNeeds.createCareNeed(clientId, body);
  }

  @Get()
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<CareNeedPage> {
    await this.access.assertClients(user, [clientId], 'read');
    return this.careNeeds.listCareNeeds(clientId, query);
  }
}

@ApiTags('care needs')
@Controller('care-needs')
export class CareNeedsController {
  constructor(
    private readonly careNeeds: CareNeedsService,
    private readonly access: AccessService,
  ) {}

  @Get(':careNeedId')
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(
    @CurrentUser() user: Principal,
    @Param('careNeedId', ParseUUIDPipe) id: string,
  ): Promise<CareNeed> {
    await this.access.assertCareNeeds(user, [id], 'read');
    return this.careNeeds.getCareNeed(id);
  }

  /** Generated visits follow at the next generation of their period (hand-edited ones excepted). */
  @Patch(':careNeedId')
  @Allow('administrator', 'coordinator')
  async update(
    @CurrentUser() user: Principal,
    @Param('careNeedId', ParseUUIDPipe) id: string,
    @Body() body: UpdateCareNeedDto,
  ): Promise<CareNeed> {
    await this.access.assertCareNeeds(user, [id], 'write');
    return this.careNeeds.updateCareNeed(id, body);
  }

  /** Its visits stay, as one-off visits. */
  @Delete(':careNeedId')
  @Allow('administrator', 'coordinator')
  @HttpCode(204)
  async remove(
    @CurrentUser() user: Principal,
    @Param('careNeedId', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.access.assertCareNeeds(user, [id], 'write');
    await this.careNeeds.deleteCareNeed(id);
  }
}
