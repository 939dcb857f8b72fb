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
import { ClientsService } from '@homecare/core';
import {
  CreateClientDto,
  ListClientsQueryDto,
  ReplaceClientHistoryDto,
  UpdateClientDto,
} from './dto/client.dto';

@ApiTags('clients')
@Controller('teams/:teamId/clients')
export class TeamClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  create(@Param('teamId', ParseUUIDPipe) teamId: string, @Body() body: CreateClientDto) {
    return this.clients.createClient(teamId, body);
  }

  @Get()
  list(@Param('teamId', ParseUUIDPipe) teamId: string, @Query() query: ListClientsQueryDto) {
    return this.clients.listClients(teamId, { search: query.search }, query);
  }
}

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  /** The client with its history: per caregiver, the visits they made before. */
  @Get(':clientId')
  get(@Param('clientId', ParseUUIDPipe) id: string) {
    return this.clients.getClientWithHistory(id);
  }

  @Patch(':clientId')
  update(@Param('clientId', ParseUUIDPipe) id: string, @Body() body: UpdateClientDto) {
    return this.clients.updateClient(id, body);
  }

  @Delete(':clientId')
  @HttpCode(204)
  async remove(@Param('clientId', ParseUUIDPipe) id: string): Promise<void> {
    await this.clients.deleteClient(id);
  }

  /** Replaces the imported history (who served the client before this system). */
  @Put(':clientId/history')
  async replaceHistory(@Param('clientId', ParseUUIDPipe) id: string, @Body() body: ReplaceClientHistoryDto) {
    return { history: await this.clients.replaceHistory(id, body.entries) };
  }
}
