import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { machineTime } from '@homecare/common';
import { PlanAgreement, PlanComputationsService, PlanNotifications } from '@homecare/core/negotiation';
import { MetricsService } from '@homecare/core/metrics';
import { RollingPlanner } from '@homecare/core/planning';
import { RosterComputationService, RosterInputError, RosterRunsService } from '@homecare/core/rosters';
import type { JobData, RosterJob, RosterJobName } from '@homecare/jobs';
import type { SolveProgress } from '@homecare/roster-engine';
import { SolveInputError, SolveThreadPool } from './solve-in-thread';

const PROGRESS_EVERY_MS = 500;

export type RosterJobOf = Job<RosterJob['data'], unknown, RosterJobName>;

export interface ComputeRosterResult {
  rosterId: string;
  /** false: a proposal was already stored for this roster (a repeated delivery) */
  stored: boolean;
  /** time inside the engine, for the queue-overhead benchmark */
  solveMs?: number;
}

/**
 * Computes roster jobs. Delivery is at least once, so every step is safe to repeat: the roster is
 * started again, the solve is repeated, and only the first proposal is stored.
 */
@Injectable()
export class RosterProcessor implements OnApplicationShutdown {
  private readonly logger = new Logger(RosterProcessor.name);
  private readonly threads = new SolveThreadPool();
  private readonly running = new Map<string, AbortController>();
  private stopping = false;

  // A property, so that the unit test's positional constructor stays as it is.
  @Inject(MetricsService) private readonly metrics!: MetricsService;

  constructor(
    private readonly rosters: RosterComputationService,
    private readonly runs: RosterRunsService,
    private readonly planComputations: PlanComputationsService,
    private readonly agreement: PlanAgreement,
    private readonly planNotifications: PlanNotifications,
    private readonly rollingPlanner: RollingPlanner,
  ) {}

  async process(job: RosterJobOf, token?: string): Promise<unknown> {
    switch (job.name) {
      case 'compute-roster': {
        const { rosterId } = job.data as JobData<RosterJob, 'compute-roster'>;
        return this.compute(job, token, rosterId);
      }
      case 'compute-team-roster': {
        const { runId, teamId } = job.data as JobData<RosterJob, 'compute-team-roster'>;
        const roster = await this.runs.rosterForRun(runId, teamId);
        if (!roster) throw new UnrecoverableError('the run or the team no longer exists');
        return this.compute(job, token, roster.id);
      }
      case 'close-review': {
        // A review deadline passed: silence counts as consent (settled like any read would).
        const { planId } = job.data as JobData<RosterJob, 'close-review'>;
        await this.agreement.settle(planId);
        return { planId };
      }
      case 'remind-review': {
        // A day before a review deadline: the members still silent are reminded, once each.
        const { planId } = job.data as JobData<RosterJob, 'remind-review'>;
        await this.planNotifications.remindReview(planId);
        return { planId };
      }
      case 'finish-roster-run': {
        const { runId } = job.data as JobData<RosterJob, 'finish-roster-run'>;
        await this.runs.finishRun(runId);
        return { runId };
      }
      default:
        throw new UnrecoverableError(`unknown roster job ${String(job.name)}`);
    }
  }

  /** Solver threads ready before the first job, one per job this worker runs at once. */
  warm(concurrency: number): void {
    this.threads.warm(concurrency);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.threads.close();
  }

  /** Stops every solve under way; their jobs go back to the queue for another worker. */
  abortAll(): void {
    this.stopping = true;
    for (const controller of this.running.values()) controller.abort();
  }

