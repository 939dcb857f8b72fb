import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError } from '@homecare/common';
import { AvailabilityException, AvailabilityWindow } from '@homecare/database';
import { addDays, formatLocalDateTime, startOfLocalDate } from '@homecare/scenario';
import { CaregiversService } from '../caregivers';
import type { Page, PageRequest } from '../shared';
import {
  expandAvailability,
  formatExpandedWindow,
  type AvailabilityRange,
  type ExpandedWindow,
} from './availability-expansion';
import {
  assertDateRange,
  assertOpenDateRange,
  assertPattern,
  parseSpan,
  type DateRange,
  type ExceptionInput,
  type PatternInput,
  type TimeSpanInput,
} from './availability-input';
import { AvailabilityRepository, type PatternRow } from './availability.repository';
import type {
  CaregiverAvailabilityView,
  ExceptionView,
  ExpandedWindowView,
  PatternView,
  TeamAvailabilityView,
  TimeSpanView,
  WindowView,
} from './availability.view';
import { EXCEPTION_KINDS, type ExceptionKind } from './availability.view';

export {
  assertDateRange,
  type DateRange,
  type ExceptionInput,
  type PatternInput,
  type TimeSpanInput,
} from './availability-input';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** The longest period one availability request may cover: a quarter. */
export const MAX_AVAILABILITY_DAYS = 92;

@Injectable()
export class AvailabilityService {
  constructor(
    private readonly repository: AvailabilityRepository,
    private readonly caregiverService: CaregiversService,
  ) {}

  // --- dated windows ---

  // The changes below take a caller's transaction (`manager`), so that what follows from a change
  // (PlanAvailabilityFlags.changeAvailability: flags on plans) commits with it or not at all.

