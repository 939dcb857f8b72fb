import { Processor } from '@nestjs/bullmq';
import { MeasuredWorkerHost } from '../metrics/measured-worker-host';
import type { Job } from 'bullmq';
import { RollingPlanner, type RollingTick } from '@homecare/core/planning';
import { PLANNING_QUEUE, type PlanningJob } from '@homecare/jobs';

/** Rolling planning's hourly tick; every step of it is safe to repeat (see RollingPlanner). */
@Processor(PLANNING_QUEUE)
export class PlanningProcessor extends MeasuredWorkerHost {
  constructor(private readonly planner: RollingPlanner) {
    super();
  }

  async process(job: Job<PlanningJob['data'], unknown, PlanningJob['name']>): Promise<RollingTick> {
    switch (job.name) {
      case 'prepare-rolling-weeks':
        // Ids and dates only in the result, which stays in Redis for a while.
        return this.planner.tick();
      default:
        throw new Error(`unknown planning job ${String(job.name)}`);
    }
  }
}
