import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { JobState } from 'bullmq';
import { Clock, type AppConfig } from '@homecare/common';
import { LostJobRepository, type PendingRoster } from './lost-job.repository';
import { OutboxRelay } from './outbox-relay';
import { RosterQueue, withTimeout } from './roster-queue';

const BATCH_SIZE = 50;
const REDIS_TIMEOUT_MS = 3000;

/** Job states in which BullMQ will still run (or is running) the job: the computation is alive. */
const ALIVE: (JobState | 'unknown')[] = ['waiting', 'waiting-children', 'prioritized', 'delayed', 'active'];

export type RepairOutcome = 'alive' | 'sent-again' | 'failed' | 'gone';

/**
 * Once the outbox row of a computation is dispatched nothing sends it again: if Redis then loses
 * the job (a restart without persistence, its last writes gone), the roster would stay pending for
 * ever, an identical request would join it, its plan would refuse every change, and its snapshot
 * (names, addresses) would never be cleared. This loop, in the API and every worker like the
 * relay, asks Redis about pending rosters that have gone quiet: one whose job is gone (or finished
 * while the roster still waits) is sent again through the outbox under the same job id, a bounded
 * number of times, and then failed with a reason. A job that is alive in Redis is left alone: a
 * dead worker's active job is BullMQ's stalled-job check's to hand over.
 */
@Injectable()
export class LostJobRepair implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LostJobRepair.name);
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly limit: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastProblem = '';

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly repository: LostJobRepository,
    private readonly rosterQueue: RosterQueue,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {
    this.intervalMs = config.get('ROSTER_REPAIR_INTERVAL_MS', { infer: true });
    this.leaseMs = config.get('ROSTER_LEASE_MS', { infer: true });
    this.limit = config.get('ROSTER_REPAIR_LIMIT', { infer: true });
  }

  /** At start-up (Redis may have lost jobs while nothing ran) and then on the interval. */
  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private kick(): void {
    if (this.stopped || this.running) return;
    this.running = this.repairQuiet().finally(() => (this.running = undefined));
  }

  /** One pass over the quiet pending rosters; problems (Postgres or Redis away) wait for the next. */
  async repairQuiet(): Promise<void> {
    try {
      const quietSince = new Date(this.clock.nowMs() - this.leaseMs);
      for (const rosterId of await this.repository.quietPending(quietSince, BATCH_SIZE)) {
        if (this.stopped) return;
        await this.examine(rosterId);
      }
      this.lastProblem = '';
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastProblem) this.logger.warn(`lost-job repair: ${message}`);
      this.lastProblem = message;
    }
  }

  /**
   * Decides about one pending roster: alive (its job waits, runs or is still in the outbox), sent
   * again, failed (lost too often), or gone (finished or taken by another process meanwhile). The
   * row stays locked while Redis is asked, so two processes never repair the same roster at once.
   */
  async examine(rosterId: string): Promise<RepairOutcome> {
    let sentAgain = false;
    const outcome = await this.repository.inTransaction(async (manager): Promise<RepairOutcome> => {
      const roster = await this.repository.lockPending(manager, rosterId);
      if (!roster) return 'gone';
      if (await this.repository.awaitsDispatch(manager, roster.jobId)) return 'alive';
      const state = await this.jobState(roster);
      if (state !== undefined && ALIVE.includes(state)) return 'alive';
      if (roster.repairs >= this.limit) {
        await this.repository.giveUp(
          manager,
          roster.id,
          `The computation's job was lost by the queue ${roster.repairs + 1} times; request the roster again.`,
        );
        this.logger.warn(`roster ${roster.id}: job ${state ?? 'missing'} again, given up`);
        return 'failed';
      }
      // A finished job under this id would make BullMQ ignore the new add: make way for it.
      if (state !== undefined)
        await withTimeout(this.removeJob(roster.jobId), REDIS_TIMEOUT_MS, 'job removal');
      await this.repository.sendAgain(manager, roster);
      this.logger.warn(`roster ${roster.id}: job ${state ?? 'missing'} in the queue, sent again`);
      sentAgain = true;
      return 'sent-again';
    });
    if (sentAgain) this.relay.kick();
    return outcome;
  }

  /** undefined: Redis has no such job. Throws when Redis does not answer (nothing is decided then). */
  private async jobState(roster: PendingRoster): Promise<JobState | 'unknown' | undefined> {
    const job = await withTimeout(
      this.rosterQueue.queue.getJob(roster.jobId),
      REDIS_TIMEOUT_MS,
      'job lookup',
    );
    if (!job) return undefined;
    // Another computation's job under the same id (an earlier identical request) is not this one's.
    if ((job.data as { rosterId?: string }).rosterId !== roster.id && job.name === 'compute-roster') {
      const state = await job.getState();
      return ALIVE.includes(state) ? state : 'completed';
    }
    return job.getState();
  }

  private async removeJob(jobId: string): Promise<void> {
    await this.rosterQueue.queue.remove(jobId);
  }
}
