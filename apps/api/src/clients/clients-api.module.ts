import { Module } from '@nestjs/common';
import { AccessModule, ClientsModule } from '@homecare/core';
import { ClientsController, TeamClientsController } from './clients.controller';

@Module({
  imports: [ClientsModule, AccessModule],
  controllers: [TeamClientsController, ClientsController],
})
export class ClientsApiModule {}
