import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Outbox, Roster, RosterAssignment, RosterRun, Team } from '@homecare/database';
import { ScenariosModule } from '../scenarios';
import { OutboxRelay } from './outbox-relay';
import { RosterQueue } from './roster-queue';
import { RostersService } from './rosters.service';

/**
 * Roster computations: requests (API), their outbox relay (API and worker) and the storage of
 * proposals (worker). Needs RedisModule for the fast reachability check.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Roster, RosterAssignment, RosterRun, Outbox, Team]), ScenariosModule],
  providers: [RosterQueue, OutboxRelay, RostersService],
  exports: [RosterQueue, OutboxRelay, RostersService],
})
export class RostersModule {}
