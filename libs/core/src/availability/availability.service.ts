import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, type EntityManager, type Repository } from 'typeorm';
import { InvalidInputError, NotFoundError, type FieldProblem } from '@homecare/common';
import {
  AvailabilityException,
  AvailabilityPattern,
  AvailabilityWindow,
  Caregiver,
  Team,
} from '@homecare/database';
import {
  addDays,
  datesBetween,
  formatLocalDateTime,
  isLocalDate,
  parseRosterTime,
  startOfLocalDate,
  TimeFormatError,
} from '@homecare/scenario';
import { CaregiversService } from '../caregivers';
import { preparedQuery } from '../database';
import type { Page, PageRequest } from '../shared';
import {
  expandAvailability,
  formatExpandedWindow,
  type AvailabilityRange,
  type ExpandedWindow,
} from './availability-expansion';
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

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEK_MINUTES = 7 * 24 * 60;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The longest period one availability request may cover: a quarter. */
export const MAX_AVAILABILITY_DAYS = 92;

/** Times as the client sends them: local `YYYY-MM-DDTHH:mm` in the team's zone, or ISO with an offset. */
export interface TimeSpanInput {
  start: string;
  end: string;
}

export interface ExceptionInput extends TimeSpanInput {
  kind: ExceptionKind;
  note?: string | null;
}

export interface PatternInput {
  validFrom: string;
  validUntil?: string | null;
  windows: { weekday: number; start: string; end: string }[];
}

export interface DateRange {
  from: string;
  to: string;
}

type PatternRow = Pick<
  AvailabilityPattern,
  'id' | 'weekday' | 'startTime' | 'endTime' | 'validFrom' | 'validUntil'
>;

/**
 * The caregiver's zone, with their old pattern deleted and the new windows inserted (as unnest of
 * arrays: one text whatever the number of windows). No row: no such caregiver, and nothing written.
 * A pattern without windows answers one row with a null id.
 */
const REPLACE_PATTERN = `
  WITH caregiver AS (
    SELECT c.id, t.timezone FROM caregiver c JOIN team t ON t.id = c.team_id WHERE c.id = $1
  ), removed AS (
    DELETE FROM availability_pattern WHERE caregiver_id IN (SELECT id FROM caregiver)
  ), added AS (
    INSERT INTO availability_pattern (caregiver_id, weekday, start_time, end_time, valid_from, valid_until)
    SELECT caregiver.id, w.weekday, w.start_time, w.end_time, $5::date, $6::date
      FROM caregiver, unnest($2::smallint[], $3::text[], $4::text[]) AS w(weekday, start_time, end_time)
    RETURNING id, weekday, start_time, end_time, valid_from::text, valid_until::text
  )
  SELECT caregiver.timezone, added.id, added.weekday, added.start_time AS "startTime",
         added.end_time AS "endTime", added.valid_from AS "validFrom", added.valid_until AS "validUntil"
    FROM caregiver LEFT JOIN added ON true`;

@Injectable()
export class AvailabilityService {
  constructor(
    @InjectRepository(AvailabilityWindow) private readonly windows: Repository<AvailabilityWindow>,
    @InjectRepository(AvailabilityPattern) private readonly patterns: Repository<AvailabilityPattern>,
    @InjectRepository(AvailabilityException) private readonly exceptions: Repository<AvailabilityException>,
    @InjectRepository(Caregiver) private readonly caregivers: Repository<Caregiver>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    private readonly caregiverService: CaregiversService,
  ) {}

  // --- dated windows ---

  // The changes below take a caller's transaction (`manager`), so that what follows from a change
  // (PlanAvailabilityFlags.changeAvailability: flags on plans) commits with it or not at all.

