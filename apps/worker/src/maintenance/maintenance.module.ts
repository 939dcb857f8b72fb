import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { TeamsModule } from '@homecare/core/teams';
import { VisitsModule } from '@homecare/core/visits';
import { MAINTENANCE_QUEUE } from '@homecare/jobs';
import { MaintenanceProcessor } from './maintenance.processor';

const ROLL_FORWARD_DAYS = 28;

@Module({
  imports: [BullModule.registerQueue({ name: MAINTENANCE_QUEUE }), TeamsModule, VisitsModule],
  providers: [MaintenanceProcessor],
})
export class MaintenanceModule implements OnApplicationBootstrap {
  constructor(@InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue) {}

  /** One schedule for all workers: upserting the same scheduler id never creates a second one. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'roll-visits-forward',
      { pattern: '15 2 * * *' },
      { name: 'roll-visits-forward', data: { days: ROLL_FORWARD_DAYS } },
    );
  }
}
