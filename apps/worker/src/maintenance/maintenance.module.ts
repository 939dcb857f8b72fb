import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PayrollModule } from '@homecare/core/payroll';
import { TeamsModule } from '@homecare/core/teams';
import { VisitsModule } from '@homecare/core/visits';
import { MAINTENANCE_QUEUE } from '@homecare/jobs';
import { MaintenanceProcessor } from './maintenance.processor';

const ROLL_FORWARD_DAYS = 28;
/** How often pay periods that ended are looked for; the first look is at start-up. */
const PAY_PERIODS_EVERY_MS = 60 * 60_000;

@Module({
  imports: [BullModule.registerQueue({ name: MAINTENANCE_QUEUE }), TeamsModule, VisitsModule, PayrollModule],
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
    // An interval (not a time of day): BullMQ runs its first job at once, so a period that ended
    // while no worker ran is told of as soon as one starts.
    await this.queue.upsertJobScheduler(
      'tell-pay-periods-ready',
      { every: PAY_PERIODS_EVERY_MS },
      { name: 'tell-pay-periods-ready', data: {} },
    );
  }
}
