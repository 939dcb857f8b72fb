import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AccessLogPage,
  AccessLogService,
  AccessService,
  type ClientAccessLinkList,
  ClientAccessLinksService,
  type ClientAccessLinkView,
  ClientErasureService,
  type ErasureResult,
} from '@homecare/core/access';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';

/** A client's privacy: who accessed their data, who may, and erasure on request. */
@ApiTags('clients')
@Controller('clients/:clientId')
@Allow('administrator', 'coordinator')
export class ClientPrivacyController {
  constructor(
    private readonly access: AccessService,
    private readonly accessLog: AccessLogService,
    private readonly links: ClientAccessLinksService,
    private readonly erasure: ClientErasureService,
  ) {}

  @Get('access-log')
  @ApiOperation({ summary: "Who read or changed the client's data, newest first" })
  async log(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
    @Query() query: PageQueryDto,
  ): Promise<AccessLogPage> {
    await this.access.assertClients(user, [clientId], 'write');
    return this.accessLog.list(clientId, query);
  }

  @Get('access-links')
  @ApiOperation({ summary: "The family members (and the client) who may read the client's visit plan" })
  async listLinks(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
  ): Promise<ClientAccessLinkList> {
    await this.access.assertClients(user, [clientId], 'write');
    return { items: await this.links.list(clientId) };
  }

  @Post('access-links/:linkId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Ends a family member's access to the client, from their next request on" })
  async revokeLink(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
    @Param('linkId', ParseUUIDPipe) linkId: string,
  ): Promise<ClientAccessLinkView> {
    await this.access.assertClients(user, [clientId], 'write');
    return this.links.revoke(clientId, linkId, user.userId);
  }

  @Post('erasure')
  @HttpCode(200)
  @ApiOperation({
    summary: "Erases the client's personal data on request",
    description:
      'Name, address, notes, family contacts, references and care need descriptions go, the location is rounded to about a kilometre, ' +
      'access links and pending invitations are revoked and future visits cancelled. Past visits and history counts stay, anonymous.',
  })
  async erase(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) clientId: string,
  ): Promise<ErasureResult> {
    await this.access.assertClients(user, [clientId], 'write');
    return this.erasure.erase(clientId, user.userId);
  }
}
