import { Module } from '@nestjs/common';
import { AccessModule, TeamsModule } from '@homecare/core';
import { OrganisationsController, TeamsController } from './teams.controller';

@Module({
  imports: [TeamsModule, AccessModule],
  controllers: [OrganisationsController, TeamsController],
})
export class TeamsApiModule {}
