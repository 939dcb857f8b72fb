import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation, Team } from '@homecare/database';
import { TeamsService } from './teams.service';
import { WorkingTimeRulesService } from './working-time-rules.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Team])],
  providers: [TeamsService, WorkingTimeRulesService],
  exports: [TeamsService, WorkingTimeRulesService],
})
export class TeamsModule {}
