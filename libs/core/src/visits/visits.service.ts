import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import {
  addDays,
  formatLocalDateTime,
  isLocalDate,
  localDateOf,
  parseRosterTime,
  TimeFormatError,
} from '@homecare/scenario';
import { Clock, ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '@homecare/common';
import { CareNeed, Team, Visit, type VisitPriorityValue, type VisitStatus } from '@homecare/database';
import { ClientsService } from '../clients';
import { NotificationsService } from '../notifications';
import type { Page, PageRequest } from '../shared';
import { WebhookEvents } from '../webhooks';
import { type CareNeedTemplate, type DatePeriod, visitSpecsForAll } from './visit-generation';
import type { GenerationResult, VisitView } from './visit.view';

/** Longest period one list or generation request may cover (about a quarter). */
export const MAX_PERIOD_DAYS = 92;

export interface VisitFilter extends DatePeriod {
  clientId?: string;
  status?: VisitStatus;
}

export interface OneOffVisitInput {
  clientId: string;
  /** Local `YYYY-MM-DDTHH:mm` in the team's zone, or ISO 8601 with an offset. */
  earliestStart: string;
  latestEnd: string;
  durationMinutes: number;
  requiredSkills?: string[];
  caregiversNeeded?: number;
  /** Absent: normal (a one-off visit has no care need to inherit from). */
  priority?: VisitPriorityValue | null;
  externalRef?: string | null;
}

export interface VisitChanges {
  earliestStart?: string;
  latestEnd?: string;
  durationMinutes?: number;
  requiredSkills?: string[];
  caregiversNeeded?: number;
  /** null: the care need's priority again. */
  priority?: VisitPriorityValue | null;
  status?: VisitStatus;
}

const MINUTE_MS = 60_000;
const epochMinutesOf = (date: Date): number => Math.round(date.getTime() / MINUTE_MS);
const instantOf = (epochMinutes: number): Date => new Date(epochMinutes * MINUTE_MS);

@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    @InjectRepository(Visit) private readonly visits: Repository<Visit>,
    @InjectRepository(CareNeed) private readonly careNeeds: Repository<CareNeed>,
    private readonly clients: ClientsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  async listVisits(teamId: string, filter: VisitFilter, page: PageRequest): Promise<Page<VisitView>> {
    assertVisitPeriod(filter);
    const team = await this.getTeam(teamId);
    const query = this.visits
      .createQueryBuilder('visit')
      .where('visit.teamId = :teamId', { teamId })
      .leftJoin('visit.careNeed', 'careNeed')
      .addSelect('careNeed.priority')
      .andWhere('visit.date BETWEEN :from AND :to', { from: filter.from, to: filter.to });
    if (filter.clientId) query.andWhere('visit.clientId = :clientId', { clientId: filter.clientId });
    if (filter.status) query.andWhere('visit.status = :status', { status: filter.status });
    const [items, total] = await query
      .orderBy('visit.earliestStart', 'ASC')
      .addOrderBy('visit.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return {
      items: items.map((visit) => toVisitView(visit, team.timezone, visit.careNeed?.priority)),
      total,
      ...page,
    };
  }

  async createVisit(teamId: string, input: OneOffVisitInput): Promise<VisitView> {
    const team = await this.getTeam(teamId);
    await this.clients.getClientOfTeam(teamId, input.clientId);
    const window = parseWindow(input, team.timezone);
    const visit = await this.visits.save(
      this.visits.create({
        teamId,
        clientId: input.clientId,
        careNeedId: null,
        date: localDateOf(window.earliestStart, team.timezone),
        earliestStart: instantOf(window.earliestStart),
        latestEnd: instantOf(window.latestEnd),
        durationMinutes: input.durationMinutes,
        requiredSkills: input.requiredSkills ?? [],
        caregiversNeeded: input.caregiversNeeded ?? 1,
        priority: input.priority ?? null,
        externalRef: input.externalRef ?? null,
      }),
    );
    return toVisitView(visit, team.timezone);
  }

  async getVisit(id: string): Promise<VisitView> {
    const visit = await this.findVisit(id);
    const team = await this.getTeam(visit.teamId);
    return toVisitView(visit, team.timezone, await this.careNeedPriorityOf(visit));
  }

  /**
   * A hand edit detaches a generated visit, so that regeneration leaves it as it is. The client's
   * family hears of a coming visit that moved or was cancelled, in the same transaction.
   */
  async updateVisit(id: string, changes: VisitChanges, actorUserId?: string): Promise<VisitView> {
    const visit = await this.findVisit(id);
    const team = await this.getTeam(visit.teamId);
    const before = { start: visit.earliestStart.getTime(), status: visit.status };
    const window = parseWindow(
      {
        earliestStart:
          changes.earliestStart ?? formatLocalDateTime(epochMinutesOf(visit.earliestStart), team.timezone),
        latestEnd: changes.latestEnd ?? formatLocalDateTime(epochMinutesOf(visit.latestEnd), team.timezone),
        durationMinutes: changes.durationMinutes ?? visit.durationMinutes,
      },
      team.timezone,
      // Unchanged bounds were written back in local time; re-read them as the exact instants.
      {
        earliestStart: changes.earliestStart === undefined ? epochMinutesOf(visit.earliestStart) : undefined,
        latestEnd: changes.latestEnd === undefined ? epochMinutesOf(visit.latestEnd) : undefined,
      },
    );
    visit.earliestStart = instantOf(window.earliestStart);
    visit.latestEnd = instantOf(window.latestEnd);
    if (changes.durationMinutes !== undefined) visit.durationMinutes = changes.durationMinutes;
    if (changes.requiredSkills !== undefined) visit.requiredSkills = changes.requiredSkills;
    if (changes.caregiversNeeded !== undefined) visit.caregiversNeeded = changes.caregiversNeeded;
    if (changes.status !== undefined) visit.status = changes.status;
    if (changes.priority !== undefined) visit.priority = changes.priority;
    if (visit.careNeedId === null) {
      visit.date = localDateOf(window.earliestStart, team.timezone);
    } else {
      // The date stays the occurrence it stands for: (care need, date) is what regeneration matches.
      visit.detached = true;
    }
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(visit);
      await this.tellFamily(manager, before, saved, team, actorUserId);
      return toVisitView(saved, team.timezone, await this.careNeedPriorityOf(saved));
    });
  }

  /**
   * Who follows the client hears that a visit still to come moved or will not happen, and so does
   * the organisation's own system (a webhook event, in the same transaction).
   */
  private async tellFamily(
    manager: EntityManager,
    before: { start: number; status: VisitStatus },
    visit: Visit,
    team: Team,
    actorUserId: string | undefined,
  ): Promise<void> {
    const kind =
      visit.status === 'cancelled' && before.status !== 'cancelled'
        ? 'visit.cancelled'
        : visit.status === 'planned' && visit.earliestStart.getTime() !== before.start
          ? 'visit.moved'
          : undefined;
    if (!kind || Math.max(before.start, visit.earliestStart.getTime()) < this.clock.nowMs()) return;
    await this.webhooks.emit(manager, team.organisationId, 'client.visits-changed', {
      teamId: team.id,
      clientId: visit.clientId,
      change: kind === 'visit.cancelled' ? 'cancelled' : 'moved',
      visitIds: [visit.id],
    });
    const followers = await this.notifications.followersOfClient(manager, visit.clientId);
    await this.notifications.notify(
      manager,
      followers.map((userId) => ({
        userId,
        kind,
        params: { at: visit.earliestStart.toISOString(), zone: team.timezone, visitId: visit.id },
        link: `/clients/${visit.clientId}/plan`,
        groupKey: `${kind}:${visit.clientId}`,
      })),
      actorUserId,
    );
  }

  /** Only one-off visits are deleted; a generated one would come back at the next generation. */
  async deleteVisit(id: string): Promise<void> {
    const visit = await this.findVisit(id);
    if (visit.careNeedId !== null) {
      throw new ConflictError(
        'This visit was generated from a care need and would come back at the next generation: cancel it instead (PATCH with status "cancelled").',
        {
          careNeedId: visit.careNeedId,
        },
      );
    }
    await this.visits.delete({ id });
  }

  /**
   * Creates the dated visits of every care need of the team's clients for the period, in one
   * transaction and idempotently: existing generated visits that were not edited by hand follow
   * their care need, and those it no longer asks for are cancelled (never deleted).
   */
  async generateVisits(teamId: string, period: DatePeriod): Promise<GenerationResult> {
    assertVisitPeriod(period);
    const team = await this.getTeam(teamId);
    const careNeeds = await this.careNeeds
      .createQueryBuilder('careNeed')
      .innerJoin('careNeed.client', 'client')
      .where('client.teamId = :teamId', { teamId })
      // An archived client is no longer cared for: their generated visits are cancelled below.
      .andWhere('client.archivedAt IS NULL')
      .andWhere('careNeed.startsOn <= :to', { to: period.to })
      .andWhere('(careNeed.endsOn IS NULL OR careNeed.endsOn >= :from)', { from: period.from })
      .getMany();
    const specs = visitSpecsForAll(careNeeds.map(templateOf), period, team.timezone);
    const rows = specs.map((spec) => ({
      care_need_id: spec.careNeedId,
      client_id: spec.clientId,
      date: spec.date,
      earliest_start: instantOf(spec.earliestStart).toISOString(),
      latest_end: instantOf(spec.latestEnd).toISOString(),
      duration_minutes: spec.durationMinutes,
      required_skills: spec.requiredSkills,
      caregivers_needed: spec.caregiversNeeded,
    }));

    return this.dataSource.transaction(async (manager) => {
      // The API and the worker may generate the same team at once; one after the other is simpler.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`visit-generation:${teamId}`]);
      const [upserted] = await manager.query<{ created: number; updated: number }[]>(
        `WITH upserted AS (
           INSERT INTO visit (team_id, client_id, care_need_id, date, earliest_start, latest_end, duration_minutes, required_skills, caregivers_needed)
           SELECT $2, spec.client_id, spec.care_need_id, spec.date, spec.earliest_start, spec.latest_end, spec.duration_minutes, spec.required_skills, spec.caregivers_needed
           FROM jsonb_to_recordset($1::jsonb) AS spec(care_need_id uuid, client_id uuid, date date, earliest_start timestamptz, latest_end timestamptz,
                                                       duration_minutes integer, required_skills text[], caregivers_needed smallint)
           ON CONFLICT ON CONSTRAINT uq_visit_care_need_date DO UPDATE SET
             earliest_start = EXCLUDED.earliest_start,
             latest_end = EXCLUDED.latest_end,
             duration_minutes = EXCLUDED.duration_minutes,
             required_skills = EXCLUDED.required_skills,
             caregivers_needed = EXCLUDED.caregivers_needed,
             status = 'planned',
             updated_at = now()
           -- Hand-edited visits are left alone. A cancelled, non-detached visit was cancelled by an
           -- earlier generation (a hand cancel detaches): the care need asks for it again, so it returns.
           WHERE visit.detached = false
             AND (visit.status = 'cancelled'
               OR (visit.earliest_start, visit.latest_end, visit.duration_minutes, visit.required_skills, visit.caregivers_needed)
                  IS DISTINCT FROM (EXCLUDED.earliest_start, EXCLUDED.latest_end, EXCLUDED.duration_minutes, EXCLUDED.required_skills, EXCLUDED.caregivers_needed))
           RETURNING (xmax = 0) AS inserted
         )
         SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`,
        [JSON.stringify(rows), teamId],
      );
      const [cancelled] = await manager.query<{ count: number }[]>(
        `WITH cancelled AS (
           UPDATE visit SET status = 'cancelled', updated_at = now()
           WHERE visit.team_id = $1
             AND visit.date BETWEEN $2 AND $3
             AND visit.care_need_id IS NOT NULL
             AND visit.detached = false
             AND visit.status = 'planned'
             AND NOT EXISTS (
               SELECT 1 FROM unnest($4::uuid[], $5::date[]) AS wanted(care_need_id, date)
               WHERE wanted.care_need_id = visit.care_need_id AND wanted.date = visit.date)
           RETURNING 1
         )
         SELECT count(*)::int AS count FROM cancelled`,
        [
          teamId,
          period.from,
          period.to,
          specs.map((spec) => spec.careNeedId),
          specs.map((spec) => spec.date),
        ],
      );
      return {
        created: upserted.created,
        updated: upserted.updated,
        unchanged: specs.length - upserted.created - upserted.updated,
        cancelled: cancelled.count,
      };
    });
  }

  private async getTeam(id: string): Promise<Team> {
    const team = await this.teams.findOneBy({ id });
    if (!team) throw new NotFoundError('team', id);
    return team;
  }

  private async careNeedPriorityOf(visit: Visit): Promise<VisitPriorityValue | undefined> {
    if (!visit.careNeedId) return undefined;
    const careNeed = await this.careNeeds.findOne({
      select: { id: true, priority: true },
      where: { id: visit.careNeedId },
    });
    return careNeed?.priority;
  }

  private async findVisit(id: string): Promise<Visit> {
    const visit = await this.visits.findOneBy({ id });
    if (!visit) throw new NotFoundError('visit', id);
    return visit;
  }
}

