import { Module } from '@nestjs/common';
import { ClientsModule } from '@homecare/core';
import { ClientsController, TeamClientsController } from './clients.controller';

@Module({
  imports: [ClientsModule],
  controllers: [TeamClientsController, ClientsController],
})
export class ClientsApiModule {}
