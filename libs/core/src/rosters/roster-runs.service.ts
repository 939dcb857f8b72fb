import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, In, type Repository } from 'typeorm';
import { NotFoundError, RuleViolationError } from '@homecare/common';
import { Organisation, Outbox, Roster, RosterRun, Team, type RosterStatus } from '@homecare/database';
import {
  DEFAULT_JOB_OPTIONS,
  ROSTER_QUEUE,
  rosterRunJobId,
  teamRosterJobId,
  type ComputeTeamRosterJob,
  type FinishRosterRunJob,
} from '@homecare/jobs';
import { storedKpis } from '../shared';
import { OutboxRelay } from './outbox-relay';
import { RosterQueue } from './roster-queue';
import type { RosterRunView } from './roster.view';
import { assertPeriod, DEFAULT_TIME_LIMIT_MS, type RosterRunRequest } from './rosters.service';

/**
 * An organisation-wide run: every team's roster for one period as one BullMQ flow (a child job
 * per team, a parent that closes the run), apart from the single rosters of RostersService.
 */
@Injectable()
export class RosterRunsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Roster) private readonly rosters: Repository<Roster>,
    @InjectRepository(RosterRun) private readonly runs: Repository<RosterRun>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    private readonly rosterQueue: RosterQueue,
    private readonly relay: OutboxRelay,
  ) {}

  /** Every team of the organisation as one BullMQ flow: a child per team, a parent that closes the run. */
  async requestOrganisationRun(organisationId: string, request: RosterRunRequest): Promise<RosterRunView> {
    assertPeriod(request.periodStart, request.periodEnd);
    if (!(await this.dataSource.getRepository(Organisation).existsBy({ id: organisationId })))
      throw new NotFoundError('organisation', organisationId);
    const teams = await this.teams.find({
      where: { organisationId },
      order: { name: 'ASC', id: 'ASC' },
      select: { id: true },
    });
    if (teams.length === 0)
      throw new RuleViolationError(`organisation ${organisationId} has no teams to roster`);
    await this.rosterQueue.assertReachable();
    const timeLimitMs = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const runId = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.insert(RosterRun, {
        organisationId,
        periodStart: request.periodStart,
        periodEnd: request.periodEnd,
        timeLimitMs,
        teamIds: teams.map((team) => team.id),
        jobId: 'pending',
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      const jobId = rosterRunJobId(id);
      await manager.update(RosterRun, { id }, { jobId });
      const parent: FinishRosterRunJob = { name: 'finish-roster-run', data: { runId: id } };
      const flow = {
        name: parent.name,
        queueName: ROSTER_QUEUE,
        data: parent.data,
        opts: { ...DEFAULT_JOB_OPTIONS, jobId },
        children: teams.map((team) => {
          const child: ComputeTeamRosterJob = {
            name: 'compute-team-roster',
            data: { runId: id, teamId: team.id },
          };
          return {
            name: child.name,
            queueName: ROSTER_QUEUE,
            data: child.data,
            // A team that fails does not hold the run back: the parent still closes it.
            opts: {
              ...DEFAULT_JOB_OPTIONS,
              jobId: teamRosterJobId(id, team.id),
              ignoreDependencyOnFailure: true,
            },
          };
        }),
      };
      await manager.insert(Outbox, {
        kind: 'flow',
        queueName: ROSTER_QUEUE,
        jobName: parent.name,
        jobId,
        payload: flow,
      });
      return id;
    });
    this.relay.kick();
    return this.getRun(organisationId, runId);
  }

  async getRun(organisationId: string, runId: string): Promise<RosterRunView> {
    const run = await this.runs.findOneBy({ id: runId, organisationId });
    if (!run) throw new NotFoundError('roster run', runId);
    const rosters = await this.rosters.findBy({ runId });
    const teams = await this.teams.find({ where: { id: In(run.teamIds) }, select: { id: true, name: true } });
    const rosterOf = new Map(rosters.map((roster) => [roster.teamId, roster]));
    const nameOf = new Map(teams.map((team) => [team.id, team.name]));
    const counts: Record<RosterStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    const teamViews = run.teamIds.map((teamId) => {
      const roster = rosterOf.get(teamId);
      const gone = !nameOf.has(teamId);
      const status: RosterStatus = roster?.status ?? (gone ? 'failed' : 'queued');
      counts[status] += 1;
      return {
        teamId,
        teamName: nameOf.get(teamId) ?? null,
        rosterId: roster?.id ?? null,
        status,
        progress: roster?.progress ?? 0,
        kpis: storedKpis(roster?.kpis ?? roster?.bestKpis ?? null),
        failureReason: roster?.failureReason ?? (gone ? 'the team no longer exists' : null),
      };
    });
    const finished = counts.done + counts.failed === run.teamIds.length;
    const status: RosterStatus = finished
      ? counts.failed > 0
        ? 'failed'
        : 'done'
      : counts.queued === run.teamIds.length
        ? 'queued'
        : 'running';
    return {
      id: run.id,
      organisationId: run.organisationId,
      periodStart: run.periodStart,
      periodEnd: run.periodEnd,
      timeLimitMs: run.timeLimitMs,
      status,
      counts,
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      teams: teamViews,
    };
  }

  // ---- the worker's side ----

  /** The roster of one team of a run, created once however often the child job runs. */
  async rosterForRun(runId: string, teamId: string): Promise<Roster | undefined> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run) return undefined;
    if (!(await this.teams.existsBy({ id: teamId }))) return undefined;
    const inputHash = createHash('sha256').update(`run:${runId}:${teamId}`).digest('hex');
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Roster)
      .values({
        teamId,
        runId,
        periodStart: run.periodStart,
        periodEnd: run.periodEnd,
        timeLimitMs: run.timeLimitMs,
        seed: 1,
        inputHash,
        jobId: teamRosterJobId(runId, teamId),
        status: 'queued',
      })
      .orIgnore()
      .execute();
    return (await this.rosters.findOneBy({ runId, teamId })) ?? undefined;
  }

  async finishRun(runId: string): Promise<void> {
    await this.runs
      .createQueryBuilder()
      .update()
      .set({ finishedAt: () => 'now()' })
      .where('id = :runId AND finished_at IS NULL', { runId })
      .execute();
  }
}