function templateOf(careNeed: CareNeed): CareNeedTemplate {
  return {
    id: careNeed.id,
    clientId: careNeed.clientId,
    weekdays: careNeed.weekdays.map(Number),
    windowStart: careNeed.windowStart,
    windowEnd: careNeed.windowEnd,
    durationMinutes: careNeed.durationMinutes,
    requiredSkills: careNeed.requiredSkills,
    caregiversNeeded: careNeed.caregiversNeeded,
    startsOn: careNeed.startsOn,
    endsOn: careNeed.endsOn,
  };
}

/** `from` and `to` are local dates, in order, at most MAX_PERIOD_DAYS dates apart. */
export function assertVisitPeriod(period: DatePeriod): void {
  const problems: FieldProblem[] = [];
  if (!isLocalDate(period.from)) problems.push({ path: '$.from', message: 'from must be a date YYYY-MM-DD' });
  if (!isLocalDate(period.to)) problems.push({ path: '$.to', message: 'to must be a date YYYY-MM-DD' });
  if (problems.length === 0) {
    if (period.to < period.from) problems.push({ path: '$.to', message: 'to must not be before from' });
    else if (addDays(period.from, MAX_PERIOD_DAYS - 1) < period.to)
      problems.push({ path: '$.to', message: `a period covers at most ${MAX_PERIOD_DAYS} days` });
  }
  if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
}

