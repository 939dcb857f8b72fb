import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import {
  AvailabilityException,
  AvailabilityPattern,
  AvailabilityWindow,
  Caregiver,
  Team,
} from '@homecare/database';
import type { PageRequest } from '../shared';
import { preparedQuery } from '../database';

export type PatternRow = Pick<
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

/** Every statement of caregivers' availability: dated windows, exceptions and weekly patterns. */
@Injectable()
export class AvailabilityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The manager of statements outside a caller's transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  insertWindow(
    manager: EntityManager,
    window: Pick<AvailabilityWindow, 'caregiverId' | 'startsAt' | 'endsAt'>,
  ): Promise<AvailabilityWindow> {
    return manager.save(manager.create(AvailabilityWindow, window));
  }

  /** Scoped by caregiver: another caregiver's window is not deleted. True when one was. */
  async deleteWindow(manager: EntityManager, caregiverId: string, windowId: string): Promise<boolean> {
    const result = await manager.delete(AvailabilityWindow, { id: windowId, caregiverId });
    return Boolean(result.affected);
  }

  insertException(
    manager: EntityManager,
    exception: Pick<AvailabilityException, 'caregiverId' | 'startsAt' | 'endsAt' | 'kind' | 'note'>,
  ): Promise<AvailabilityException> {
    return manager.save(manager.create(AvailabilityException, exception));
  }

  /** Scoped by caregiver, as deleteWindow. True when one was deleted. */
  async deleteException(manager: EntityManager, caregiverId: string, exceptionId: string): Promise<boolean> {
    const result = await manager.delete(AvailabilityException, { id: exceptionId, caregiverId });
    return Boolean(result.affected);
  }

  patternOf(caregiverId: string): Promise<AvailabilityPattern[]> {
    return this.manager.find(AvailabilityPattern, {
      where: { caregiverId },
      order: { weekday: 'ASC', startTime: 'ASC', id: 'ASC' },
    });
  }

  /** See REPLACE_PATTERN: no row for an unknown caregiver. */
  replacePattern(
    manager: EntityManager,
    caregiverId: string,
    pattern: {
      windows: { weekday: number; start: string; end: string }[];
      validFrom: string;
      validUntil: string | null;
    },
  ): Promise<({ timezone: string } & Partial<PatternRow>)[]> {
    return preparedQuery<{ timezone: string } & Partial<PatternRow>>(manager, REPLACE_PATTERN, [
      caregiverId,
      pattern.windows.map((window) => window.weekday),
      pattern.windows.map((window) => window.start),
      pattern.windows.map((window) => window.end),
      pattern.validFrom,
      pattern.validUntil,
    ]);
  }

  team(teamId: string): Promise<Team | null> {
    return this.manager.findOneBy(Team, { id: teamId });
  }

  /** A page of a team's active caregivers, by name. */
  activeCaregiversOf(teamId: string, page: PageRequest): Promise<[Caregiver[], number]> {
    return this.manager.findAndCount(Caregiver, {
      where: { teamId, active: true },
      order: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  /** Dated windows of these caregivers that intersect [rangeStart, rangeEnd). */
  windowsOf(caregiverIds: string[], rangeStart: Date, rangeEnd: Date): Promise<AvailabilityWindow[]> {
    return this.manager
      .createQueryBuilder(AvailabilityWindow, 'window')
      .where({ caregiverId: In(caregiverIds) })
      .andWhere('window.startsAt < :rangeEnd AND window.endsAt > :rangeStart', { rangeStart, rangeEnd })
      .getMany();
  }

  /** Pattern windows of these caregivers valid on some day from `dayBefore` to `to`. */
  patternsOf(caregiverIds: string[], dayBefore: string, to: string): Promise<AvailabilityPattern[]> {
    return this.manager
      .createQueryBuilder(AvailabilityPattern, 'pattern')
      .where({ caregiverId: In(caregiverIds) })
      .andWhere('pattern.validFrom <= :to', { to })
      .andWhere(
        new Brackets((where) =>
          where
            .where('pattern.validUntil IS NULL')
            .orWhere('pattern.validUntil >= :dayBefore', { dayBefore }),
        ),
      )
      .getMany();
  }

  /** Exceptions of these caregivers that intersect [from, to). */
  exceptionsOf(caregiverIds: string[], from: Date, to: Date): Promise<AvailabilityException[]> {
    return this.manager
      .createQueryBuilder(AvailabilityException, 'exception')
      .where({ caregiverId: In(caregiverIds) })
      .andWhere('exception.startsAt < :to AND exception.endsAt > :from', { from, to })
      .getMany();
  }

  /** A page of one caregiver's windows or exceptions, in time order, intersecting [from, to) (either end optional). */
  spansOf<T extends AvailabilityWindow | AvailabilityException>(
    entity: new () => T,
    caregiverId: string,
    bounds: { from?: Date; to?: Date },
    page: PageRequest,
  ): Promise<[T[], number]> {
    const query = this.manager
      .createQueryBuilder(entity, 'span')
      .where('span.caregiverId = :caregiverId', { caregiverId });
    if (bounds.from) query.andWhere('span.endsAt > :from', { from: bounds.from });
    if (bounds.to) query.andWhere('span.startsAt < :to', { to: bounds.to });
    return query
      .orderBy('span.startsAt', 'ASC')
      .addOrderBy('span.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
  }
}