  async addWindow(
    caregiverId: string,
    input: TimeSpanInput,
    manager: EntityManager = this.repository.manager,
  ): Promise<WindowView> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId, manager);
    const span = parseSpan(input, timezone);
    const window = await this.repository.insertWindow(manager, { caregiverId, ...span });
    return windowView(window, timezone);
  }

  async listWindows(
    caregiverId: string,
    range: Partial<DateRange>,
    page: PageRequest,
  ): Promise<Page<WindowView>> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId);
    const [items, total] = await this.findSpans(AvailabilityWindow, caregiverId, range, timezone, page);
    return { items: items.map((window) => windowView(window, timezone)), total, ...page };
  }

  async deleteWindow(
    caregiverId: string,
    windowId: string,
    manager: EntityManager = this.repository.manager,
  ): Promise<void> {
    await this.caregiverService.getCaregiver(caregiverId, manager);
    // Scoped by caregiver: another caregiver's window is "not found", never deleted.
    if (!(await this.repository.deleteWindow(manager, caregiverId, windowId)))
      throw new NotFoundError('availability window', windowId);
  }

  // --- exceptions ---

  async addException(
    caregiverId: string,
    input: ExceptionInput,
    manager: EntityManager = this.repository.manager,
  ): Promise<ExceptionView> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId, manager);
    const span = parseSpan(input, timezone);
    if (!(EXCEPTION_KINDS as readonly string[]).includes(input.kind)) {
      throw new InvalidInputError('Unknown kind of exception.', [
        { path: '$.kind', message: `kind must be one of ${EXCEPTION_KINDS.join(', ')}` },
      ]);
    }
    const exception = await this.repository.insertException(manager, {
      caregiverId,
      ...span,
      kind: input.kind,
      note: input.note ?? null,
    });
    return exceptionView(exception, timezone);
  }

  async listExceptions(
    caregiverId: string,
    range: Partial<DateRange>,
    page: PageRequest,
  ): Promise<Page<ExceptionView>> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId);
    const [items, total] = await this.findSpans(AvailabilityException, caregiverId, range, timezone, page);
    return { items: items.map((exception) => exceptionView(exception, timezone)), total, ...page };
  }

  async deleteException(
    caregiverId: string,
    exceptionId: string,
    manager: EntityManager = this.repository.manager,
  ): Promise<void> {
    await this.caregiverService.getCaregiver(caregiverId, manager);
    if (!(await this.repository.deleteException(manager, caregiverId, exceptionId)))
      throw new NotFoundError('availability exception', exceptionId);
  }

  // --- weekly pattern ---

  async getPattern(caregiverId: string): Promise<PatternView> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId);
    const rows = await this.repository.patternOf(caregiverId);
    return patternView(caregiverId, timezone, rows);
  }

  /**
   * Replaces the whole weekly pattern: all of the new one, or none of it. One statement finds the
   * caregiver's zone, deletes the old windows and inserts the new ones, so it is atomic on its own
   * and needs no savepoint in a caller's transaction (a failure there fails the whole of it).
   */
  async replacePattern(
    caregiverId: string,
    input: PatternInput,
    manager: EntityManager = this.repository.manager,
  ): Promise<PatternView> {
    try {
      assertPattern(input);
    } catch (error) {
      // An unknown caregiver is "not found" whatever the body says, as before any other change here.
      if (error instanceof InvalidInputError)
        await this.caregiverService.getCaregiverInZone(caregiverId, manager);
      throw error;
    }
    const rows = await this.repository.replacePattern(manager, caregiverId, {
      windows: input.windows,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
    });
    if (rows.length === 0) throw new NotFoundError('caregiver', caregiverId);
    const windows = rows.filter((row): row is { timezone: string } & PatternRow => row.id != null);
    windows.sort(
      (left, right) => left.weekday - right.weekday || left.startTime.localeCompare(right.startTime),
    );
    return patternView(caregiverId, rows[0].timezone, windows);
  }

  // --- expanded availability ---

  async caregiverAvailability(caregiverId: string, range: DateRange): Promise<CaregiverAvailabilityView> {
    assertDateRange(range, MAX_AVAILABILITY_DAYS);
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId);
    const expanded = await this.availabilityFor([caregiverId], { ...range, timezone });
    return {
      caregiverId,
      timezone,
      ...range,
      windows: (expanded.get(caregiverId) ?? []).map((window) => expandedView(window, timezone)),
    };
  }

  /** The active caregivers of a team, a page at a time, each with their expanded availability. */
  async teamAvailability(teamId: string, range: DateRange, page: PageRequest): Promise<TeamAvailabilityView> {
    assertDateRange(range, MAX_AVAILABILITY_DAYS);
    const team = await this.repository.team(teamId);
    if (!team) throw new NotFoundError('team', teamId);
    const { timezone } = team;
    const [caregivers, total] = await this.repository.activeCaregiversOf(teamId, page);
    const expanded = await this.availabilityFor(
      caregivers.map((caregiver) => caregiver.id),
      { ...range, timezone },
    );
    return {
      teamId,
      timezone,
      ...range,
      items: caregivers.map((caregiver) => ({
        caregiverId: caregiver.id,
        firstName: caregiver.firstName,
        lastName: caregiver.lastName,
        windows: (expanded.get(caregiver.id) ?? []).map((window) => expandedView(window, timezone)),
      })),
      total,
      ...page,
    };
  }

  /**
   * Expanded availability of many caregivers for local dates `from`..`to` in `timezone`, in three
   * queries whatever the number of caregivers. Every id asked for has an entry (maybe empty).
   * For the scenario export and the roster worker; no limit on the period here.
   */
  async availabilityFor(
    caregiverIds: string[],
    range: AvailabilityRange,
  ): Promise<Map<string, ExpandedWindow[]>> {
    assertDateRange(range);
    const result = new Map<string, ExpandedWindow[]>(caregiverIds.map((id) => [id, []]));
    if (caregiverIds.length === 0) return result;
    const rangeStart = new Date(startOfLocalDate(range.from, range.timezone) * MINUTE_MS);
    const rangeEnd = new Date(startOfLocalDate(addDays(range.to, 1), range.timezone) * MINUTE_MS);

    const windows = await this.repository.windowsOf(caregiverIds, rangeStart, rangeEnd);
    // An overnight pattern window of the day before `from` may reach into the range.
    const patterns = await this.repository.patternsOf(caregiverIds, addDays(range.from, -1), range.to);
    // Dated windows are kept whole and pattern windows may run a day past either end, so the
    // exceptions that matter are those touching anything from the earliest to the latest of them.
    // (A loop, not Math.min(...spread): a long list would overflow the call stack.)
    let exceptionsFrom = rangeStart.getTime() - DAY_MS;
    let exceptionsTo = rangeEnd.getTime() + DAY_MS;
    for (const window of windows) {
      exceptionsFrom = Math.min(exceptionsFrom, window.startsAt.getTime());
      exceptionsTo = Math.max(exceptionsTo, window.endsAt.getTime());
    }
    const exceptions = await this.repository.exceptionsOf(
      caregiverIds,
      new Date(exceptionsFrom),
      new Date(exceptionsTo),
    );

    const byCaregiver = <T extends { caregiverId: string }>(rows: T[], caregiverId: string): T[] =>
      rows.filter((row) => row.caregiverId === caregiverId);
    for (const caregiverId of result.keys()) {
      result.set(
        caregiverId,
        expandAvailability(
          {
            windows: byCaregiver(windows, caregiverId),
            patterns: byCaregiver(patterns, caregiverId),
            exceptions: byCaregiver(exceptions, caregiverId),
          },
          range,
        ),
      );
    }
    return result;
  }

  /** Spans of one caregiver that intersect the local dates `from`..`to` (either end optional). */
  private findSpans<T extends AvailabilityWindow | AvailabilityException>(
    entity: new () => T,
    caregiverId: string,
    range: Partial<DateRange>,
    timezone: string,
    page: PageRequest,
  ): Promise<[T[], number]> {
    assertOpenDateRange(range);
    const bounds = {
      from: range.from ? new Date(startOfLocalDate(range.from, timezone) * MINUTE_MS) : undefined,
      to: range.to ? new Date(startOfLocalDate(addDays(range.to, 1), timezone) * MINUTE_MS) : undefined,
    };
    return this.repository.spansOf(entity, caregiverId, bounds, page);
  }
}

