import { Injectable } from '@nestjs/common';
import { type FieldProblem, InvalidInputError, NotFoundError } from '@homecare/common';
import { addDays, formatLocalDateTime, isLocalDate, localDateOf, startOfLocalDate } from '@homecare/scenario';
import {
  type DetailedVisit,
  type PublishedCheckIn,
  PublishedRosterService,
  type PublishedVisit,
  publishedVisitsOf,
} from '../published-roster';
import { changeNote } from './change-notes';
import { requestLanguage } from '../shared';
import { Clock } from '@homecare/common';
import { type CheckInTimes, visitPlanStatus, type VisitPlanStatus } from './visit-status';
import { actionOf } from '../access';
import type { Principal } from '../principal';
import type { VisitPlan, VisitPlanEntry } from './visit-plan.view';
import { type PlanVersionVisit, VisitPlanProposalsRepository } from './visit-plan-proposals.repository';
import { VISIT_PLAN_DEFAULT_DAYS, VisitPlansRepository } from './visit-plans.repository';

const MINUTE_MS = 60_000;
export { VISIT_PLAN_DEFAULT_DAYS };
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
 * A visit from a plan's version: a proposed one (not yet agreed; may change) or a published one
 * with nobody on it. Times are the version's start (the window's start when nobody is planned).
 */
function versionEntry(visit: PlanVersionVisit, local: (instant: number) => string): VisitPlanEntry {
  const plannedStart = local(visit.startMs);
  return {
    visitId: visit.visitId,
    date: plannedStart.slice(0, 10),
    windowStart: local(visit.earliestMs),
    windowEnd: local(visit.latestMs),
    plannedStart,
    plannedEnd: local(visit.endMs),
    durationMinutes: Math.round((visit.endMs - visit.startMs) / MINUTE_MS),
    caregivers: visit.firstNames.map(firstNameOf),
    status: 'planned',
    note: null,
    proposed: visit.proposed,
  };
}

/**
 * A client's published visits for the client and their family: when, who (first names), how far
 * along, and what changed since they last looked. Reads the published roster only: a proposal
 * under negotiation is never shown.
 */
@Injectable()
export class VisitPlansService {
  constructor(
    private readonly repository: VisitPlansRepository,
    private readonly published: PublishedRosterService,
    private readonly clock: Clock,
    private readonly proposals: VisitPlanProposalsRepository,
  ) {}