  private async compute(
    job: RosterJobOf,
    token: string | undefined,
    rosterId: string,
  ): Promise<ComputeRosterResult> {
    const begun = await this.rosters.beginComputation(rosterId);
    if (!begun.roster) {
      if (begun.finished) return { rosterId, stored: false };
      throw new UnrecoverableError(`roster ${rosterId} no longer exists (its team was deleted)`);
    }
    const controller = new AbortController();
    const key = job.id ?? rosterId;
    this.running.set(key, controller);
    if (this.stopping) controller.abort();
    try {
      const loadStarted = performance.now();
      const input = await this.rosters.solveInput(begun.roster);
      // A plan's computation: its pins, objections (forbidden) and the version to change least.
      const plan = await this.planComputations.prepare(input);
      const solveStarted = performance.now();
      const report = this.progressReporter(job, rosterId);
      const result = await this.threads.solve(
        {
          scenario: plan?.scenario ?? input.scenario,
          timeLimitMs: begun.roster.timeLimitMs,
          seed: begun.roster.seed,
          previousRoster: plan?.previousRoster,
          forbidden: plan?.forbidden,
        },
        { signal: controller.signal, onProgress: report },
      );
      if (result.stats.cancelled) {
        // Stopping: the partial roster is not the proposal. Back to the queue, without using an attempt.
        await this.rosters.markRequeued(rosterId);
        await job.moveToDelayed(machineTime.nowMs(), token);
        throw new DelayedError();
      }
      // Time to load the team's data and the solve as the processor saw it (thread hand-over included).
      const loadMs = Math.round(solveStarted - loadStarted);
      const threadMs = Math.round(performance.now() - solveStarted);
      const stats = { ...result.stats, loadMs, threadMs, attempts: begun.roster.attempts, jobId: job.id };
      const proposal = { roster: result.roster, kpis: result.kpis, stats };
      this.metrics.recordSolve({
        coverage: result.kpis.coverage,
        caregiversPerClient: result.kpis.meanDistinctCaregiversPerClient,
        unassigned: result.kpis.visits - result.kpis.assignedVisits,
        seconds: result.stats.elapsedMs / 1000,
      });
      // The plan's next version commits with the proposal (one transaction, stored once).
      const stored = await this.rosters.storeProposal(input, proposal, (manager) =>
        this.planComputations.storeVersion(manager, input, proposal),
      );
      this.logger.log(
        `roster ${rosterId} ${stored ? 'stored' : 'was already stored'} (${Math.round(result.stats.elapsedMs)} ms)`,
      );
      // A plan the rolling schedule prepared goes into review once proposed (the hourly tick
      // catches up if this fails).
      if (input.roster.planId)
        await this.rollingPlanner.openReviews(input.roster.planId).catch((error: unknown) => {
          this.logger.warn(`roster ${rosterId}: review not opened yet: ${(error as Error).message}`);
        });
      return { rosterId, stored, solveMs: result.stats.elapsedMs };
    } catch (error) {
      throw await this.failure(job, rosterId, error);
    } finally {
      this.running.delete(key);
    }
  }

  /**
   * BullMQ can fail a job without calling the processor: when it stalled more often than allowed
   * (its workers kept dying mid-solve). Its roster must not stay `running` for ever, so the
   * worker's `failed` event lands here too; marking is idempotent and never touches a stored proposal.
   */
  async recordGivenUp(job: RosterJobOf | undefined, error: Error): Promise<void> {
    if (!job || (job.name !== 'compute-roster' && job.name !== 'compute-team-roster')) return;
    const stalledTooOften = /stalled more than/i.test(error.message);
    const outOfAttempts = job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!stalledTooOften && !outOfAttempts && error.name !== 'UnrecoverableError') return;
    const rosterId =
      job.name === 'compute-roster'
        ? (job.data as JobData<RosterJob, 'compute-roster'>).rosterId
        : (await this.runs.rosterForRun(...this.runAndTeam(job)))?.id;
    if (rosterId) await this.rosters.markFailed(rosterId, error.message);
  }

  private runAndTeam(job: RosterJobOf): [string, string] {
    const { runId, teamId } = job.data as JobData<RosterJob, 'compute-team-roster'>;
    return [runId, teamId];
  }

  /** Input errors fail at once, with the reason on the roster; anything else is retried with backoff. */
  private async failure(job: RosterJobOf, rosterId: string, error: unknown): Promise<unknown> {
    if (error instanceof DelayedError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof RosterInputError || error instanceof SolveInputError;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (permanent || lastAttempt) {
      await this.rosters.markFailed(rosterId, message).catch((markError: unknown) => {
        this.logger.warn(`roster ${rosterId}: could not record the failure: ${(markError as Error).message}`);
      });
    }
    this.logger.warn(`roster ${rosterId}: ${permanent ? 'failed' : 'will be retried'}: ${message}`);
    return permanent ? new UnrecoverableError(message) : error;
  }

  /** job.updateProgress and the roster row, at most every 500 ms and never two writes at once. */
  private progressReporter(job: RosterJobOf, rosterId: string): (progress: SolveProgress) => void {
    let last = 0;
    let writing = false;
    return (progress) => {
      const now = performance.now();
      if (writing || now - last < PROGRESS_EVERY_MS) return;
      last = now;
      writing = true;
      const kpis = { ...progress.best } as unknown as Record<string, unknown>;
      const fraction = Math.round(progress.fraction * 1000) / 1000;
      Promise.all([
        job.updateProgress({ fraction, kpis }),
        this.rosters.recordProgress(rosterId, fraction, kpis),
      ])
        .catch((error: unknown) => this.logger.debug(`progress of ${rosterId}: ${(error as Error).message}`))
        .finally(() => {
          writing = false;
        });
    };
  }
}