function spanView(startsAt: Date, endsAt: Date, timezone: string): TimeSpanView {
  return {
    start: formatLocalDateTime(Math.floor(startsAt.getTime() / MINUTE_MS), timezone),
    end: formatLocalDateTime(Math.floor(endsAt.getTime() / MINUTE_MS), timezone),
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
  };
}

function windowView(window: AvailabilityWindow, timezone: string): WindowView {
  return {
    id: window.id,
    caregiverId: window.caregiverId,
    ...spanView(window.startsAt, window.endsAt, timezone),
  };
}

function exceptionView(exception: AvailabilityException, timezone: string): ExceptionView {
  return {
    id: exception.id,
    caregiverId: exception.caregiverId,
    ...spanView(exception.startsAt, exception.endsAt, timezone),
    // Only EXCEPTION_KINDS are ever written (the input is validated against them).
    kind: exception.kind as ExceptionKind,
    note: exception.note,
  };
}

function expandedView(window: ExpandedWindow, timezone: string): ExpandedWindowView {
  return formatExpandedWindow(window, timezone);
}

function patternView(caregiverId: string, timezone: string, rows: PatternRow[]): PatternView {
  // Written through the API all windows share one validity; an imported pattern may not.
  const validFrom =
    rows.length > 0 ? rows.map((row) => row.validFrom).reduce((a, b) => (a < b ? a : b)) : null;
  const validUntil =
    rows.length > 0 && rows.every((row) => row.validUntil !== null)
      ? rows.map((row) => row.validUntil as string).reduce((a, b) => (a > b ? a : b))
      : null;
  return {
    caregiverId,
    timezone,
    validFrom,
    validUntil,
    windows: rows.map((row) => ({
      id: row.id,
      weekday: row.weekday,
      start: row.startTime,
      end: row.endTime,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
    })),
  };
}
