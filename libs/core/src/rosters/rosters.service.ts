import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, QueryFailedError, type EntityManager, type Repository } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@homecare/common';
import { Outbox, Roster, RosterAssignment, Team, type RosterStatus } from '@homecare/database';
import { ROSTER_QUEUE, rosterJobId, type ComputeRosterJob } from '@homecare/jobs';
import { isLocalDate, ROSTER_FORMAT, type RosterDocument, type ScenarioDocument } from '@homecare/scenario';
import { formatScenarioTime } from '../scenarios';
import { MAX_EXPORT_DAYS, ScenariosService } from '../scenarios';
import type { Page, PageRequest } from '../shared';
import { requestLanguage, shownExplanation, shownReason, storedKpis } from '../shared';
import { LostJobRepair } from './lost-job-repair';
import { OutboxRelay } from './outbox-relay';
import { rosterInputHash } from './roster-input';
import { RosterQueue } from './roster-queue';
import type { RosterRequestResult, RosterSummary, RosterView } from './roster.view';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const PENDING: RosterStatus[] = ['queued', 'running'];
export const DEFAULT_TIME_LIMIT_MS = 5000;

export interface RosterRequest {
  /** Local dates `YYYY-MM-DD`, inclusive. */
  periodStart: string;
  periodEnd: string;
  timeLimitMs?: number;
  seed?: number;
}

/** One computation to record: the team, period, options and deduplication key; a plan's, optionally. */
export interface ComputationRecord {
  teamId: string;
  periodStart: string;
  periodEnd: string;
  timeLimitMs: number;
  seed: number;
  inputHash: string;
  /** The scenario the hash was computed from, when the caller exported it already. */
  input?: ScenarioDocument;
  planId?: string;
  basedOnVersion?: number | null;
}

export interface RosterRunRequest {
  periodStart: string;
  periodEnd: string;
  timeLimitMs?: number;
}

