import { Module } from '@nestjs/common';
import { NegotiationModule } from '@homecare/core/negotiation';
import { PlanningModule } from '@homecare/core/planning';
import { RedisModule } from '@homecare/core/redis';
import { RostersModule } from '@homecare/core/rosters';
import { RosterProcessor } from './roster.processor';
import { RosterWorker } from './roster-worker.service';

/**
 * Roster jobs: the processor, its BullMQ worker, and (through RostersModule) an outbox relay;
 * planning to open the review of a plan the rolling schedule prepared once it is proposed.
 */
@Module({
  imports: [RedisModule, RostersModule, NegotiationModule, PlanningModule],
  providers: [RosterProcessor, RosterWorker],
})
export class RostersWorkerModule {}
