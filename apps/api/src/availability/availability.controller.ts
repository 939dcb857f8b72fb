import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import {
  AvailabilityService,
  type CaregiverAvailabilityView,
  type CaregiverWishesView,
  type ExceptionPage,
  type ExceptionView,
  type PatternView,
  type TeamAvailabilityView,
  type WindowPage,
  type WindowView,
  WishesService,
} from '@homecare/core/availability';
import { type Principal } from '@homecare/core/principal';
import { PlanAvailabilityFlags } from '@homecare/core/negotiation';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import {
  CreateExceptionDto,
  DateRangeQueryDto,
  OptionalDateRangeQueryDto,
  PagedDateRangeQueryDto,
  ReplacePatternDto,
  ReplaceWishesDto,
  TimeSpanDto,
} from './dto/availability.dto';

const page = (query: { limit: number; offset: number }) => ({ limit: query.limit, offset: query.offset });

/**
 * Everyone of a team reads its availability; a caregiver changes only their own (AccessService).
 * A change commits together with the flags it causes on the team's plans (changeAvailability).
 */
@ApiTags('availability')
@Controller()
@Allow('administrator', 'coordinator', 'caregiver')
export class AvailabilityController {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly access: AccessService,
    private readonly planFlags: PlanAvailabilityFlags,
    private readonly wishes: WishesService,
  ) {}

  /** When the caregiver would rather not work (`avoid`) or would rather work (`prefer`). */
  @Get('caregivers/:caregiverId/availability/wishes')
  async getWishes(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
  ): Promise<CaregiverWishesView> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'read');
    return this.wishes.getWishes(caregiverId);
  }

  /** Replaces all of the caregiver's wishes; only the caregiver themself or a coordinator. */
  @Put('caregivers/:caregiverId/availability/wishes')
  async replaceWishes(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Body() body: ReplaceWishesDto,
  ): Promise<CaregiverWishesView> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'write');
    return this.wishes.replaceWishes(caregiverId, body.wishes);
  }

  @Post('caregivers/:caregiverId/availability/windows')
  async addWindow(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Body() body: TimeSpanDto,
  ): Promise<WindowView> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'write');
    return this.planFlags.changeAvailability(caregiverId, user.userId, (manager) =>
      this.availability.addWindow(caregiverId, body, manager),
    );
  }

  @Get('caregivers/:caregiverId/availability/windows')
  async listWindows(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Query() query: OptionalDateRangeQueryDto,
  ): Promise<WindowPage> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'read');
    return this.availability.listWindows(caregiverId, { from: query.from, to: query.to }, page(query));
  }

  @Delete('caregivers/:caregiverId/availability/windows/:windowId')
  @HttpCode(204)
  async removeWindow(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Param('windowId', ParseUUIDPipe) windowId: string,
  ): Promise<void> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'write');
    await this.planFlags.changeAvailability(caregiverId, user.userId, (manager) =>
      this.availability.deleteWindow(caregiverId, windowId, manager),
    );
  }

  @Get('caregivers/:caregiverId/availability/pattern')
  async getPattern(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
  ): Promise<PatternView> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'read');
    return this.availability.getPattern(caregiverId);
  }

  /** Replaces the whole weekly pattern at once. */
  @Put('caregivers/:caregiverId/availability/pattern')
  async replacePattern(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Body() body: ReplacePatternDto,
  ): Promise<PatternView> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'write');
    return this.planFlags.changeAvailability(caregiverId, user.userId, (manager) =>
      this.availability.replacePattern(caregiverId, body, manager),
    );
  }

  @Post('caregivers/:caregiverId/availability/exceptions')
  async addException(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Body() body: CreateExceptionDto,
  ): Promise<ExceptionView> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'write');
    return this.planFlags.changeAvailability(caregiverId, user.userId, (manager) =>
      this.availability.addException(caregiverId, body, manager),
    );
  }

  @Get('caregivers/:caregiverId/availability/exceptions')
  async listExceptions(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Query() query: OptionalDateRangeQueryDto,
  ): Promise<ExceptionPage> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'read');
    return this.availability.listExceptions(caregiverId, { from: query.from, to: query.to }, page(query));
  }

  @Delete('caregivers/:caregiverId/availability/exceptions/:exceptionId')
  @HttpCode(204)
  async removeException(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Param('exceptionId', ParseUUIDPipe) exceptionId: string,
  ): Promise<void> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'write');
    await this.planFlags.changeAvailability(caregiverId, user.userId, (manager) =>
      this.availability.deleteException(caregiverId, exceptionId, manager),
    );
  }

  /** Pattern, dated windows and exceptions combined into the windows of each day (at most 92 days). */
  @Get('caregivers/:caregiverId/availability')
  async expanded(
    @CurrentUser() user: Principal,
    @Param('caregiverId', ParseUUIDPipe) caregiverId: string,
    @Query() query: DateRangeQueryDto,
  ): Promise<CaregiverAvailabilityView> {
    await this.access.assertAvailabilityOf(user, caregiverId, 'read');
    return this.availability.caregiverAvailability(caregiverId, { from: query.from, to: query.to });
  }

  /** The same for every active caregiver of the team, a page of caregivers at a time. */
  @Get('teams/:teamId/availability')
  async team(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: PagedDateRangeQueryDto,
  ): Promise<TeamAvailabilityView> {
    await this.access.assertTeams(user, [teamId], 'read');
    return this.availability.teamAvailability(teamId, { from: query.from, to: query.to }, page(query));
  }
}
