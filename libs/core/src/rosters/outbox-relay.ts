import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { FlowJob } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { ROSTER_QUEUE } from '@homecare/jobs';
import type { OutboxKind } from '@homecare/database';
import { RosterQueue, withTimeout } from './roster-queue';

const POLL_INTERVAL_MS = 1000;
const BATCH_SIZE = 20;
const DISPATCH_TIMEOUT_MS = 5000;
const MAX_BACKOFF_SECONDS = 5;

interface OutboxRow {
  id: string;
  kind: OutboxKind;
  queue_name: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Moves outbox rows into BullMQ. Runs in the API and in every worker: rows are claimed with
 * FOR UPDATE SKIP LOCKED, so relays never dispatch the same row at once, and job ids are
 * deterministic, so a row dispatched twice (a crash between add and mark) is still one job.
 * While Redis is away the rows wait, with a short backoff, and go out once it is back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastProblem = '';

  constructor(
    private readonly dataSource: DataSource,
    private readonly rosterQueue: RosterQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Dispatch now (after a commit that wrote a row), or right after the pass under way. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Every pending row that can go out now; resolves when done (for tests and scripts). */
  async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.dispatchBatch()) === BATCH_SIZE);
      this.lastProblem = '';
    } catch (error) {
      // Postgres away: the next tick tries again. Logged once per distinct problem.
      const message = (error as Error).message;
      if (message !== this.lastProblem) this.logger.warn(`outbox relay: ${message}`);
      this.lastProblem = message;
    }
  }

  /** Returns how many rows went out; fewer than a batch means stop for now. */
  private async dispatchBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, kind, queue_name, job_name, job_id, payload, attempts FROM outbox
          WHERE dispatched_at IS NULL AND available_at <= now() AND queue_name = $2
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        // Only the roster queue's rows: the email relay (core/email, in the worker) sends its own.
        [BATCH_SIZE, ROSTER_QUEUE],
      );
      for (const row of rows) {
        try {
          await withTimeout(this.dispatch(row), DISPATCH_TIMEOUT_MS, `dispatch of ${row.job_id}`);
        } catch (error) {
          await this.postpone(manager, row, (error as Error).message);
          return 0;
        }
        await manager.query(
          'UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1',
          [row.id],
        );
      }
      return rows.length;
    });
  }

  private async postpone(manager: EntityManager, row: OutboxRow, message: string): Promise<void> {
    const seconds = Math.min(MAX_BACKOFF_SECONDS, 0.25 * 2 ** row.attempts);
    await manager.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
              available_at = now() + make_interval(secs => $3) WHERE id = $1`,
      [row.id, message.slice(0, 1000), seconds],
    );
    if (message !== this.lastProblem) this.logger.warn(`outbox relay: ${row.job_id} postponed: ${message}`);
    this.lastProblem = message;
  }

  private async dispatch(row: OutboxRow): Promise<void> {
    if (row.queue_name !== ROSTER_QUEUE) throw new Error(`no producer for queue ${row.queue_name}`);
    if (row.kind === 'flow') {
      await this.rosterQueue.flows.add(row.payload as unknown as FlowJob);
      return;
    }
    const queue = this.rosterQueue.queue;
    // A finished job of an earlier computation may still hold this id (retention): BullMQ would
    // ignore the add, so make way for it. A pending one means another relay's row: try later.
    const existing = await queue.getJob(row.job_id);
    if (existing && JSON.stringify(existing.data) !== JSON.stringify(row.payload)) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') throw new Error(`job ${row.job_id} is still ${state}`);
      await existing.remove();
    }
    await queue.add(row.job_name, row.payload, { jobId: row.job_id });
  }
}
