import type { PlanAgreement, PlanComputationsService, PlanNotifications } from '@homecare/core/negotiation';
import type { RollingPlanner } from '@homecare/core/planning';
import type { RosterRunsService, RosterComputationService } from '@homecare/core/rosters';
import type { RosterJobOf, RosterProcessor as Processor } from './roster.processor';

/** The part of a BullMQ job that recordGivenUp reads. */
function job(name: string, data: object, attemptsMade: number, attempts = 5): RosterJobOf {
  return { name, data, attemptsMade, opts: { attempts } } as unknown as RosterJobOf;
}

describe('RosterProcessor.recordGivenUp', () => {
  const markFailed = jest.fn<Promise<void>, [string, string]>();
  const rosterForRun = jest.fn();
  let processor: Processor;

  beforeAll(async () => {
    // The shared Nest modules validate the environment as they load; no server is contacted here.
    process.env.DATABASE_URL ??= 'postgres://unit:unit@127.0.0.1:9/unit';
    process.env.REDIS_URL ??= 'redis://127.0.0.1:9';
    const { RosterProcessor } = await import('./roster.processor');
    processor = new RosterProcessor(
      { markFailed } as unknown as RosterComputationService,
      { rosterForRun } as unknown as RosterRunsService,
      {} as PlanComputationsService,
      {} as PlanAgreement,
      {} as PlanNotifications,
      {} as RollingPlanner,
    );
  });

  beforeEach(() => {
    markFailed.mockReset().mockResolvedValue(undefined);
    rosterForRun.mockReset();
  });

  it('marks the roster failed when BullMQ gives up on a job that stalled too often', async () => {
    const stalled = new Error('job stalled more than allowable limit');
    await processor.recordGivenUp(job('compute-roster', { rosterId: 'r-1' }, 1), stalled);
    expect(markFailed).toHaveBeenCalledWith('r-1', 'job stalled more than allowable limit');
  });

  it('marks it failed after the last attempt, and finds the roster of an organisation run', async () => {
    rosterForRun.mockResolvedValue({ id: 'r-2' });
    await processor.recordGivenUp(
      job('compute-team-roster', { runId: 'run', teamId: 'team' }, 5),
      new Error('database down'),
    );
    expect(rosterForRun).toHaveBeenCalledWith('run', 'team');
    expect(markFailed).toHaveBeenCalledWith('r-2', 'database down');
  });

  it('leaves a job that will be retried, and jobs that are not computations, alone', async () => {
    await processor.recordGivenUp(
      job('compute-roster', { rosterId: 'r-3' }, 2),
      new Error('connection reset'),
    );
    await processor.recordGivenUp(
      job('close-review', { planId: 'p' }, 5),
      new Error('stalled more than allowable limit'),
    );
    await processor.recordGivenUp(undefined, new Error('stalled more than allowable limit'));
    expect(markFailed).not.toHaveBeenCalled();
  });
});
