import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import { ClientContinuityView, ContinuityService } from '@homecare/core/continuity';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';

@ApiTags('clients')
@Controller('clients')
export class ClientContinuityController {
  constructor(
    private readonly continuity: ContinuityService,
    private readonly access: AccessService,
  ) {}

  /**
   * Who knows this client: per caregiver, their published and checked-in visits of the window, the
   * last one, and what the next roster's history carries for them; and how many different
   * caregivers came in the last 4 weeks. Read as the client is read (and logged).
   */
  @Get(':clientId/continuity')
  @Allow('administrator', 'coordinator', 'caregiver')
  @ApiOkResponse({ type: ClientContinuityView })
  async get(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) id: string,
  ): Promise<ClientContinuityView> {
    await this.access.assertClients(user, [id], 'read');
    return this.continuity.clientContinuity(id);
  }
}
