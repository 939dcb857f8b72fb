import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { TeamsModule } from '@homecare/core/teams';
import { OrganisationsController, TeamsController } from './teams.controller';

@Module({
  imports: [TeamsModule, AccessModule],
  controllers: [OrganisationsController, TeamsController],
})
export class TeamsApiModule {}