@Injectable()
export class RostersService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Roster) private readonly rosters: Repository<Roster>,
    @InjectRepository(RosterAssignment) private readonly assignments: Repository<RosterAssignment>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    private readonly scenarios: ScenariosService,
    private readonly rosterQueue: RosterQueue,
    private readonly relay: OutboxRelay,
    private readonly repair: LostJobRepair,
  ) {}

  /**
   * Records a roster computation and its job in one transaction (the outbox relay enqueues it).
   * An identical computation still pending (same team, data and options) is returned instead.
   */
  async requestRoster(teamId: string, request: RosterRequest): Promise<RosterRequestResult> {
    assertPeriod(request.periodStart, request.periodEnd);
    const options = { timeLimitMs: request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS, seed: request.seed ?? 1 };
    const scenario = await this.scenarios.exportScenario(teamId, {
      from: request.periodStart,
      to: request.periodEnd,
    });
    // Accept work only while the queue can take it; a recorded request still goes out later.
    await this.rosterQueue.assertReachable();
    const inputHash = rosterInputHash(teamId, scenario, options);
    const pending = await this.joinablePending(teamId, inputHash);
    if (pending)
      return { rosterId: pending.id, jobId: pending.jobId, status: pending.status, created: false };

    const jobId = rosterJobId(inputHash);
    try {
      const rosterId = await this.dataSource.transaction(async (manager) => {
        const recorded = await this.recordComputation(manager, {
          teamId,
          periodStart: request.periodStart,
          periodEnd: request.periodEnd,
          ...options,
          inputHash,
          input: scenario,
        });
        return recorded.rosterId;
      });
      this.relay.kick();
      return { rosterId, jobId, status: 'queued', created: true };
    } catch (error) {
      // Two identical requests at once: the partial unique index lets one in; join it.
      if (isUniqueViolation(error, 'uq_roster_pending_input')) {
        const existing = await this.findPending(teamId, inputHash);
        if (existing)
          return { rosterId: existing.id, jobId: existing.jobId, status: existing.status, created: false };
      }
      throw error;
    }
  }

  /**
   * Records a computation (the roster row, queued) and its job (an outbox row) with the caller's
   * transaction, so that whatever the caller writes with it commits or rolls back together. The
   * caller kicks the relay after the commit (`kickRelay`). A computation of a negotiated plan names
   * the plan and the version it starts from; the worker then stores its result as the next version.
   */
  async recordComputation(
    manager: EntityManager,
    record: ComputationRecord,
  ): Promise<{ rosterId: string; jobId: string }> {
    const jobId = rosterJobId(record.inputHash);
    const inserted = await manager.insert(Roster, {
      teamId: record.teamId,
      planId: record.planId ?? null,
      basedOnVersion: record.basedOnVersion ?? null,
      periodStart: record.periodStart,
      periodEnd: record.periodEnd,
      timeLimitMs: record.timeLimitMs,
      seed: record.seed,
      inputHash: record.inputHash,
      // jsonb: TypeORM's insert typing cannot express a free-form document.
      input: (record.input ?? null) as never,
      jobId,
      status: 'queued',
    });
    const rosterId = (inserted.identifiers[0] as { id: string }).id;
    const job: ComputeRosterJob = { name: 'compute-roster', data: { rosterId } };
    await manager.insert(Outbox, {
      kind: 'job',
      queueName: ROSTER_QUEUE,
      jobName: job.name,
      jobId,
      payload: job.data,
    });
    return { rosterId, jobId };
  }

  /** Dispatch recorded jobs now (after the commit of a transaction that recorded some). */
  kickRelay(): void {
    this.relay.kick();
  }

  /** 503 at once when the queue cannot take work. */
  assertQueueReachable(): Promise<void> {
    return this.rosterQueue.assertReachable();
  }

  async getRoster(id: string): Promise<RosterView> {
    const roster = await this.rosters.findOneBy({ id });
    if (!roster) throw new NotFoundError('roster', id);
    const view: RosterView = { ...summaryOf(roster), stats: roster.stats };
    const language = requestLanguage();
    if (roster.status !== 'done') return view;
    const team = await this.teams.findOneByOrFail({ id: roster.teamId });
    const assignments = await this.assignments.find({
      where: { rosterId: id },
      order: { start: 'ASC', scenarioVisitId: 'ASC' },
    });
    view.assignments = assignments.map((assignment) => ({
      visitId: assignment.visitId,
      scenarioVisitId: assignment.scenarioVisitId,
      caregiverIds: assignment.caregiverIds,
      scenarioCaregiverIds: assignment.scenarioCaregiverIds,
      start: assignment.start.toISOString(),
      startLocal: formatScenarioTime(Math.round(assignment.start.getTime() / MINUTE_MS), team.timezone),
      ...shownExplanation(assignment.explanation, language),
    }));
    view.unassigned = (roster.unassigned ?? []).map((visit) => ({
      visitId: visit.visitId,
      scenarioVisitId: visit.scenarioVisitId,
      ...shownReason(visit.reason, language),
    }));
    return view;
  }

  /** A light read for progress streams. */
  async getProgress(
    id: string,
  ): Promise<Pick<Roster, 'id' | 'status' | 'progress' | 'bestKpis' | 'kpis' | 'failureReason'>> {
    const roster = await this.rosters.findOne({
      where: { id },
      select: { id: true, status: true, progress: true, bestKpis: true, kpis: true, failureReason: true },
    });
    if (!roster) throw new NotFoundError('roster', id);
    return roster;
  }

  async listRosters(teamId: string, page: PageRequest): Promise<Page<RosterSummary>> {
    if (!(await this.teams.existsBy({ id: teamId }))) throw new NotFoundError('team', teamId);
    const [rows, total] = await this.rosters.findAndCount({
      where: { teamId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(summaryOf), total, ...page };
  }

  /** The proposal as a homecare-roster/v1 document, with the ids of the team's scenario export. */
  async exportRoster(id: string): Promise<RosterDocument> {
    const roster = await this.rosters.findOneBy({ id });
    if (!roster) throw new NotFoundError('roster', id);
    if (roster.status !== 'done')
      throw new ConflictError(`roster ${id} is ${roster.status}; only a finished roster can be exported`, {
        rosterStatus: roster.status,
      });
    const team = await this.teams.findOneByOrFail({ id: roster.teamId });
    const assignments = await this.assignments.find({
      where: { rosterId: id },
      order: { start: 'ASC', scenarioVisitId: 'ASC' },
    });
    return {
      format: ROSTER_FORMAT,
      assignments: assignments.map((assignment) => ({
        visitId: assignment.scenarioVisitId,
        caregiverIds: assignment.scenarioCaregiverIds,
        start: formatScenarioTime(Math.round(assignment.start.getTime() / MINUTE_MS), team.timezone),
        // the roster format's text is English; the codes go beside it
        ...shownExplanation(assignment.explanation, 'en'),
      })),
      unassigned: (roster.unassigned ?? []).map((visit) => {
        const { reason, reasonCode } = shownReason(visit.reason, 'en');
        return { visitId: visit.scenarioVisitId, reason, ...(reasonCode ? { reasonCode } : {}) };
      }),
      kpis: roster.kpis ?? {},
    };
  }

  // ---- the worker's side ----

  /**
   * The identical computation still pending, to join, unless Redis lost its job: that one is sent
   * again (then joined) or, lost too often, failed, and this request starts a new one.
   */
  private async joinablePending(teamId: string, inputHash: string): Promise<Roster | null> {
    const pending = await this.findPending(teamId, inputHash);
    if (!pending) return null;
    // Redis not answering decides nothing: join, and the repair loop looks again later.
    const outcome = await this.repair.examine(pending.id).catch(() => 'alive' as const);
    if (outcome === 'alive' || outcome === 'sent-again')
      return (await this.rosters.findOneBy({ id: pending.id })) ?? pending;
    return this.findPending(teamId, inputHash);
  }

  private findPending(teamId: string, inputHash: string): Promise<Roster | null> {
    return this.rosters.findOneBy({ teamId, inputHash, status: In(PENDING) });
  }
}

function summaryOf(roster: Roster): RosterSummary {
  return {
    id: roster.id,
    teamId: roster.teamId,
    runId: roster.runId,
    periodStart: roster.periodStart,
    periodEnd: roster.periodEnd,
    timeLimitMs: roster.timeLimitMs,
    seed: roster.seed,
    jobId: roster.jobId,
    status: roster.status,
    progress: roster.progress,
    bestKpis: roster.status === 'done' ? null : storedKpis(roster.bestKpis),
    kpis: storedKpis(roster.kpis),
    failureReason: roster.failureReason,
    attempts: roster.attempts,
    createdAt: roster.createdAt,
    startedAt: roster.startedAt,
    finishedAt: roster.finishedAt,
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error as QueryFailedError & { code?: string; constraint?: string };
  return (
    error instanceof QueryFailedError && driverError.code === '23505' && driverError.constraint === constraint
  );
}

/** Local dates, in order, at most MAX_EXPORT_DAYS long (400 with every problem otherwise). */
export function assertPeriod(periodStart: string, periodEnd: string): void {
  const problems: { path: string; message: string }[] = [];
  if (!isLocalDate(periodStart))
    problems.push({ path: '$.periodStart', message: 'must be a date YYYY-MM-DD' });
  if (!isLocalDate(periodEnd)) problems.push({ path: '$.periodEnd', message: 'must be a date YYYY-MM-DD' });
  if (problems.length === 0) {
    const days = (Date.parse(`${periodEnd}T00:00:00Z`) - Date.parse(`${periodStart}T00:00:00Z`)) / DAY_MS + 1;
    if (days < 1)
      problems.push({ path: '$.periodEnd', message: `must not be before periodStart (${periodStart})` });
    else if (days > MAX_EXPORT_DAYS)
      problems.push({
        path: '$.periodEnd',
        message: `the period spans ${days} days; at most ${MAX_EXPORT_DAYS} can be rostered at once`,
      });
  }
  if (problems.length > 0) throw new InvalidInputError('The roster period is not valid.', problems);
}
