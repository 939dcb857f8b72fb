import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Outbox, Roster, RosterAssignment, RosterRun, Team } from '@homecare/database';
import { ScenariosModule } from '../scenarios';
import { LostJobRepair } from './lost-job-repair';
import { LostJobRepository } from './lost-job.repository';
import { OutboxRelay } from './outbox-relay';
import { RosterQueue } from './roster-queue';
import { RosterRunsService } from './roster-runs.service';
import { RosterComputationRepository } from './roster-computation.repository';
import { RosterComputationService } from './roster-computation.service';
import { RostersService } from './rosters.service';

/**
 * Roster computations: requests (API), their outbox relay and lost-job repair (API and worker)
 * and the storage of proposals (worker). Needs RedisModule for the fast reachability check.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Roster, RosterAssignment, RosterRun, Outbox, Team]), ScenariosModule],
  providers: [
    RosterQueue,
    OutboxRelay,
    LostJobRepository,
    LostJobRepair,
    RostersService,
    RosterRunsService,
    RosterComputationRepository,
    RosterComputationService,
  ],
  exports: [
    RosterQueue,
    OutboxRelay,
    LostJobRepair,
    RostersService,
    RosterRunsService,
    RosterComputationService,
  ],
})
export class RostersModule {}
