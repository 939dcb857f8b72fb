import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MyDayService, type MyDayView, type RunningLateView } from '@homecare/core/my-day';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { MyDayQueryDto, RunningLateDto } from './dto/my-day.dto';

/** A caregiver's day on their phone: their own visits only, as themselves. */
@ApiTags('my day')
@Controller()
export class MyDayController {
  constructor(private readonly myDay: MyDayService) {}

  @Get('users/me/day')
  @Allow('caregiver')
  @ApiOperation({
    summary: "The signed-in caregiver's published visits of a day, in order",
    description:
      "Today in the team's zone by default. Each visit with the client's name and address, what to do " +
      '(the care need), the colleagues on the same visit, the travel to the next visit and the ' +
      "caregiver's own check-in. Every client shown is logged as read.",
  })
  day(@CurrentUser() user: Principal, @Query() query: MyDayQueryDto): Promise<MyDayView> {
    return this.myDay.day(user, query.date);
  }

  @Post('visits/:visitId/running-late')
  @Allow('caregiver')
  @HttpCode(200)
  @ApiOperation({
    summary: "I'm running late: tells the client's family and the team",
    description:
      'Only the caregiver assigned to the visit in the published roster. A second message for the same ' +
      'visit replaces an unread first one.',
  })
  runningLate(
    @CurrentUser() user: Principal,
    @Param('visitId', ParseUUIDPipe) visitId: string,
    @Body() body: RunningLateDto,
  ): Promise<RunningLateView> {
    return this.myDay.runningLate(user, visitId, body.minutes);
  }
}
