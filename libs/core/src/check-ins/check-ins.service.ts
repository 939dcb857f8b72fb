import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '@homecare/common';
import type { CheckInField, VisitCheckInCorrection } from '@homecare/database';
import { AccessService } from '../access';
import type { Principal } from '../principal';
import { PublishedRosterService } from '../published-roster';
import { PayPeriodsService, type RoutedChange } from '../payroll';
import type { CheckInView, CorrectionView } from './check-in.view';
import { CheckInsRepository, type RecordedTimes } from './check-ins.repository';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A check-in or check-out this far from the planned time is a mistake, not a late visit. */
export const MAX_CHECK_IN_DISTANCE_HOURS = 12;
/** Phones' clocks drift: a time this little ahead of the server's is still taken as now. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface LocationInput {
  latitude: number;
  longitude: number;
}

export interface CheckInInput {
  /** ISO 8601 instant; default now. */
  at?: string;
  location?: LocationInput;
}

export interface CorrectionInput {
  field: CheckInField;
  value: string;
  reason: string;
}

interface Planned {
  caregiverId: string;
  plannedStart: Date;
  plannedEnd: Date;
}

/**
 * Check-ins and check-outs of published visits, by the caregiver assigned to them acting as
 * themselves, and corrections with a reason that keep the original. Every change tells payroll,
 * which reopens an approved period or turns work of a locked period into adjustments.
 */
@Injectable()
export class CheckInsService {
  constructor(
    private readonly repository: CheckInsRepository,
    private readonly access: AccessService,
    private readonly published: PublishedRosterService,
    private readonly payroll: PayPeriodsService,
    private readonly clock: Clock,
  ) {}

  async checkIn(
    principal: Principal,
    visitId: string,
    input: CheckInInput,
  ): Promise<CheckInView & { payroll?: RoutedChange }> {
    const { planned, at, existing } = await this.prepare(principal, visitId, input, 'start');
    // A phone that sends a queued check-in again (the answer was lost) gets the same check-in:
    // the same recorded time is the same tap. Payroll already knows of it.
    if (existing && input.at !== undefined && existing.checkedInAt.getTime() === at.getTime())
      return this.view(existing.id);
    if (existing)
      throw new ConflictError('You already checked in to this visit; a correction changes the time.', {
        checkInId: existing.id,
      });
    const saved = await this.repository
      .insert({
        visitId,
        caregiverId: planned.caregiverId,
        checkedInAt: at,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
      })
      .catch((error: { code?: string }) => {
        // Two check-ins at once: the unique constraint lets one through.
        if (error.code === '23505') throw new ConflictError('You already checked in to this visit.');
        throw error;
      });
    const payroll = await this.payroll.workChanged(planned.caregiverId, planned.plannedStart, null);
    return { ...(await this.view(saved.id)), payroll };
  }

  async checkOut(
    principal: Principal,
    visitId: string,
    input: CheckInInput,
  ): Promise<CheckInView & { payroll?: RoutedChange }> {
    const { planned, at, existing } = await this.prepare(principal, visitId, input, 'end');
    if (!existing) throw new ConflictError('Check in to this visit before checking out.');
    // The same check-out sent again (see checkIn) is the same check-out.
    if (input.at !== undefined && existing.checkedOutAt?.getTime() === at.getTime())
      return this.view(existing.id);
    if (existing.checkedOutAt)
      throw new ConflictError('You already checked out of this visit; a correction changes the time.', {
        checkInId: existing.id,
      });
    if (at <= existing.checkedInAt)
      throw new InvalidInputError('The check-out must come after the check-in.', [
        { path: '$.at', message: `at must be after the check-in ${existing.checkedInAt.toISOString()}` },
      ]);
    const updated = await this.repository.checkOut(existing.id, {
      checkedOutAt: at,
      checkOutLatitude: input.location?.latitude ?? null,
      checkOutLongitude: input.location?.longitude ?? null,
    });
    if (!updated) throw new ConflictError('You already checked out of this visit.');
    const payroll = await this.payroll.workChanged(planned.caregiverId, planned.plannedStart, null);
    return { ...(await this.view(existing.id)), payroll };
  }

