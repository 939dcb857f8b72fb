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
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import { type CaregiverPage, CaregiversService } from '@homecare/core/caregivers';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { CreateCaregiverDto, ListCaregiversQueryDto, UpdateCaregiverDto } from './dto/caregiver.dto';
import type { Caregiver } from '@homecare/database';

@ApiTags('caregivers')
@Controller()
export class CaregiversController {
  constructor(
    private readonly caregivers: CaregiversService,
    private readonly access: AccessService,
  ) {}

  @Post('teams/:teamId/caregivers')
  @Allow('administrator', 'coordinator')
  async create(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: CreateCaregiverDto,
  ): Promise<Caregiver> {
    await this.access.assertTeams(user, [teamId], 'write');
    return this.caregivers.createCaregiver(teamId, body);
  }

  @Get('teams/:teamId/caregivers')
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: ListCaregiversQueryDto,
  ): Promise<CaregiverPage> {
    await this.access.assertTeams(user, [teamId], 'read');
    return this.caregivers.listCaregivers(
      teamId,
      { active: query.active, skill: query.skill },
      { limit: query.limit, offset: query.offset },
    );
  }

  @Get('caregivers/:caregiverId')
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
  ): Promise<Caregiver> {
    await this.access.assertCaregivers(user, [caregiverId], 'read');
    return this.caregivers.getCaregiver(caregiverId);
  }

  @Patch('caregivers/:caregiverId')
  @Allow('administrator', 'coordinator')
  async update(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Body() body: UpdateCaregiverDto,
  ): Promise<Caregiver> {
    await this.access.assertCaregivers(user, [caregiverId], 'write');
    return this.caregivers.updateCaregiver(caregiverId, body);
  }

  @Delete('caregivers/:caregiverId')
  @Allow('administrator', 'coordinator')
  @HttpCode(204)
  @ApiConflictResponse({
    description:
      'The caregiver is pinned to a visit, or has worked hours of a pay period not locked; deactivate them instead.',
  })
  async remove(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
  ): Promise<void> {
    await this.access.assertCaregivers(user, [caregiverId], 'write');
    await this.caregivers.deleteCaregiver(caregiverId);
  }
}
