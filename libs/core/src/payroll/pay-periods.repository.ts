import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PayPeriodState, PayrollAdjustment, PayrollLockedTimesheet } from '@homecare/database';
import type { CaregiverTimesheet } from '@homecare/payroll';

/** Every statement of pay periods: their states, locked timesheets and adjustments. */
@Injectable()
export class PayPeriodsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a transaction holding the organisation's payroll advisory lock (transaction
   * scoped), which serialises locking and late changes of one organisation.
   */
  withOrganisationLock<T>(organisationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('payroll:' || $1))`, [organisationId]);
      return work(manager);
    });
  }

  statesOf(organisationId: string): Promise<PayPeriodState[]> {
    return this.dataSource.getRepository(PayPeriodState).find({ where: { organisationId } });
  }

  state(organisationId: string, periodId: string): Promise<PayPeriodState | null> {
    return this.dataSource.getRepository(PayPeriodState).findOneBy({ organisationId, periodId });
  }

  stateIn(manager: EntityManager, organisationId: string, periodId: string): Promise<PayPeriodState | null> {
    return manager.getRepository(PayPeriodState).findOneBy({ organisationId, periodId });
  }

  /** Whether the period has a state row (was approved or locked); an open period has none. */
  hasState(organisationId: string, periodId: string): Promise<boolean> {
    return this.dataSource.getRepository(PayPeriodState).existsBy({ organisationId, periodId });
  }

  saveState(manager: EntityManager, state: Partial<PayPeriodState>): Promise<PayPeriodState> {
    return manager.getRepository(PayPeriodState).save(state);
  }

  async deleteState(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PayPeriodState).delete({ id });
  }

  async lockedPeriodIds(manager: EntityManager, organisationId: string): Promise<Set<string>> {
    const states = await manager
      .getRepository(PayPeriodState)
      .find({ where: { organisationId, state: 'locked' } });
    return new Set(states.map((state) => state.periodId));
  }

  /** The stored timesheets of a locked period for these caregivers, by caregiver id. */
  async lockedTimesheetsOf(
    organisationId: string,
    periodId: string,
    caregiverIds: string[],
  ): Promise<Map<string, CaregiverTimesheet>> {
    const rows = await this.dataSource.query<{ caregiver_id: string; timesheet: CaregiverTimesheet }[]>(
      `SELECT caregiver_id, timesheet FROM payroll_locked_timesheet
        WHERE organisation_id = $1 AND period_id = $2 AND caregiver_id = ANY($3::uuid[])`,
      [organisationId, periodId, caregiverIds],
    );
    return new Map(rows.map((row) => [row.caregiver_id, row.timesheet]));
  }

  /** A page (keyset on caregiver id, after `after`) of a locked period's stored timesheets. */
  lockedTimesheetsAfter(
    organisationId: string,
    periodId: string,
    after: string,
    limit: number,
  ): Promise<{ caregiver_id: string; timesheet: CaregiverTimesheet }[]> {
    return this.dataSource.query<{ caregiver_id: string; timesheet: CaregiverTimesheet }[]>(
      `SELECT caregiver_id, timesheet FROM payroll_locked_timesheet
        WHERE organisation_id = $1 AND period_id = $2 AND caregiver_id > $3 ORDER BY caregiver_id LIMIT $4`,
      [organisationId, periodId, after, limit],
    );
  }

  async insertLockedTimesheets(
    manager: EntityManager,
    rows: QueryDeepPartialEntity<PayrollLockedTimesheet>[],
  ): Promise<void> {
    await manager.getRepository(PayrollLockedTimesheet).insert(rows);
  }

  async lockedTimesheet(
    manager: EntityManager,
    organisationId: string,
    periodId: string,
    caregiverId: string,
  ): Promise<CaregiverTimesheet | undefined> {
    const [locked] = await manager.query<{ timesheet: CaregiverTimesheet }[]>(
      'SELECT timesheet FROM payroll_locked_timesheet WHERE organisation_id = $1 AND period_id = $2 AND caregiver_id = $3',
      [organisationId, periodId, caregiverId],
    );
    return locked?.timesheet;
  }

  /** The timesheet the caregiver's latest adjustment of the period was computed from, if any. */
  async lastAdjusted(
    manager: EntityManager,
    caregiverId: string,
    periodId: string,
  ): Promise<CaregiverTimesheet | undefined> {
    const [previous] = await manager.query<{ recomputed: CaregiverTimesheet }[]>(
      `SELECT recomputed FROM payroll_adjustment WHERE caregiver_id = $1 AND adjusts_period_id = $2
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [caregiverId, periodId],
    );
    return previous?.recomputed;
  }

  saveAdjustment(manager: EntityManager, adjustment: Partial<PayrollAdjustment>): Promise<PayrollAdjustment> {
    return manager.getRepository(PayrollAdjustment).save(adjustment);
  }

  /** The organisation and time zone of the caregiver's team. */
  async caregiverTeam(caregiverId: string): Promise<{ organisation_id: string; timezone: string }> {
    const [caregiver] = await this.dataSource.query<{ organisation_id: string; timezone: string }[]>(
      'SELECT t.organisation_id, t.timezone FROM caregiver c JOIN team t ON t.id = c.team_id WHERE c.id = $1',
      [caregiverId],
    );
    return caregiver;
  }

  /** The time zones of the organisation's teams. */
  async zonesOf(organisationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ timezone: string }[]>(
      'SELECT DISTINCT timezone FROM team WHERE organisation_id = $1',
      [organisationId],
    );
    return rows.map((row) => row.timezone);
  }
}