  /** The caller's assignment, the time (checked against the planned start or end) and any check-in so far. */
  private async prepare(
    principal: Principal,
    visitId: string,
    input: CheckInInput,
    against: 'start' | 'end',
  ) {
    const planned = await this.assignedVisit(principal, visitId);
    const at = instantOf(input.at, '$.at', this.clock.now());
    assertNear(
      at,
      against === 'start' ? planned.plannedStart : planned.plannedEnd,
      `planned ${against}`,
      '$.at',
    );
    const existing = await this.repository.checkInOf(visitId, planned.caregiverId);
    return { planned, at, existing };
  }

  /**
   * A correction of one time, with a reason: by the caregiver of the check-in or a coordinator of
   * their organisation. The check-in keeps what was recorded; the correction keeps the value it replaced.
   */
  async correct(
    principal: Principal,
    checkInId: string,
    input: CorrectionInput,
  ): Promise<CheckInView & { correction: CorrectionView; payroll: RoutedChange }> {
    const row = await this.repository.owner(checkInId);
    if (!row) throw new NotFoundError('check-in', checkInId);
    if (principal.role === 'caregiver') {
      // A colleague's check-ins are not theirs to see.
      if (row.user_id !== principal.userId) throw new NotFoundError('check-in', checkInId);
    } else {
      await this.access
        .assertCaregivers(principal, [row.caregiver_id], 'write')
        .catch((error: { kind?: string }) => {
          if (error.kind === 'not-found') throw new NotFoundError('check-in', checkInId);
          throw error;
        });
    }
    const reason = input.reason.trim();
    if (reason.length === 0)
      throw new InvalidInputError('A correction needs a reason.', [
        { path: '$.reason', message: 'reason must not be empty' },
      ]);
    const planned = await this.plannedTimes(row.visit_id, row.caregiver_id);
    const value = instantOf(input.value, '$.value', this.clock.now());
    assertNear(
      value,
      input.field === 'checkedInAt' ? planned.plannedStart : planned.plannedEnd,
      input.field === 'checkedInAt' ? 'planned start' : 'planned end',
      '$.value',
    );

    const correction = await this.repository.transaction(async (manager) => {
      // One correction of a check-in at a time, so that "the value it replaced" is exact.
      const checkIn = await this.repository.lockRecorded(manager, checkInId);
      const current = effectiveTimes(checkIn, await this.repository.correctedValues(checkInId, manager));
      const start = input.field === 'checkedInAt' ? value : current.checkedInAt;
      const end = input.field === 'checkedOutAt' ? value : current.checkedOutAt;
      if (end && end <= start)
        throw new InvalidInputError('After the correction the check-out must come after the check-in.', [
          {
            path: '$.value',
            message:
              input.field === 'checkedInAt'
                ? `value must be before the check-out ${end.toISOString()}`
                : `value must be after the check-in ${start.toISOString()}`,
          },
        ]);
      return this.repository.saveCorrection(manager, {
        checkInId,
        field: input.field,
        originalValue: input.field === 'checkedInAt' ? current.checkedInAt : current.checkedOutAt,
        correctedValue: value,
        reason,
        correctedBy: principal.userId,
      });
    });
    const payroll = await this.payroll.workChanged(row.caregiver_id, planned.plannedStart, correction.id);
    return { ...(await this.view(checkInId)), correction: correctionView(correction), payroll };
  }

  async view(checkInId: string): Promise<CheckInView> {
    const checkIn = await this.repository.checkIn(checkInId);
    const corrections = await this.repository.corrections(checkInId);
    const effective = effectiveTimes(
      { checked_in_at: checkIn.checkedInAt, checked_out_at: checkIn.checkedOutAt },
      await this.repository.correctedValues(checkInId),
    );
    return {
      id: checkIn.id,
      visitId: checkIn.visitId,
      caregiverId: checkIn.caregiverId,
      checkedInAt: checkIn.checkedInAt.toISOString(),
      checkedOutAt: checkIn.checkedOutAt?.toISOString() ?? null,
      location:
        checkIn.latitude === null || checkIn.longitude === null
          ? null
          : { latitude: checkIn.latitude, longitude: checkIn.longitude },
      checkOutLocation:
        checkIn.checkOutLatitude === null || checkIn.checkOutLongitude === null
          ? null
          : { latitude: checkIn.checkOutLatitude, longitude: checkIn.checkOutLongitude },
      effective: {
        checkedInAt: effective.checkedInAt.toISOString(),
        checkedOutAt: effective.checkedOutAt?.toISOString() ?? null,
      },
      corrections: corrections.map(correctionView),
      createdAt: checkIn.createdAt.toISOString(),
      updatedAt: checkIn.updatedAt.toISOString(),
    };
  }

