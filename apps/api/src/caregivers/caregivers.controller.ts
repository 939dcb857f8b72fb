import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CaregiversService } from '@homecare/core';
import { CreateCaregiverDto, ListCaregiversQueryDto, UpdateCaregiverDto } from './dto/caregiver.dto';

@ApiTags('caregivers')
@Controller()
export class CaregiversController {
  constructor(private readonly caregivers: CaregiversService) {}

  @Post('teams/:teamId/caregivers')
  create(@Param('teamId', ParseUUIDPipe) teamId: string, @Body() body: CreateCaregiverDto) {
    return this.caregivers.createCaregiver(teamId, body);
  }

  @Get('teams/:teamId/caregivers')
  list(@Param('teamId', ParseUUIDPipe) teamId: string, @Query() query: ListCaregiversQueryDto) {
    return this.caregivers.listCaregivers(teamId, { active: query.active, skill: query.skill }, { limit: query.limit, offset: query.offset });
  }

  @Get('caregivers/:caregiverId')
  get(@Param('caregiverId', ParseUUIDPipe) caregiverId: string) {
    return this.caregivers.getCaregiver(caregiverId);
  }

  @Patch('caregivers/:caregiverId')
  update(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Body() body: UpdateCaregiverDto) {
    return this.caregivers.updateCaregiver(caregiverId, body);
  }

  @Delete('caregivers/:caregiverId')
  @HttpCode(204)
  @ApiConflictResponse({ description: 'The caregiver is pinned to a visit; deactivate them instead.' })
  async remove(@Param('caregiverId', ParseUUIDPipe) caregiverId: string): Promise<void> {
    await this.caregivers.deleteCaregiver(caregiverId);
  }
}
