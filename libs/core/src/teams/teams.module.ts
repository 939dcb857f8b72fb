import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation, Team } from '@homecare/database';
import { TeamsService } from './teams.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Team])],
  providers: [TeamsService],
  exports: [TeamsService],
})
export class TeamsModule {}
