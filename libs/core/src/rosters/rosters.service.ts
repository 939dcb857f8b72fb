import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, QueryFailedError, type EntityManager, type Repository } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@homecare/common';
import {
  Outbox,
  Roster,
  RosterAssignment,
  Team,
  type RosterStatus,
  type RosterUnassignedVisit,
} from '@homecare/database';
import { ROSTER_QUEUE, rosterJobId, type ComputeRosterJob } from '@homecare/jobs';
import {
  isLocalDate,
  parseRosterTime,
  ROSTER_FORMAT,
  type RosterDocument,
  type RosterKpis,
  type ScenarioDocument,
} from '@homecare/scenario';
import { formatScenarioTime } from '../scenarios';
import { MAX_EXPORT_DAYS, ScenariosService } from '../scenarios';
import type { Page, PageRequest } from '../shared';
import {
  requestLanguage,
  shownExplanation,
  shownReason,
  storedExplanation,
  storedKpis,
  storedReason,
} from '../shared';
import { LostJobRepair } from './lost-job-repair';
import { OutboxRelay } from './outbox-relay';
import { rosterInputHash } from './roster-input';
import { RosterQueue } from './roster-queue';
import type { RosterRequestResult, RosterSummary, RosterView } from './roster.view';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const PENDING: RosterStatus[] = ['queued', 'running'];
export const DEFAULT_TIME_LIMIT_MS = 5000;
// PostgreSQL takes at most 65,535 bind parameters per statement.
const ASSIGNMENTS_PER_INSERT = 5000;

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

/** What the worker needs to solve a roster and to map the result back to database ids. */
export interface RosterSolveInput {
  roster: Roster;
  timezone: string;
  scenario: ScenarioDocument;
  /** scenario id -> database id */
  visitIds: Map<string, string>;
  caregiverIds: Map<string, string>;
}

export interface RosterProposal {
  roster: RosterDocument;
  kpis: RosterKpis;
  stats: Record<string, unknown>;
}

