import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PlanningModule } from '@homecare/core/planning';
import { PLANNING_QUEUE, type PrepareRollingWeeksJob } from '@homecare/jobs';
import { PlanningProcessor } from './planning.processor';

/** Hourly, a few minutes past: reviews open at the start of a local day, in any zone's offset. */
const EVERY_HOUR = '5 * * * *';

@Module({
  imports: [BullModule.registerQueue({ name: PLANNING_QUEUE }), PlanningModule],
  providers: [PlanningProcessor],
})
export class PlanningWorkerModule implements OnApplicationBootstrap {
  constructor(@InjectQueue(PLANNING_QUEUE) private readonly queue: Queue) {}

  /** One schedule for all workers: upserting the same scheduler id never creates a second one. */
  async onApplicationBootstrap(): Promise<void> {
    const job: PrepareRollingWeeksJob = { name: 'prepare-rolling-weeks', data: {} };
    await this.queue.upsertJobScheduler('prepare-rolling-weeks', { pattern: EVERY_HOUR }, job);
  }
}