  async addWindow(
    caregiverId: string,
    input: TimeSpanInput,
    manager: EntityManager = this.windows.manager,
  ): Promise<WindowView> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId, manager);
    const span = parseSpan(input, timezone);
    const window = await manager.save(manager.create(AvailabilityWindow, { caregiverId, ...span }));
    return windowView(window, timezone);
  }

  async listWindows(
    caregiverId: string,
    range: Partial<DateRange>,
    page: PageRequest,
  ): Promise<Page<WindowView>> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId);
    const [items, total] = await this.findSpans(this.windows, caregiverId, range, timezone, page);
    return { items: items.map((window) => windowView(window, timezone)), total, ...page };
  }

  async deleteWindow(
    caregiverId: string,
    windowId: string,
    manager: EntityManager = this.windows.manager,
  ): Promise<void> {
    await this.caregiverService.getCaregiver(caregiverId, manager);
    // Scoped by caregiver: another caregiver's window is "not found", never deleted.
    const result = await manager.delete(AvailabilityWindow, { id: windowId, caregiverId });
    if (!result.affected) throw new NotFoundError('availability window', windowId);
  }

  // --- exceptions ---

  async addException(
    caregiverId: string,
    input: ExceptionInput,
    manager: EntityManager = this.exceptions.manager,
  ): Promise<ExceptionView> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId, manager);
    const span = parseSpan(input, timezone);
    if (!(EXCEPTION_KINDS as readonly string[]).includes(input.kind)) {
      throw new InvalidInputError('Unknown kind of exception.', [
        { path: '$.kind', message: `kind must be one of ${EXCEPTION_KINDS.join(', ')}` },
      ]);
    }
    const exception = await manager.save(
      manager.create(AvailabilityException, {
        caregiverId,
        ...span,
        kind: input.kind,
        note: input.note ?? null,
      }),
    );
    return exceptionView(exception, timezone);
  }

  async listExceptions(
    caregiverId: string,
    range: Partial<DateRange>,
    page: PageRequest,
  ): Promise<Page<ExceptionView>> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId);
    const [items, total] = await this.findSpans(this.exceptions, caregiverId, range, timezone, page);
    return { items: items.map((exception) => exceptionView(exception, timezone)), total, ...page };
  }

  async deleteException(
    caregiverId: string,
    exceptionId: string,
    manager: EntityManager = this.exceptions.manager,
  ): Promise<void> {
    await this.caregiverService.getCaregiver(caregiverId, manager);
    const result = await manager.delete(AvailabilityException, { id: exceptionId, caregiverId });
    if (!result.affected) throw new NotFoundError('availability exception', exceptionId);
  }

  // --- weekly pattern ---

  async getPattern(caregiverId: string): Promise<PatternView> {
    const { timezone } = await this.caregiverService.getCaregiverInZone(caregiverId);
    const rows = await this.patterns.find({
      where: { caregiverId },
      order: { weekday: 'ASC', startTime: 'ASC', id: 'ASC' },
    });
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
    manager: EntityManager = this.patterns.manager,
  ): Promise<PatternView> {
    try {
      assertPattern(input);
    } catch (error) {
      // An unknown caregiver is "not found" whatever the body says, as before any other change here.
      if (error instanceof InvalidInputError)
        await this.caregiverService.getCaregiverInZone(caregiverId, manager);
      throw error;
    }
    const rows = await preparedQuery<{ timezone: string } & Partial<PatternRow>>(manager, REPLACE_PATTERN, [
      caregiverId,
      input.windows.map((window) => window.weekday),
      input.windows.map((window) => window.start),
      input.windows.map((window) => window.end),
      input.validFrom,
      input.validUntil ?? null,
    ]);
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
    const team = await this.teams.findOneBy({ id: teamId });
    if (!team) throw new NotFoundError('team', teamId);
    const { timezone } = team;
    const [caregivers, total] = await this.caregivers.findAndCount({
      where: { teamId, active: true },
      order: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
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

    const windows = await this.windows
      .createQueryBuilder('window')
      .where({ caregiverId: In(caregiverIds) })
      .andWhere('window.startsAt < :rangeEnd AND window.endsAt > :rangeStart', { rangeStart, rangeEnd })
      .getMany();
    // An overnight pattern window of the day before `from` may reach into the range.
    const patterns = await this.patterns
      .createQueryBuilder('pattern')
      .where({ caregiverId: In(caregiverIds) })
      .andWhere('pattern.validFrom <= :to', { to: range.to })
      .andWhere(
        new Brackets((where) =>
          where
            .where('pattern.validUntil IS NULL')
            .orWhere('pattern.validUntil >= :dayBefore', { dayBefore: addDays(range.from, -1) }),
        ),
      )
      .getMany();
    // Dated windows are kept whole and pattern windows may run a day past either end, so the
    // exceptions that matter are those touching anything from the earliest to the latest of them.
    // (A loop, not Math.min(...spread): a long list would overflow the call stack.)
    let exceptionsFrom = rangeStart.getTime() - DAY_MS;
    let exceptionsTo = rangeEnd.getTime() + DAY_MS;
    for (const window of windows) {
      exceptionsFrom = Math.min(exceptionsFrom, window.startsAt.getTime());
      exceptionsTo = Math.max(exceptionsTo, window.endsAt.getTime());
    }
    const exceptions = await this.exceptions
      .createQueryBuilder('exception')
      .where({ caregiverId: In(caregiverIds) })
      .andWhere('exception.startsAt < :to AND exception.endsAt > :from', {
        from: new Date(exceptionsFrom),
        to: new Date(exceptionsTo),
      })
      .getMany();

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
    repository: Repository<T>,
    caregiverId: string,
    range: Partial<DateRange>,
    timezone: string,
    page: PageRequest,
  ): Promise<[T[], number]> {
    const problems: FieldProblem[] = [];
    for (const key of ['from', 'to'] as const) {
      if (range[key] !== undefined && !isLocalDate(range[key]))
        problems.push({ path: `$.${key}`, message: `${key} must be a date YYYY-MM-DD` });
    }
    if (problems.length === 0 && range.from && range.to && range.from > range.to)
      problems.push({ path: '$.to', message: 'to must not be before from' });
    if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);

    const query = repository
      .createQueryBuilder('span')
      .where('span.caregiverId = :caregiverId', { caregiverId });
    if (range.from)
      query.andWhere('span.endsAt > :from', {
        from: new Date(startOfLocalDate(range.from, timezone) * MINUTE_MS),
      });
    if (range.to)
      query.andWhere('span.startsAt < :to', {
        to: new Date(startOfLocalDate(addDays(range.to, 1), timezone) * MINUTE_MS),
      });
    return query
      .orderBy('span.startsAt', 'ASC')
      .addOrderBy('span.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
  }
}

/** `from` and `to` are dates, `from` <= `to`, and the period is at most `maxDays` long. */
export function assertDateRange(range: DateRange, maxDays?: number): void {
  const problems: FieldProblem[] = [];
  if (!isLocalDate(range.from)) problems.push({ path: '$.from', message: 'from must be a date YYYY-MM-DD' });
  if (!isLocalDate(range.to)) problems.push({ path: '$.to', message: 'to must be a date YYYY-MM-DD' });
  if (problems.length === 0 && range.from > range.to)
    problems.push({ path: '$.to', message: 'to must not be before from' });
  if (problems.length === 0 && maxDays !== undefined && datesBetween(range.from, range.to).length > maxDays) {
    problems.push({ path: '$.to', message: `a period covers at most ${maxDays} days` });
  }
  if (problems.length > 0) throw new InvalidInputError('The period is not valid.', problems);
}

function parseSpan(input: TimeSpanInput, timezone: string): { startsAt: Date; endsAt: Date } {
  const problems: FieldProblem[] = [];
  const parse = (key: 'start' | 'end'): Date | undefined => {
    try {
      return new Date(parseRosterTime(input[key], timezone) * MINUTE_MS);
    } catch (error) {
      if (!(error instanceof TimeFormatError)) throw error;
      problems.push({
        path: `$.${key}`,
        message:
          error.kind === 'nonexistent'
            ? `${input[key]} does not exist in ${timezone}: the clocks skip that time`
            : `${key} must be a local time YYYY-MM-DDTHH:mm or an ISO 8601 time with an offset`,
      });
      return undefined;
    }
  };
  const startsAt = parse('start');
  const endsAt = parse('end');
  if (startsAt && endsAt && endsAt <= startsAt)
    problems.push({ path: '$.end', message: 'end must be after start' });
  if (problems.length > 0 || !startsAt || !endsAt)
    throw new InvalidInputError('The times are not valid.', problems);
  return { startsAt, endsAt };
}

function assertPattern(input: PatternInput): void {
  const problems: FieldProblem[] = [];
  if (!isLocalDate(input.validFrom))
    problems.push({ path: '$.validFrom', message: 'validFrom must be a date YYYY-MM-DD' });
  if (input.validUntil != null) {
    if (!isLocalDate(input.validUntil))
      problems.push({ path: '$.validUntil', message: 'validUntil must be a date YYYY-MM-DD' });
    else if (input.validUntil < input.validFrom)
      problems.push({ path: '$.validUntil', message: 'validUntil must not be before validFrom' });
  }
  // Minutes since Monday 00:00 of each window, to find overlaps within the week (which wraps).
  const spans: { index: number; start: number; length: number }[] = [];
  input.windows.forEach((window, index) => {
    const path = `$.windows[${index}]`;
    let valid = true;
    if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7) {
      problems.push({ path: `${path}.weekday`, message: 'weekday must be 1 (Monday) to 7 (Sunday)' });
      valid = false;
    }
    for (const key of ['start', 'end'] as const) {
      if (!TIME_PATTERN.test(window[key])) {
        problems.push({ path: `${path}.${key}`, message: `${key} must be a local time HH:mm` });
        valid = false;
      }
    }
    if (!valid) return;
    const start = minutesOf(window.start);
    const end = minutesOf(window.end);
    // An end at or before the start ends on the next day.
    spans.push({
      index,
      start: (window.weekday - 1) * 1440 + start,
      length: end > start ? end - start : end + 1440 - start,
    });
  });
  for (let left = 0; left < spans.length; left += 1) {
    for (let right = left + 1; right < spans.length; right += 1) {
      if (overlapsInWeek(spans[left], spans[right])) {
        problems.push({
          path: `$.windows[${spans[right].index}]`,
          message: `overlaps windows[${spans[left].index}] of the pattern`,
        });
      }
    }
  }
  if (problems.length > 0) throw new InvalidInputError('The weekly pattern is not valid.', problems);
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function overlapsInWeek(
  left: { start: number; length: number },
  right: { start: number; length: number },
): boolean {
  const distance = (((right.start - left.start) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  return distance < left.length || WEEK_MINUTES - distance < right.length;
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
