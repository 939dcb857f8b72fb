import { Module } from '@nestjs/common';
import { NegotiationModule } from '@homecare/core/negotiation';
import { RedisModule } from '@homecare/core/redis';
import { RostersModule } from '@homecare/core/rosters';
import { RosterProcessor } from './roster.processor';
import { RosterWorker } from './roster-worker.service';

/** Roster jobs: the processor, its BullMQ worker, and (through RostersModule) an outbox relay. */
@Module({
  imports: [RedisModule, RostersModule, NegotiationModule],
  providers: [RosterProcessor, RosterWorker],
})
export class RostersWorkerModule {}
