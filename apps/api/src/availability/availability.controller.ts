import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AvailabilityService } from '@homecare/core';
import { CreateExceptionDto, DateRangeQueryDto, OptionalDateRangeQueryDto, PagedDateRangeQueryDto, ReplacePatternDto, TimeSpanDto } from './dto/availability.dto';

const page = (query: { limit: number; offset: number }) => ({ limit: query.limit, offset: query.offset });

@ApiTags('availability')
@Controller()
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Post('caregivers/:caregiverId/availability/windows')
  addWindow(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Body() body: TimeSpanDto) {
    return this.availability.addWindow(caregiverId, body);
  }

  @Get('caregivers/:caregiverId/availability/windows')
  listWindows(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Query() query: OptionalDateRangeQueryDto) {
    return this.availability.listWindows(caregiverId, { from: query.from, to: query.to }, page(query));
  }

  @Delete('caregivers/:caregiverId/availability/windows/:windowId')
  @HttpCode(204)
  async removeWindow(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Param('windowId', ParseUUIDPipe) windowId: string): Promise<void> {
    await this.availability.deleteWindow(caregiverId, windowId);
  }

  @Get('caregivers/:caregiverId/availability/pattern')
  getPattern(@Param('caregiverId', ParseUUIDPipe) caregiverId: string) {
    return this.availability.getPattern(caregiverId);
  }

  /** Replaces the whole weekly pattern at once. */
  @Put('caregivers/:caregiverId/availability/pattern')
  replacePattern(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Body() body: ReplacePatternDto) {
    return this.availability.replacePattern(caregiverId, body);
  }

  @Post('caregivers/:caregiverId/availability/exceptions')
  addException(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Body() body: CreateExceptionDto) {
    return this.availability.addException(caregiverId, body);
  }

  @Get('caregivers/:caregiverId/availability/exceptions')
  listExceptions(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Query() query: OptionalDateRangeQueryDto) {
    return this.availability.listExceptions(caregiverId, { from: query.from, to: query.to }, page(query));
  }

  @Delete('caregivers/:caregiverId/availability/exceptions/:exceptionId')
  @HttpCode(204)
  async removeException(
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Param('exceptionId', ParseUUIDPipe) exceptionId: string,
  ): Promise<void> {
    await this.availability.deleteException(caregiverId, exceptionId);
  }

  /** Pattern, dated windows and exceptions combined into the windows of each day (at most 92 days). */
  @Get('caregivers/:caregiverId/availability')
  expanded(@Param('caregiverId', ParseUUIDPipe) caregiverId: string, @Query() query: DateRangeQueryDto) {
    return this.availability.caregiverAvailability(caregiverId, { from: query.from, to: query.to });
  }

  /** The same for every active caregiver of the team, a page of caregivers at a time. */
  @Get('teams/:teamId/availability')
  team(@Param('teamId', ParseUUIDPipe) teamId: string, @Query() query: PagedDateRangeQueryDto) {
    return this.availability.teamAvailability(teamId, { from: query.from, to: query.to }, page(query));
  }
}
