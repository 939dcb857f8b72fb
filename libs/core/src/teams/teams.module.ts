import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation, Team } from '@homecare/database';
import { TeamsService } from './teams.service';
import { WorkingTimeRulesRepository } from './working-time-rules.repository';
import { WorkingTimeRulesService } from './working-time-rules.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Team])],
  providers: [TeamsService, WorkingTimeRulesService, WorkingTimeRulesRepository],
  exports: [TeamsService, WorkingTimeRulesService],
})
export class TeamsModule {}
