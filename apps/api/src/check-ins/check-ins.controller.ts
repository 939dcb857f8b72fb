import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CheckInsService, type CheckInView } from '@homecare/core/check-ins';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { CheckInDto, CorrectionDto } from './dto/check-in.dto';

/** Actual hours. Only the caregiver assigned in the published roster checks in, as themselves. */
@ApiTags('check-ins')
@Controller()
export class CheckInsController {
  constructor(private readonly checkIns: CheckInsService) {}

  @Post('visits/:visitId/check-in')
  @Allow('caregiver')
  async checkIn(
    @CurrentUser() user: Principal,
    @Param('visitId', ParseUUIDPipe) visitId: string,
    @Body() body: CheckInDto,
  ): Promise<CheckInView> {
    return this.checkIns.checkIn(user, visitId, body);
  }

  @Post('visits/:visitId/check-out')
  @Allow('caregiver')
  @HttpCode(200)
  async checkOut(
    @CurrentUser() user: Principal,
    @Param('visitId', ParseUUIDPipe) visitId: string,
    @Body() body: CheckInDto,
  ): Promise<CheckInView> {
    return this.checkIns.checkOut(user, visitId, body);
  }

  /**
   * A corrected time with its reason, by the caregiver themselves or a coordinator; the original
   * stays. Work of a locked pay period is never edited: it becomes an adjustment of the next open one.
   */
  @Post('check-ins/:checkInId/corrections')
  @Allow('administrator', 'coordinator', 'caregiver')
  async correct(
    @CurrentUser() user: Principal,
    @Param('checkInId', ParseUUIDPipe) checkInId: string,
    @Body() body: CorrectionDto,
  ): Promise<CheckInView> {
    return this.checkIns.correct(user, checkInId, body);
  }
}
