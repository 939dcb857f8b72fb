import { Processor } from '@nestjs/bullmq';
import { MeasuredWorkerHost } from '../metrics/measured-worker-host';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock } from '@homecare/common';
import { addDays, localDateOf } from '@homecare/scenario';
import { PayPeriodNotices } from '@homecare/core/payroll';
import { TeamsService } from '@homecare/core/teams';
import { VisitsService } from '@homecare/core/visits';
import { MAINTENANCE_QUEUE, type JobData, type MaintenanceJob } from '@homecare/jobs';

const TEAMS_PER_PAGE = 100;

/**
 * Keeps every team's visits generated for the coming weeks. Generation is idempotent (unique key
 * per care need and date), so a job delivered twice or retried after a crash does no harm.
 */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends MeasuredWorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly teams: TeamsService,
    private readonly visits: VisitsService,
    private readonly clock: Clock,
    private readonly payPeriodNotices: PayPeriodNotices,
  ) {
    super();
  }

  async process(job: Job<MaintenanceJob['data'], unknown, MaintenanceJob['name']>): Promise<unknown> {
    switch (job.name) {
      case 'generate-visits': {
        const { teamId, from, to } = job.data as JobData<MaintenanceJob, 'generate-visits'>;
        return this.visits.generateVisits(teamId, { from, to });
      }
      case 'roll-visits-forward': {
        const { days } = job.data as JobData<MaintenanceJob, 'roll-visits-forward'>;
        // From today in each team's own zone (a team in New York is a day behind at 01:00 UTC).
        const nowMinutes = this.clock.nowMs() / 60_000;
        let generatedTeams = 0;
        for (let offset = 0; ; offset += TEAMS_PER_PAGE) {
          const page = await this.teams.listTeams({}, { limit: TEAMS_PER_PAGE, offset });
          for (const team of page.items) {
            const from = localDateOf(nowMinutes, team.timezone);
            await this.visits.generateVisits(team.id, { from, to: addDays(from, days - 1) });
            generatedTeams += 1;
          }
          await job.updateProgress(
            Math.round((100 * Math.min(offset + TEAMS_PER_PAGE, page.total)) / Math.max(1, page.total)),
          );
          if (offset + TEAMS_PER_PAGE >= page.total) break;
        }
        this.logger.log(`visits generated for ${days} days from today for ${generatedTeams} teams`);
        // Each team started from its own local today; the job records the instant it went by.
        return { teams: generatedTeams, asOf: new Date(nowMinutes * 60_000).toISOString(), days };
      }
      case 'tell-pay-periods-ready': {
        // Told once per period and coordinator: running again (or redelivered) repeats nothing.
        return this.payPeriodNotices.tellEndedPeriods();
      }
      default:
        throw new Error(`unknown maintenance job ${String(job.name)}`);
    }
  }
}
