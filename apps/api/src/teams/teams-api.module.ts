import { Module } from '@nestjs/common';
import { TeamsModule } from '@homecare/core';
import { OrganisationsController, TeamsController } from './teams.controller';

@Module({
  imports: [TeamsModule],
  controllers: [OrganisationsController, TeamsController],
})
export class TeamsApiModule {}
