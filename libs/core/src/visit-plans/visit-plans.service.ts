import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type FieldProblem, InvalidInputError, NotFoundError } from '@homecare/common';
import { addDays, formatLocalDateTime, isLocalDate, localDateOf, startOfLocalDate } from '@homecare/scenario';
import { PublishedRosterService } from '../negotiation/published-roster.service';
import type { PublishedVisit } from '../negotiation/published-roster.view';
import type { DetailedVisit, PublishedCheckIn } from '../negotiation/published-roster.service';
import { changeNote } from './change-notes';
import { Clock } from './clock';
import { type CheckInTimes, visitPlanStatus, type VisitPlanStatus } from './visit-status';
import { preparedQuery } from '../database/prepared-query';
import { actionOf } from '../access/access-log.service';
import type { Principal } from '../auth/principal';
import type { VisitPlan } from './visit-plan.view';

const MINUTE_MS = 60_000;
/** The default period: today and the next 13 days. */
export const VISIT_PLAN_DEFAULT_DAYS = 14;
/** The longest period one request may ask for. */
export const VISIT_PLAN_MAX_DAYS = 31;

/** A published visit with what the plan and the feeds show of it. */
export interface PlannedVisit extends PublishedVisit {
  earliestStart: Date;
  latestEnd: Date;
  caregiverFirstNames: string[];
}

/** The first word of a caregiver's first name (the only thing of a caregiver a family sees). */
function firstNameOf(name: string | null): string {
  return name?.trim().split(/\s+/)[0] || 'a colleague';
}

function plannedVisit({ visit, earliestStart, latestEnd, firstNames }: DetailedVisit): PlannedVisit {
  return { ...visit, earliestStart, latestEnd, caregiverFirstNames: firstNames.map(firstNameOf) };
}

/**
 * A client's published visits for the client and their family: when, who (first names), how far
 * along, and what changed since they last looked. Reads the published roster only: a proposal
 * under negotiation is never shown.
 */
