import type { Job } from 'bullmq';
import { FixedClock } from '@homecare/common';
import type { PayPeriodNotices } from '@homecare/core/payroll';
import type { TeamsService } from '@homecare/core/teams';
import type { VisitsService } from '@homecare/core/visits';
import type { MaintenanceProcessor as Processor } from './maintenance.processor';

// Rolling visits forward starts from today in each team's own zone: at 01:00 UTC on a Monday it
// is already Monday in Amsterdam and still Sunday in New York (the worker once used the UTC date).
describe('MaintenanceProcessor: roll-visits-forward', () => {
  let MaintenanceProcessor: typeof Processor;
  beforeAll(async () => {
    // The shared Nest modules validate the environment as they load; no server is contacted here.
    process.env.DATABASE_URL ??= 'postgres://unit:unit@127.0.0.1:9/unit';
    process.env.REDIS_URL ??= 'redis://127.0.0.1:9';
    ({ MaintenanceProcessor } = await import('./maintenance.processor'));
  });

  it("generates each team's visits from its own local today", async () => {
    const teams = [
      { id: 'amsterdam', timezone: 'Europe/Amsterdam' },
      { id: 'new-york', timezone: 'America/New_York' },
      { id: 'auckland', timezone: 'Pacific/Auckland' },
    ];
    const generated: { teamId: string; from: string; to: string }[] = [];
    const processor = new MaintenanceProcessor(
      {
        listTeams: async () => ({ items: teams, total: teams.length }),
      } as unknown as TeamsService,
      {
        generateVisits: async (teamId: string, range: { from: string; to: string }) => {
          generated.push({ teamId, ...range });
          return { created: 0 };
        },
      } as unknown as VisitsService,
      new FixedClock(new Date('2026-12-07T01:00:00Z')),
      {} as PayPeriodNotices,
    );
    const job = { name: 'roll-visits-forward', data: { days: 14 }, updateProgress: async () => undefined };

    await processor.process(job as unknown as Job<never, unknown, never>);

    expect(generated).toEqual([
      { teamId: 'amsterdam', from: '2026-12-07', to: '2026-12-20' },
      { teamId: 'new-york', from: '2026-12-06', to: '2026-12-19' },
      { teamId: 'auckland', from: '2026-12-07', to: '2026-12-20' },
    ]);
  });
});
