import { Module } from '@nestjs/common';
import { NegotiationModule, RedisModule, RostersModule } from '@homecare/core';
import { RosterProcessor } from './roster.processor';
import { RosterWorker } from './roster-worker.service';

/** Roster jobs: the processor, its BullMQ worker, and (through RostersModule) an outbox relay. */
@Module({
  imports: [RedisModule, RostersModule, NegotiationModule],
  providers: [RosterProcessor, RosterWorker],
})
export class RostersWorkerModule {}