/** The input of a computation is wrong for good: retrying cannot help (the job fails at once). */
export class RosterInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterInputError';
  }
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
   * Marks the roster running for one more attempt. Returns undefined when there is nothing to do:
   * the roster is gone (its team was deleted) or already finished (a duplicate delivery).
   */
  async beginComputation(rosterId: string): Promise<{ roster?: Roster; finished?: RosterStatus }> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE roster SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
              updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [rosterId],
    );
    const roster = await this.rosters.findOneBy({ id: rosterId });
    if (!roster) return {};
    if (rosterRows(rows) === 0) return { finished: roster.status };
    return { roster };
  }

  /** The team's scenario for the roster's period, with the id maps to store the result. */
  async solveInput(roster: Roster): Promise<RosterSolveInput> {
    const team = await this.teams.findOneBy({ id: roster.teamId });
    if (!team) throw new RosterInputError('the team no longer exists');
    let scenario: ScenarioDocument;
    try {
      // The snapshot taken at request time is what the request (and its hash) stood for.
      scenario =
        (roster.input as ScenarioDocument | null) ??
        (await this.scenarios.exportScenario(roster.teamId, {
          from: roster.periodStart,
          to: roster.periodEnd,
        }));
    } catch (error) {
      if (error instanceof NotFoundError) throw new RosterInputError('the team no longer exists');
      if (error instanceof InvalidInputError) throw new RosterInputError(error.message);
      throw error;
    }
    if (scenario.visits.length === 0)
      throw new RosterInputError(`no visits are planned from ${roster.periodStart} to ${roster.periodEnd}`);
    const visits: { id: string; external_ref: string | null }[] = await this.dataSource.query(
      'SELECT id, external_ref FROM visit WHERE team_id = $1',
      [roster.teamId],
    );
    const caregivers: { id: string; external_ref: string | null }[] = await this.dataSource.query(
      'SELECT id, external_ref FROM caregiver WHERE team_id = $1',
      [roster.teamId],
    );
    const mapOf = (rows: { id: string; external_ref: string | null }[]): Map<string, string> =>
      new Map(rows.map((row) => [row.external_ref ?? row.id, row.id]));
    return {
      roster,
      timezone: team.timezone,
      scenario,
      visitIds: mapOf(visits),
      caregiverIds: mapOf(caregivers),
    };
  }

  /** Progress while running; ignored once the roster has finished. */
  async recordProgress(rosterId: string, progress: number, bestKpis: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(
      `UPDATE roster SET progress = $2, best_kpis = $3, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [rosterId, progress, JSON.stringify(bestKpis)],
    );
  }

  /**
   * Stores the proposal, all or nothing. A retried or duplicated job cannot store a second one:
   * the roster turns done only once (status guard), in the same transaction as its assignments,
   * and an assignment is unique per roster and visit. Returns false when it was already stored.
   */
  async storeProposal(
    input: RosterSolveInput,
    proposal: RosterProposal,
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    const { roster, timezone, visitIds, caregiverIds } = input;
    const databaseId = (map: Map<string, string>, id: string, what: string): string => {
      const found = map.get(id);
      if (!found) throw new RosterInputError(`the roster names an unknown ${what} ${id}`);
      return found;
    };
    const assignments = proposal.roster.assignments.map((assignment) => ({
      rosterId: roster.id,
      visitId: databaseId(visitIds, assignment.visitId, 'visit'),
      scenarioVisitId: assignment.visitId,
      caregiverIds: assignment.caregiverIds.map((id) => databaseId(caregiverIds, id, 'caregiver')),
      scenarioCaregiverIds: assignment.caregiverIds,
      start: new Date(parseRosterTime(assignment.start, timezone) * MINUTE_MS),
      explanation: storedExplanation(assignment.explanation, assignment.explanationCodes),
    }));
    const unassigned: RosterUnassignedVisit[] = proposal.roster.unassigned.map((visit) => ({
      visitId: databaseId(visitIds, visit.visitId, 'visit'),
      scenarioVisitId: visit.visitId,
      reason: storedReason(visit.reason, visit.reasonCode),
    }));
    return this.dataSource.transaction(async (manager) => {
      const updated: unknown[] = await manager.query(
        `UPDATE roster SET status = 'done', progress = 1, kpis = $2, best_kpis = $2, stats = $3, unassigned = $4,
                input = NULL, failure_reason = NULL, finished_at = now(), updated_at = now()
          WHERE id = $1 AND status <> 'done' RETURNING id`,
        [
          roster.id,
          JSON.stringify(proposal.kpis),
          JSON.stringify(proposal.stats),
          JSON.stringify(unassigned),
        ],
      );
      if (rosterRows(updated) === 0) return false;
      for (let index = 0; index < assignments.length; index += ASSIGNMENTS_PER_INSERT)
        await insertAssignments(manager, assignments.slice(index, index + ASSIGNMENTS_PER_INSERT));
      // A plan's computation: its next version commits with the proposal, or neither does.
      if (alsoInTransaction) await alsoInTransaction(manager);
      return true;
    });
  }

  /** The reason is shown by the API; a roster already done keeps its proposal. */
  async markFailed(rosterId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE roster SET status = 'failed', failure_reason = $2, input = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status <> 'done'`,
      [rosterId, reason.slice(0, 2000)],
    );
  }

  /** Back in the queue (a worker stopping mid-solve): shown as queued until a worker takes it again. */
  async markRequeued(rosterId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE roster SET status = 'queued', progress = 0, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [rosterId],
    );
  }

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

/** UPDATE ... RETURNING through TypeORM's postgres driver gives [rows, count]. */
function rosterRows(result: unknown[]): number {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return result.length;
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

async function insertAssignments(
  manager: EntityManager,
  rows: Omit<RosterAssignment, 'id' | 'roster'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const parameters: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = [
      row.rosterId,
      row.visitId,
      row.scenarioVisitId,
      row.caregiverIds,
      row.scenarioCaregiverIds,
      row.start,
      row.explanation,
    ];
    return `(${values.map((value) => `$${parameters.push(value)}`).join(', ')})`;
  });
  await manager.query(
    `INSERT INTO roster_assignment (roster_id, visit_id, scenario_visit_id, caregiver_ids, scenario_caregiver_ids, start, explanation)
     VALUES ${tuples.join(', ')}`,
    parameters,
  );
}
