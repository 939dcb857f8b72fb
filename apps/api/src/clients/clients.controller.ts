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
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccessService } from '@homecare/core/access';
import {
  type ClientHistoryView,
  type ClientPage,
  ClientsService,
  type ClientWithHistory,
} from '@homecare/core/clients';
import { type Principal } from '@homecare/core/principal';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import {
  CreateClientDto,
  ListClientsQueryDto,
  ReplaceClientHistoryDto,
  UpdateClientDto,
} from './dto/client.dto';
import type { Client } from '@homecare/database';

@ApiTags('clients')
@Controller('teams/:teamId/clients')
export class TeamClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly access: AccessService,
  ) {}

  @Post()
  @Allow('administrator', 'coordinator')
  async create(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() body: CreateClientDto,
  ): Promise<Client> {
    await this.access.assertTeams(user, [teamId], 'write');
    const client = await this.clients.createClient(teamId, body);
    await this.access.logClientAccess(user, [client.id]);
    return client;
  }

  @Get()
  @Allow('administrator', 'coordinator', 'caregiver')
  async list(
    @CurrentUser() user: Principal,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: ListClientsQueryDto,
  ): Promise<ClientPage> {
    await this.access.assertTeams(user, [teamId], 'read');
    const page = await this.clients.listClients(teamId, { search: query.search }, query);
    await this.access.logClientAccess(
      user,
      page.items.map((client) => client.id),
    );
    return page;
  }
}

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly access: AccessService,
  ) {}

  /** The client with its history: per caregiver, the visits they made before. */
  @Get(':clientId')
  @Allow('administrator', 'coordinator', 'caregiver')
  async get(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) id: string,
  ): Promise<ClientWithHistory> {
    await this.access.assertClients(user, [id], 'read');
    return this.clients.getClientWithHistory(id);
  }

  @Patch(':clientId')
  @Allow('administrator', 'coordinator')
  async update(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) id: string,
    @Body() body: UpdateClientDto,
  ): Promise<Client> {
    await this.access.assertClients(user, [id], 'write');
    return this.clients.updateClient(id, body);
  }

  @Delete(':clientId')
  @Allow('administrator', 'coordinator')
  @HttpCode(204)
  async remove(@CurrentUser() user: Principal, @Param('clientId', ParseUUIDPipe) id: string): Promise<void> {
    await this.access.assertClients(user, [id], 'write');
    await this.clients.deleteClient(id);
  }

  /** Archives the client (soft delete): hours, visits and history stay; coming visits are cancelled. */
  @Post(':clientId/archive')
  @Allow('administrator', 'coordinator')
  @HttpCode(200)
  async archive(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) id: string,
  ): Promise<Client> {
    await this.access.assertClients(user, [id], 'write');
    return this.clients.archiveClient(id);
  }

  /** Replaces the imported history (who served the client before this system). */
  @Put(':clientId/history')
  @Allow('administrator', 'coordinator')
  async replaceHistory(
    @CurrentUser() user: Principal,
    @Param('clientId', ParseUUIDPipe) id: string,
    @Body() body: ReplaceClientHistoryDto,
  ): Promise<ClientHistoryView> {
    await this.access.assertClients(user, [id], 'write');
    return { history: await this.clients.replaceHistory(id, body.entries) };
  }
}
