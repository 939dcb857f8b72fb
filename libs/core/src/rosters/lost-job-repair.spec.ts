import type { ConfigService } from '@nestjs/config';
import { FixedClock, type AppConfig } from '@homecare/common';
import type { LostJobRepository, PendingRoster } from './lost-job.repository';
import type { OutboxRelay } from './outbox-relay';
import type { RosterQueue } from './roster-queue';
import { LostJobRepair } from './lost-job-repair';

const LIMIT = 2;

/** A repair against fakes: one pending roster, and Redis holding `job` (or nothing). */
function repairWith(options: {
  roster?: PendingRoster;
  awaitsDispatch?: boolean;
  job?: { data: unknown; name: string; state: string } | 'redis-away';
}) {
  const calls: string[] = [];
  const repository = {
    inTransaction: (work: (manager: unknown) => Promise<unknown>) => work({}),
    lockPending: async () => options.roster,
    awaitsDispatch: async () => options.awaitsDispatch ?? false,
    sendAgain: async (_manager: unknown, roster: PendingRoster) => void calls.push(`send-again ${roster.id}`),
    giveUp: async (_manager: unknown, rosterId: string, reason: string) =>
      void calls.push(`give-up ${rosterId}: ${reason}`),
  } as unknown as LostJobRepository;
  const queue = {
    getJob: async () => {
      if (options.job === 'redis-away') throw new Error('Connection is closed.');
      const job = options.job;
      return job && { data: job.data, name: job.name, getState: async () => job.state };
    },
    remove: async (jobId: string) => void calls.push(`remove ${jobId}`),
  };
  const config = {
    get: (key: string) =>
      ({ ROSTER_REPAIR_INTERVAL_MS: 1000, ROSTER_LEASE_MS: 0, ROSTER_REPAIR_LIMIT: LIMIT })[key],
  } as unknown as ConfigService<AppConfig, true>;
  const relay = { kick: () => void calls.push('kick') } as unknown as OutboxRelay;
  const repair = new LostJobRepair(
    config,
    repository,
    { queue } as unknown as RosterQueue,
    relay,
    new FixedClock(new Date('2026-12-07T09:00:00Z')),
  );
  return { repair, calls };
}

const pending = (repairs = 0): PendingRoster => ({
  id: 'r1',
  jobId: 'roster-abc',
  status: 'queued',
  repairs,
});

describe('LostJobRepair.examine', () => {
  it('leaves a roster alone whose job waits, runs or is still in the outbox', async () => {
    for (const state of ['waiting', 'active', 'delayed', 'prioritized']) {
      const { repair, calls } = repairWith({
        roster: pending(),
        job: { data: { rosterId: 'r1' }, name: 'compute-roster', state },
      });
      expect(await repair.examine('r1')).toBe('alive');
      expect(calls).toEqual([]);
    }
    const { repair } = repairWith({ roster: pending(), awaitsDispatch: true });
    expect(await repair.examine('r1')).toBe('alive');
  });

  it('sends a roster again under its job id when Redis has no job for it', async () => {
    const { repair, calls } = repairWith({ roster: pending() });
    expect(await repair.examine('r1')).toBe('sent-again');
    expect(calls).toEqual(['send-again r1', 'kick']);
  });

  it('makes way for a finished job under the same id before sending again', async () => {
    const { repair, calls } = repairWith({
      roster: pending(1),
      job: { data: { rosterId: 'r1' }, name: 'compute-roster', state: 'completed' },
    });
    expect(await repair.examine('r1')).toBe('sent-again');
    expect(calls).toEqual(['remove roster-abc', 'send-again r1', 'kick']);
  });

  it('gives up once the job was lost more often than the limit', async () => {
    const { repair, calls } = repairWith({ roster: pending(LIMIT) });
    expect(await repair.examine('r1')).toBe('failed');
    expect(calls).toEqual([
      `give-up r1: The computation's job was lost by the queue ${LIMIT + 1} times; request the roster again.`,
    ]);
  });

  it('decides nothing while Redis does not answer, and nothing about a roster no longer pending', async () => {
    const away = repairWith({ roster: pending(LIMIT), job: 'redis-away' });
    await expect(away.repair.examine('r1')).rejects.toThrow('Connection is closed.');
    expect(away.calls).toEqual([]);
    const gone = repairWith({});
    expect(await gone.repair.examine('r1')).toBe('gone');
    expect(gone.calls).toEqual([]);
  });
});