  /**
   * The plan of a client, if the caller may read it (404 otherwise): checked, logged, remembered
   * and read in one statement (see `open`).
   */
  async plan(
    principal: Principal,
    clientId: string,
    period: { from?: string; to?: string },
  ): Promise<VisitPlan> {
    const { timezone, from, to, previousViewAt, changedSincePrevious, published } = await this.open(
      principal,
      clientId,
      this.periodDates(period),
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
        const note = changeNote(change, names, timezone, requestLanguage());
        if (note) notes.set(change.visitId, note);
      }
    }
    const local = (date: Date | string | number) =>
      formatLocalDateTime(new Date(date).getTime() / MINUTE_MS, timezone);
    const publishedEntries = visits.map((visit): VisitPlanEntry => {
      const plannedStart = local(visit.plannedStart);
      return {
        visitId: visit.visitId,
        date: plannedStart.slice(0, 10),
        windowStart: local(visit.earliestStart),
        windowEnd: local(visit.latestEnd),
        plannedStart,
        plannedEnd: local(visit.plannedEnd),
        durationMinutes: Math.round(
          (Date.parse(visit.plannedEnd) - Date.parse(visit.plannedStart)) / MINUTE_MS,
        ),
        caregivers: visit.caregiverFirstNames,
        status: statuses.get(visit.visitId) ?? 'planned',
        note: notes.get(visit.visitId) ?? null,
        proposed: false,
      };
    });
    // Beyond the published roster: the weeks still being agreed, and the visits nobody is on.
    const beyond = await this.proposals.beyondPublished(clientId, { from, to, timezone });
    const shown = new Set(publishedEntries.map((entry) => entry.visitId));
    const fromVersions = beyond.visits
      .filter((visit) => !shown.has(visit.visitId))
      .map((visit) => versionEntry(visit, local));
    return {
      clientId,
      timezone,
      from,
      to,
      previousViewAt: previousViewAt?.toISOString() ?? null,
      visits: [...publishedEntries, ...fromVersions].sort(
        (first, second) =>
          first.plannedStart.localeCompare(second.plannedStart) ||
          first.visitId.localeCompare(second.visitId),
      ),
      unpublished: beyond.plans.map((plan) => ({
        status: plan.status,
        from: plan.periodStart,
        to: plan.periodEnd,
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

  /**
   * The period's local dates as far as they can be known without the team's zone: both when
   * either is given (`from` and the 13 days after it, or `to` and the 13 days before it; at most
   * 31 days), neither when none is (today and the next 13 days in the team's zone, found in SQL).
   */
  periodDates(period: { from?: string; to?: string }): { from: string; to: string } | undefined {
    const problems: FieldProblem[] = [];
    if (period.from !== undefined && !isLocalDate(period.from))
      problems.push({ path: '$.from', message: 'from must be a date YYYY-MM-DD' });
    if (period.to !== undefined && !isLocalDate(period.to))
      problems.push({ path: '$.to', message: 'to must be a date YYYY-MM-DD' });
    if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
    if (period.from === undefined && period.to === undefined) return undefined;
    const from = period.from ?? addDays(period.to!, 1 - VISIT_PLAN_DEFAULT_DAYS);
    const to = period.to ?? addDays(from, VISIT_PLAN_DEFAULT_DAYS - 1);
    if (to < from) problems.push({ path: '$.to', message: 'to must not be before from' });
    else if (addDays(from, VISIT_PLAN_MAX_DAYS - 1) < to)
      problems.push({ path: '$.to', message: `a visit plan covers at most ${VISIT_PLAN_MAX_DAYS} days` });
    if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
    return { from, to };
  }

  /** caregiver id -> first name (the only thing of a caregiver a family sees). */
  async firstNames(caregiverIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(caregiverIds)];
    if (unique.length === 0) return new Map();
    const rows = await this.repository.firstNames(unique);
    return new Map(rows.map((row) => [row.id, firstNameOf(row.first_name)]));
  }

  /**
   * Opens and reads a client's plan in one statement, as a family's app does it on every look:
   * the access check (`readableSql`: nothing is logged, remembered or read for a caller who may
   * not see the client), the access logged, this read stored as the user's last view and the one
   * before returned (the CTE reads the row as it was), the team's zone, the period in it (today by
   * the clock when no dates are given), whether any published assignment of the client changed
   * since that last view (most reads: nothing, and the changes are not read at all), and the
   * published rows of the period with the check-ins their status rests on. The database clock for
   * the last view, like the published roster's change times, so that the two compare.
   */
  private async open(
    principal: Principal,
    clientId: string,
    dates: { from: string; to: string } | undefined,
  ): Promise<{
    timezone: string;
    from: string;
    to: string;
    previousViewAt: Date | null;
    changedSincePrevious: boolean;
    published: ReturnType<typeof publishedVisitsOf>;
  }> {
    const row = await this.repository.openPlan(principal.role, {
      userId: principal.userId,
      clientId,
      action: actionOf(principal.route),
      route: principal.route,
      organisationId: principal.organisationId,
      from: dates?.from ?? null,
      to: dates?.to ?? null,
      now: this.clock.now(),
    });
    if (!row) throw new NotFoundError('client', clientId);
    return {
      timezone: row.timezone,
      from: row.from_date,
      to: row.to_date,
      previousViewAt: row.previous_ms === null ? null : new Date(row.previous_ms),
      changedSincePrevious: row.changed,
      published: publishedVisitsOf(row.rows ?? []),
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
      let visitDay: Date | undefined;
      for (const caregiverId of visit.caregiverIds) {
        if (here.has(caregiverId)) continue;
        // Most visits of a plan are ahead: no check-in of theirs at all, nothing to work out.
        if (!checkIns.some((checkIn) => checkIn.caregiverId === caregiverId)) continue;
        const day = (visitDay ??= dayStart(start));
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
