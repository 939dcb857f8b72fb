import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
import { type GeneratedVisitRow, VisitsRepository } from './visits.repository';
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
    private readonly repository: VisitsRepository,
    private readonly clients: ClientsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  async listVisits(teamId: string, filter: VisitFilter, page: PageRequest): Promise<Page<VisitView>> {
    assertVisitPeriod(filter);
    const team = await this.getTeam(teamId);
    const [items, total] = await this.repository.visitsOf(teamId, filter, page);
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
    const visit = await this.repository.insert({
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
    });
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
    return this.repository.transaction(async (manager) => {
      const saved = await this.repository.save(manager, visit);
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
    await this.repository.delete(id);
  }

  /**
   * Creates the dated visits of every care need of the team's clients for the period, in one
   * transaction and idempotently: existing generated visits that were not edited by hand follow
   * their care need, and those it no longer asks for are cancelled (never deleted).
   */
  async generateVisits(teamId: string, period: DatePeriod): Promise<GenerationResult> {
    assertVisitPeriod(period);
    const team = await this.getTeam(teamId);
    const careNeeds = await this.repository.careNeedsToGenerate(teamId, period);
    const specs = visitSpecsForAll(careNeeds.map(templateOf), period, team.timezone);
    const rows: GeneratedVisitRow[] = specs.map((spec) => ({
      care_need_id: spec.careNeedId,
      client_id: spec.clientId,
      date: spec.date,
      earliest_start: instantOf(spec.earliestStart).toISOString(),
      latest_end: instantOf(spec.latestEnd).toISOString(),
      duration_minutes: spec.durationMinutes,
      required_skills: spec.requiredSkills,
      caregivers_needed: spec.caregiversNeeded,
    }));

    return this.repository.transaction(async (manager) => {
      // The API and the worker may generate the same team at once; one after the other is simpler.
      await this.repository.lockGeneration(manager, teamId);
      const upserted = await this.repository.upsertGenerated(manager, teamId, rows);
      const cancelled = await this.repository.cancelUnwanted(manager, teamId, period, specs);
      return {
        created: upserted.created,
        updated: upserted.updated,
        unchanged: specs.length - upserted.created - upserted.updated,
        cancelled,
      };
    });
  }

  private async getTeam(id: string): Promise<Team> {
    const team = await this.repository.team(id);
    if (!team) throw new NotFoundError('team', id);
    return team;
  }

  private async careNeedPriorityOf(visit: Visit): Promise<VisitPriorityValue | undefined> {
    if (!visit.careNeedId) return undefined;
    return this.repository.careNeedPriority(visit.careNeedId);
  }

  private async findVisit(id: string): Promise<Visit> {
    const visit = await this.repository.visit(id);
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
