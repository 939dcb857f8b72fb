import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { ClientsModule } from '@homecare/core/clients';
import { ClientsController, TeamClientsController } from './clients.controller';

@Module({
  imports: [ClientsModule, AccessModule],
  controllers: [TeamClientsController, ClientsController],
})
export class ClientsApiModule {}
