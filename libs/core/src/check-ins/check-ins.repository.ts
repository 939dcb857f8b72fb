import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { VisitCheckIn, VisitCheckInCorrection, type CheckInField } from '@homecare/database';

/** The recorded times of a check-in, as the table holds them. */
export interface RecordedTimes {
  checked_in_at: Date;
  checked_out_at: Date | null;
}

/** Every statement of check-ins and their corrections. */
@Injectable()
export class CheckInsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  checkInOf(visitId: string, caregiverId: string): Promise<VisitCheckIn | null> {
    return this.dataSource.getRepository(VisitCheckIn).findOneBy({ visitId, caregiverId });
  }

  /** Inserts a check-in; the unique constraint (visit, caregiver) refuses a second one (23505). */
  insert(checkIn: Partial<VisitCheckIn>): Promise<VisitCheckIn> {
    return this.dataSource.getRepository(VisitCheckIn).save(checkIn);
  }

  /** Records the check-out unless one was recorded already; false when it was. */
  async checkOut(
    id: string,
    checkOut: { checkedOutAt: Date; checkOutLatitude: number | null; checkOutLongitude: number | null },
  ): Promise<boolean> {
    const updated = await this.dataSource
      .getRepository(VisitCheckIn)
      .createQueryBuilder()
      .update()
      .set(checkOut)
      .where('id = :id AND checked_out_at IS NULL', { id })
      .execute();
    return updated.affected === 1;
  }

  /** The check-in's caregiver (and their user) and visit, if there is such a check-in. */
  async owner(
    checkInId: string,
  ): Promise<{ caregiver_id: string; user_id: string | null; visit_id: string } | undefined> {
    const [row] = await this.dataSource.query<
      { caregiver_id: string; user_id: string | null; visit_id: string }[]
    >(
      `SELECT ci.caregiver_id, c.user_id, ci.visit_id FROM visit_check_in ci JOIN caregiver c ON c.id = ci.caregiver_id WHERE ci.id = $1`,
      [checkInId],
    );
    return row;
  }

  /** The recorded times, locking the check-in's row for the rest of the transaction. */
  async lockRecorded(manager: EntityManager, checkInId: string): Promise<RecordedTimes> {
    const [checkIn] = await manager.query<RecordedTimes[]>(
      'SELECT checked_in_at, checked_out_at FROM visit_check_in WHERE id = $1 FOR UPDATE',
      [checkInId],
    );
    return checkIn;
  }

  /** The corrected values of a check-in, oldest first (outside a transaction without `manager`). */
  correctedValues(
    checkInId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ field: CheckInField; corrected_value: Date }[]> {
    return manager.query<{ field: CheckInField; corrected_value: Date }[]>(
      'SELECT field, corrected_value FROM visit_check_in_correction WHERE check_in_id = $1 ORDER BY created_at, id',
      [checkInId],
    );
  }

  saveCorrection(
    manager: EntityManager,
    correction: Partial<VisitCheckInCorrection>,
  ): Promise<VisitCheckInCorrection> {
    return manager.getRepository(VisitCheckInCorrection).save(correction);
  }

  checkIn(id: string): Promise<VisitCheckIn> {
    return this.dataSource.getRepository(VisitCheckIn).findOneByOrFail({ id });
  }

  corrections(checkInId: string): Promise<VisitCheckInCorrection[]> {
    return this.dataSource
      .getRepository(VisitCheckInCorrection)
      .find({ where: { checkInId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The user's caregivers in the team of the visit. */
  async ownCaregivers(visitId: string, userId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      'SELECT c.id FROM caregiver c JOIN visit v ON v.team_id = c.team_id WHERE v.id = $1 AND c.user_id = $2',
      [visitId, userId],
    );
    return rows.map((row) => row.id);
  }

  async visitStatus(visitId: string): Promise<string> {
    const [visit] = await this.dataSource.query<{ status: string }[]>(
      'SELECT status FROM visit WHERE id = $1',
      [visitId],
    );
    return visit.status;
  }

  async visitWindow(visitId: string): Promise<{ earliest_start: Date; latest_end: Date } | undefined> {
    const [visit] = await this.dataSource.query<{ earliest_start: Date; latest_end: Date }[]>(
      'SELECT earliest_start, latest_end FROM visit WHERE id = $1',
      [visitId],
    );
    return visit;
  }
}