@Injectable()
export class VisitPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly published: PublishedRosterService,
    private readonly clock: Clock,
  ) {}

  /**
   * The plan of a client the caller may read (checked by the caller, with `logged: 'by-caller'`):
   * the read is logged and remembered in the statement that opens it.
   */
  async plan(
    principal: Principal,
    clientId: string,
    period: { from?: string; to?: string },
  ): Promise<VisitPlan> {
    const { timezone, previousViewAt, changedSincePrevious } = await this.open(principal, clientId);
    const { from, to } = this.resolvePeriod(period, timezone);
    const published = await this.published.publishedVisitsWithCheckIns(
      { clientId },
      this.rangeOf(from, to, timezone),
      timezone,
    );
    const visits = published.visits.map(plannedVisit);
    const statuses = await this.statuses(visits, published.checkIns, timezone);
    const notes = new Map<string, string>();
    if (previousViewAt && changedSincePrevious) {
      const changes = await this.published.changedSince({ clientId }, previousViewAt);
      const names = await this.firstNames(
        changes.flatMap((change) => [
          ...(change.before?.caregiverIds ?? []),
          ...(change.after?.caregiverIds ?? []),
        ]),
      );
      for (const change of changes) {
        const note = changeNote(change, names, timezone);
        if (note) notes.set(change.visitId, note);
      }
    }
    const local = (date: Date | string) =>
      formatLocalDateTime(new Date(date).getTime() / MINUTE_MS, timezone);
    return {
      clientId,
      timezone,
      from,
      to,
      previousViewAt: previousViewAt?.toISOString() ?? null,
      visits: visits.map((visit) => ({
        visitId: visit.visitId,
        date: local(visit.plannedStart).slice(0, 10),
        windowStart: local(visit.earliestStart),
        windowEnd: local(visit.latestEnd),
        plannedStart: local(visit.plannedStart),
        plannedEnd: local(visit.plannedEnd),
        durationMinutes: Math.round(
          (Date.parse(visit.plannedEnd) - Date.parse(visit.plannedStart)) / MINUTE_MS,
        ),
        caregivers: visit.caregiverFirstNames,
        status: statuses.get(visit.visitId) ?? 'planned',
        note: notes.get(visit.visitId) ?? null,
      })),
    };
  }

  /** Published visits in the range with their windows and the caregivers' first names. */
  async plannedVisits(
    scope: { clientId: string } | { caregiverId: string },
    range: { from: Date; to: Date },
  ): Promise<PlannedVisit[]> {
    return (await this.published.publishedAssignmentsWithDetails(scope, range)).map(plannedVisit);
  }

  /** `from`..`to` local dates: today and the next 13 days by default, at most 31 days. */
  resolvePeriod(period: { from?: string; to?: string }, timezone: string): { from: string; to: string } {
    const problems: FieldProblem[] = [];
    if (period.from !== undefined && !isLocalDate(period.from))
      problems.push({ path: '$.from', message: 'from must be a date YYYY-MM-DD' });
    if (period.to !== undefined && !isLocalDate(period.to))
      problems.push({ path: '$.to', message: 'to must be a date YYYY-MM-DD' });
    if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
    const today = localDateOf(this.clock.now().getTime() / MINUTE_MS, timezone);
    const from = period.from ?? (period.to ? addDays(period.to, 1 - VISIT_PLAN_DEFAULT_DAYS) : today);
    const to = period.to ?? addDays(from, VISIT_PLAN_DEFAULT_DAYS - 1);
    if (to < from) problems.push({ path: '$.to', message: 'to must not be before from' });
    else if (addDays(from, VISIT_PLAN_MAX_DAYS - 1) < to)
      problems.push({ path: '$.to', message: `a visit plan covers at most ${VISIT_PLAN_MAX_DAYS} days` });
    if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
    return { from, to };
  }

  /** From the start of the first local date to the start of the day after the last. */
  rangeOf(from: string, to: string, timezone: string): { from: Date; to: Date } {
    return {
      from: new Date(startOfLocalDate(from, timezone) * MINUTE_MS),
      to: new Date(startOfLocalDate(addDays(to, 1), timezone) * MINUTE_MS),
    };
  }

  /** caregiver id -> first name (the only thing of a caregiver a family sees). */
  async firstNames(caregiverIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(caregiverIds)];
    if (unique.length === 0) return new Map();
    const rows = await preparedQuery<{ id: string; first_name: string }>(
      this.dataSource,
      'SELECT id, first_name FROM caregiver WHERE id = ANY($1::uuid[])',
      [unique],
    );
    return new Map(rows.map((row) => [row.id, firstNameOf(row.first_name)]));
  }

  /**
   * Opens a read of a client's plan in one statement: the access logged, this read stored as the
   * user's last view and the one before returned (the CTE reads the row as it was), the team's zone,
   * and whether any published assignment of the client changed since that last view (most reads:
   * nothing, and the changes are not read at all). The database clock, like the published roster's
   * change times, so that the two compare.
   */
  private async open(
    principal: Principal,
    clientId: string,
  ): Promise<{ timezone: string; previousViewAt: Date | null; changedSincePrevious: boolean }> {
    const [row] = await preparedQuery<{ timezone: string; previous: Date | null; changed: boolean }>(
      this.dataSource,
      `WITH logged AS (
         INSERT INTO access_log_entry (user_id, client_id, action, route) VALUES ($1, $2, $3, $4)
       ), previous AS (
         SELECT last_viewed_at FROM visit_plan_view WHERE user_id = $1 AND client_id = $2
       ), remembered AS (
         INSERT INTO visit_plan_view (user_id, client_id, last_viewed_at) VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (user_id, client_id) DO UPDATE SET last_viewed_at = excluded.last_viewed_at
       )
       SELECT t.timezone, previous.last_viewed_at AS previous,
              EXISTS (SELECT 1 FROM published_assignment p
                       WHERE p.client_id = $2 AND p.changed_at > previous.last_viewed_at) AS changed
         FROM client c JOIN team t ON t.id = c.team_id LEFT JOIN previous ON true
        WHERE c.id = $2`,
      [principal.userId, clientId, actionOf(principal.route), principal.route],
    );
    if (!row) throw new NotFoundError('client', clientId);
    return {
      timezone: row.timezone,
      previousViewAt: row.previous ? new Date(row.previous) : null,
      changedSincePrevious: row.changed,
    };
  }

  /** Status of each visit from the check-ins (effective times: the latest correction wins). */
  private async statuses(
    visits: PlannedVisit[],
    checkIns: PublishedCheckIn[],
    timezone: string,
  ): Promise<Map<string, VisitPlanStatus>> {
    const result = new Map<string, VisitPlanStatus>();
    const open = visits.filter((visit) => visit.status !== 'cancelled');
    for (const visit of visits) if (visit.status === 'cancelled') result.set(visit.visitId, 'cancelled');
    if (open.length === 0) return result;
    const dayStart = (instant: number) =>
      new Date(startOfLocalDate(localDateOf(instant / MINUTE_MS, timezone), timezone) * MINUTE_MS);
    const byVisit = new Map<string, Map<string, CheckInTimes>>();
    for (const checkIn of checkIns) {
      const here = byVisit.get(checkIn.visitId) ?? new Map<string, CheckInTimes>();
      here.set(checkIn.caregiverId, checkIn);
      byVisit.set(checkIn.visitId, here);
    }
    // "Their previous published visit of the day" is only looked up for caregivers who checked
    // out of something that day before this visit and are not here yet.
    const previousOf = new Map<string, PublishedVisit[]>();
    for (const visit of open) {
      const here = byVisit.get(visit.visitId) ?? new Map<string, CheckInTimes>();
      const leftPreviousVisit = new Set<string>();
      const start = Date.parse(visit.plannedStart);
      const day = dayStart(start);
      for (const caregiverId of visit.caregiverIds) {
        if (here.has(caregiverId)) continue;
        const checkedOutToday = checkIns.filter(
          (checkIn) =>
            checkIn.caregiverId === caregiverId &&
            checkIn.visitId !== visit.visitId &&
            checkIn.checkedOutAt !== null &&
            checkIn.checkedInAt >= day &&
            checkIn.checkedInAt.getTime() < start,
        );
        if (checkedOutToday.length === 0) continue;
        const key = `${caregiverId}|${day.toISOString()}`;
        let theirs = previousOf.get(key);
        if (!theirs) {
          theirs = await this.published.publishedAssignments(
            { caregiverId },
            { from: day, to: new Date(day.getTime() + 36 * 60 * MINUTE_MS) },
          );
          previousOf.set(key, theirs);
        }
        const previous = theirs
          .filter(
            (candidate) =>
              candidate.visitId !== visit.visitId &&
              candidate.status !== 'cancelled' &&
              candidate.caregiverIds.includes(caregiverId) &&
              Date.parse(candidate.plannedStart) >= day.getTime() &&
              Date.parse(candidate.plannedStart) < start,
          )
          .sort((first, second) => Date.parse(second.plannedStart) - Date.parse(first.plannedStart))[0];
        if (previous && checkedOutToday.some((checkIn) => checkIn.visitId === previous.visitId))
          leftPreviousVisit.add(caregiverId);
      }
      result.set(
        visit.visitId,
        visitPlanStatus({
          cancelled: false,
          caregiverIds: visit.caregiverIds,
          checkIns: here,
          leftPreviousVisit,
        }),
      );
    }
    return result;
  }
}