/** Reads a visit window given in local time or with an offset; refuses times that do not exist. */
function parseWindow(
  input: { earliestStart: string; latestEnd: string; durationMinutes: number },
  timeZone: string,
  known: { earliestStart?: number; latestEnd?: number } = {},
): { earliestStart: number; latestEnd: number } {
  const problems: FieldProblem[] = [];
  const read = (field: 'earliestStart' | 'latestEnd'): number | undefined => {
    if (known[field] !== undefined) return known[field];
    try {
      return parseRosterTime(input[field], timeZone);
    } catch (error) {
      if (!(error instanceof TimeFormatError)) throw error;
      problems.push({
        path: `$.${field}`,
        message:
          error.kind === 'nonexistent'
            ? `${input[field]} does not exist in ${timeZone}: the clocks skip it (daylight saving time)`
            : `${field} must be a local time YYYY-MM-DDTHH:mm or an ISO 8601 time with an offset`,
      });
      return undefined;
    }
  };
  const earliestStart = read('earliestStart');
  const latestEnd = read('latestEnd');
  if (
    earliestStart !== undefined &&
    latestEnd !== undefined &&
    latestEnd < earliestStart + input.durationMinutes
  ) {
    problems.push({
      path: '$.latestEnd',
      message: `window shorter than the duration: latestEnd must be at least ${input.durationMinutes} minutes after earliestStart`,
    });
  }
  if (problems.length > 0 || earliestStart === undefined || latestEnd === undefined)
    throw new InvalidInputError('The visit window is not valid.', problems);
  return { earliestStart, latestEnd };
}

/** `careNeedPriority`: the priority of the visit's care need, which it has unless it sets its own. */
export function toVisitView(
  visit: Visit,
  timeZone: string,
  careNeedPriority?: VisitPriorityValue,
): VisitView {
  const earliestStart = epochMinutesOf(visit.earliestStart);
  const latestEnd = epochMinutesOf(visit.latestEnd);
  return {
    id: visit.id,
    teamId: visit.teamId,
    clientId: visit.clientId,
    careNeedId: visit.careNeedId,
    date: visit.date,
    earliestStart: visit.earliestStart.toISOString(),
    latestEnd: visit.latestEnd.toISOString(),
    earliestStartLocal: formatLocalDateTime(earliestStart, timeZone),
    latestEndLocal: formatLocalDateTime(latestEnd, timeZone),
    timezone: timeZone,
    durationMinutes: visit.durationMinutes,
    requiredSkills: visit.requiredSkills,
    caregiversNeeded: visit.caregiversNeeded,
    priority: visit.priority ?? careNeedPriority ?? 'normal',
    ownPriority: visit.priority,
    status: visit.status,
    detached: visit.detached,
    externalRef: visit.externalRef,
    createdAt: visit.createdAt,
    updatedAt: visit.updatedAt,
  };
}
