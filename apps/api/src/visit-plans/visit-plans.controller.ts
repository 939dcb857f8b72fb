import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Principal } from '@homecare/core/principal';
import { type VisitPlan, VisitPlansService } from '@homecare/core/visit-plans';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { VisitPlanQueryDto } from './dto/visit-plan-query.dto';

@ApiTags('visit plans')
@Controller('clients/:clientId/visit-plan')
export class VisitPlansController {
  constructor(private readonly visitPlans: VisitPlansService) {}

  @Get()
  @Allow('administrator', 'coordinator', 'caregiver', 'family')
  @ApiOperation({
    summary:
      "A client's published visits: when, who (first names), status, and what changed since the last look",
    description:
      "For the client and their linked family, the organisation's coordinators and the team's caregivers. " +
      "Today and the next 13 days in the team's zone by default, at most 31 days. Only published visits; " +
      'of a caregiver only the first name. Each read is remembered: the next one notes what changed since.',
  })
  async plan(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
    @Query() query: VisitPlanQueryDto,
  ): Promise<VisitPlan> {
    // 404 for a client the caller may not see (another family's): the plan checks access, logs
    // the read and reads in one statement, a family's app looks so often.
    return this.visitPlans.plan(user, clientId, query);
  }
}