  /**
   * The caller's assignment to a visit in the published roster. A visit of another team is not
   * found (404); one of their team that is not theirs in the published roster is forbidden (403).
   */
  private async assignedVisit(principal: Principal, visitId: string): Promise<Planned> {
    await this.access.assertVisits(principal, [visitId], 'read');
    const own = await this.repository.ownCaregivers(visitId, principal.userId);
    for (const id of own) {
      const planned = await this.publishedFor(visitId, id);
      if (planned) {
        if ((await this.repository.visitStatus(visitId)) === 'cancelled')
          throw new ConflictError('This visit is cancelled.');
        return planned;
      }
    }
    throw new ForbiddenError(
      'Only a caregiver assigned to this visit in the published roster checks in to it, as themselves.',
    );
  }

  private async publishedFor(visitId: string, caregiverId: string): Promise<Planned | null> {
    const visit = await this.repository.visitWindow(visitId);
    if (!visit) return null;
    // The published start lies in the visit's window; a day either side catches every amendment.
    const published = await this.published.publishedAssignments(
      { caregiverId },
      {
        from: new Date(new Date(visit.earliest_start).getTime() - DAY_MS),
        to: new Date(new Date(visit.latest_end).getTime() + DAY_MS),
      },
    );
    const match = published.find(
      (candidate) => candidate.visitId === visitId && candidate.caregiverIds.includes(caregiverId),
    );
    return match
      ? { caregiverId, plannedStart: new Date(match.plannedStart), plannedEnd: new Date(match.plannedEnd) }
      : null;
  }

  /** Planned times of a check-in's visit: as published, or the visit's window once it no longer is. */
  private async plannedTimes(visitId: string, caregiverId: string): Promise<Planned> {
    const published = await this.publishedFor(visitId, caregiverId);
    if (published) return published;
    const visit = (await this.repository.visitWindow(visitId))!;
    return {
      caregiverId,
      plannedStart: new Date(visit.earliest_start),
      plannedEnd: new Date(visit.latest_end),
    };
  }
}

/** The times of a check-in as they stand: the latest correction of each field, else what was recorded. */
function effectiveTimes(
  checkIn: RecordedTimes,
  corrections: readonly { field: CheckInField; corrected_value: Date }[],
): { checkedInAt: Date; checkedOutAt: Date | null } {
  let checkedInAt = new Date(checkIn.checked_in_at);
  let checkedOutAt = checkIn.checked_out_at ? new Date(checkIn.checked_out_at) : null;
  for (const correction of corrections) {
    if (correction.field === 'checkedInAt') checkedInAt = new Date(correction.corrected_value);
    else checkedOutAt = new Date(correction.corrected_value);
  }
  return { checkedInAt, checkedOutAt };
}

/** The time a caregiver gives (or now, as the clock says); never ahead of the clock. */
function instantOf(text: string | undefined, path: string, now: Date): Date {
  if (text === undefined) return now;
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw new InvalidInputError('The time is not valid.', [{ path, message: 'must be an ISO 8601 instant' }]);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new InvalidInputError('The time is in the future.', [
      { path, message: 'must not be in the future' },
    ]);
  return at;
}

function assertNear(at: Date, reference: Date, what: string, path: string): void {
  if (Math.abs(at.getTime() - reference.getTime()) > MAX_CHECK_IN_DISTANCE_HOURS * HOUR_MS)
    throw new InvalidInputError(`The time is more than ${MAX_CHECK_IN_DISTANCE_HOURS} h from the ${what}.`, [
      {
        path,
        message: `must be within ${MAX_CHECK_IN_DISTANCE_HOURS} h of the ${what} ${reference.toISOString()}`,
      },
    ]);
}

function correctionView(correction: VisitCheckInCorrection): CorrectionView {
  return {
    id: correction.id,
    checkInId: correction.checkInId,
    field: correction.field,
    originalValue: correction.originalValue?.toISOString() ?? null,
    correctedValue: correction.correctedValue.toISOString(),
    reason: correction.reason,
    correctedBy: correction.correctedBy,
    createdAt: correction.createdAt.toISOString(),
  };
}
