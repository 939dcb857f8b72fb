import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock, ConflictError, InvalidInputError, NotFoundError } from '@homecare/common';
import type { PayPeriodState, PayrollLockedTimesheet } from '@homecare/database';
import { datesBetween, isLocalDate, localDateOf } from '@homecare/scenario';
import {
  adjustmentLines,
  nextPeriod,
  periodContaining,
  periodForCorrection,
  periodInstants,
  toEpochMinutes,
  type CaregiverTimesheet,
  type PayPeriod,
  type TimesheetLine,
} from '@homecare/payroll';
import { PayPeriodNotices } from './pay-period-notices.service';
import { PayPeriodsRepository } from './pay-periods.repository';
import { PayrollSettingsService, periodConfigOf } from './payroll-settings.service';
import { PAYROLL_PAGE_SIZE, TimesheetsService } from './timesheets.service';
import type {
  PayPeriodList,
  PayPeriodStateName,
  PayPeriodView,
  PayrollSettingsView,
  TimesheetsPage,
} from './payroll.view';

const MINUTE_MS = 60_000;
/** The longest range one pay-period list may cover. */
export const MAX_PAY_PERIOD_LIST_DAYS = 400;

export interface RoutedChange {
  /** The period the changed work belongs to, and its state. */
  periodId: string;
  state: PayPeriodStateName;
  /** An approved period whose work changed goes back to open (approval was of other numbers). */
  approvalWithdrawn: boolean;
  /** Work of a locked period: the differences, paid in the next open period. */
  adjustment: { id: string; periodId: string; adjustsPeriodId: string; lines: TimesheetLine[] } | null;
}

/** Pay periods of organisations: their states, approval, locking, and late changes as adjustments. */
@Injectable()
export class PayPeriodsService {
  constructor(
    private readonly repository: PayPeriodsRepository,
    private readonly settings: PayrollSettingsService,
    private readonly timesheets: TimesheetsService,
    private readonly clock: Clock,
    private readonly notices: PayPeriodNotices,
  ) {}

  /** The period whose key (first date) is `key`; anything else is not a period of this organisation. */
  async resolve(
    organisationId: string,
    key: string,
  ): Promise<{ settings: PayrollSettingsView; period: PayPeriod }> {
    const settings = await this.settings.get(organisationId);
    if (!isLocalDate(key)) throw new NotFoundError('pay period', key);
    const period = periodContaining(periodConfigOf(settings), key);
    if (period.start !== key) throw new NotFoundError('pay period', key);
    return { settings, period };
  }

  async list(organisationId: string, range: { from: string; to: string }): Promise<PayPeriodList> {
    const problems = [];
    if (!isLocalDate(range.from))
      problems.push({ path: '$.from', message: 'from must be a date YYYY-MM-DD' });
    if (!isLocalDate(range.to)) problems.push({ path: '$.to', message: 'to must be a date YYYY-MM-DD' });
    if (problems.length === 0 && range.from > range.to)
      problems.push({ path: '$.to', message: 'to must not be before from' });
    if (problems.length === 0 && datesBetween(range.from, range.to).length > MAX_PAY_PERIOD_LIST_DAYS)
      problems.push({ path: '$.to', message: `a list covers at most ${MAX_PAY_PERIOD_LIST_DAYS} days` });
    if (problems.length > 0) throw new InvalidInputError('The range is not valid.', problems);
    const settings = await this.settings.get(organisationId);
    const config = periodConfigOf(settings);
    const periods: PayPeriod[] = [];
    for (
      let period = periodContaining(config, range.from);
      period.start <= range.to;
      period = nextPeriod(config, period)
    )
      periods.push(period);
    const states = await this.repository.statesOf(organisationId);
    const byId = new Map(states.map((state) => [state.periodId, state]));
    return { items: periods.map((period) => viewOf(period, byId.get(period.id) ?? null)) };
  }

  async state(organisationId: string, period: PayPeriod): Promise<PayPeriodView> {
    const row = await this.repository.state(organisationId, period.id);
    return viewOf(period, row);
  }

  /** Timesheets of a page of caregivers: stored ones for a locked period, computed otherwise. */
  async timesheetPage(
    organisationId: string,
    key: string,
    filter: { caregiverIds?: string[]; userId?: string },
    page: { limit: number; offset: number },
  ): Promise<TimesheetsPage> {
    const { settings, period } = await this.resolve(organisationId, key);
    const state = await this.state(organisationId, period);
    const caregivers = await this.timesheets.caregiversByOffset(organisationId, filter, page);
    if (filter.caregiverIds && caregivers.total === 0)
      throw new NotFoundError('caregiver', filter.caregiverIds.join(', '));
    let items: CaregiverTimesheet[];
    if (state.state === 'locked') {
      const byId = await this.repository.lockedTimesheetsOf(
        organisationId,
        period.id,
        caregivers.items.map((caregiver) => caregiver.id),
      );
      // A caregiver added after locking had no work in it: nothing was locked for them.
      items = caregivers.items.flatMap((caregiver) => byId.get(caregiver.id) ?? []);
    } else {
      items = await this.timesheets.run(organisationId, settings, period).compute(caregivers.items);
    }
    return {
      period: state,
      source: state.state === 'locked' ? 'locked' : 'computed',
      items,
      total: caregivers.total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /**
   * Every timesheet of the period, one caregiver at a time, for the streaming exports: the stored
   * ones of a locked period, otherwise computed a page of caregivers at a time.
   */
  async stream(
    organisationId: string,
    key: string,
  ): Promise<{ period: PayPeriodView; timesheets: AsyncGenerator<CaregiverTimesheet> }> {
    const { settings, period } = await this.resolve(organisationId, key);
    const state = await this.state(organisationId, period);
    const timesheets =
      state.state === 'locked'
        ? this.lockedTimesheets(organisationId, period.id)
        : this.timesheets.run(organisationId, settings, period).all();
    return { period: state, timesheets };
  }

  private async *lockedTimesheets(
    organisationId: string,
    periodId: string,
  ): AsyncGenerator<CaregiverTimesheet> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.repository.lockedTimesheetsAfter(
        organisationId,
        periodId,
        after,
        PAYROLL_PAGE_SIZE,
      );
      for (const row of rows) yield row.timesheet;
      if (rows.length < PAYROLL_PAGE_SIZE) return;
      after = rows[rows.length - 1].caregiver_id;
    }
  }

  /** A coordinator approves a period that is over; approving again changes nothing. */
  async approve(organisationId: string, key: string, userId: string): Promise<PayPeriodView> {
    const { period } = await this.resolve(organisationId, key);
    if ((await this.endOf(organisationId, period)) > this.clock.nowMs())
      throw new ConflictError(`The period ${period.id} is not over yet: it can be approved once it ends.`);
    return this.repository.withOrganisationLock(organisationId, async (manager) => {
      const current = await this.repository.stateIn(manager, organisationId, period.id);
      if (current?.state === 'locked') throw new ConflictError(`The period ${period.id} is locked.`);
      if (current) return viewOf(period, current);
      const saved = await this.repository.saveState(manager, {
        organisationId,
        periodId: period.id,
        periodStart: period.start,
        periodEnd: period.end,
        state: 'approved',
        approvedAt: this.clock.now(),
        approvedBy: userId,
      });
      return viewOf(period, saved);
    });
  }

  /**
   * Locks an approved period: every caregiver's timesheet is stored as it is now and never changes
   * again. Locking again changes nothing.
   */
  async lock(organisationId: string, key: string, userId: string): Promise<PayPeriodView> {
    const { settings, period } = await this.resolve(organisationId, key);
    return this.repository.withOrganisationLock(organisationId, async (manager) => {
      const current = await this.repository.stateIn(manager, organisationId, period.id);
      if (!current) throw new ConflictError(`The period ${period.id} must be approved before it is locked.`);
      if (current.state === 'locked') return viewOf(period, current);
      let batch: QueryDeepPartialEntity<PayrollLockedTimesheet>[] = [];
      const flush = async () => {
        if (batch.length > 0) await this.repository.insertLockedTimesheets(manager, batch);
        batch = [];
      };
      for await (const timesheet of this.timesheets.run(organisationId, settings, period).all()) {
        batch.push({
          organisationId,
          periodId: period.id,
          periodStart: period.start,
          periodEnd: period.end,
          caregiverId: timesheet.caregiverId,
          timesheet: timesheet as unknown as QueryDeepPartialEntity<Record<string, unknown>>,
        });
        if (batch.length >= PAYROLL_PAGE_SIZE) await flush();
      }
      await flush();
      current.state = 'locked';
      current.lockedAt = this.clock.now();
      current.lockedBy = userId;
      return viewOf(period, await this.repository.saveState(manager, current));
    });
  }

  /**
   * After a caregiver's work on a visit changed (a check-in, a check-out, a correction): an
   * approved period goes back to open; a locked one is never edited, its differences become
   * adjustment lines of the next open period (compared with the last state already paid, so
   * that nothing is paid twice).
   */
  async workChanged(
    caregiverId: string,
    plannedStart: Date,
    checkInCorrectionId: string | null,
  ): Promise<RoutedChange> {
    const caregiver = await this.repository.caregiverTeam(caregiverId);
    const organisationId = caregiver.organisation_id;
    const settings = await this.settings.get(organisationId);
    const config = periodConfigOf(settings);
    const date = localDateOf(toEpochMinutes(plannedStart), caregiver.timezone);
    const period = periodContaining(config, date);
    // The usual case, an open period nobody approved: no lock needed. (Approving and locking only
    // ever start from an existing row, and a lock reads this change since it is committed.)
    const existing = await this.repository.hasState(organisationId, period.id);
    if (!existing) return { periodId: period.id, state: 'open', approvalWithdrawn: false, adjustment: null };
    return this.repository.withOrganisationLock(organisationId, async (manager) => {
      const current = await this.repository.stateIn(manager, organisationId, period.id);
      if (!current) return { periodId: period.id, state: 'open', approvalWithdrawn: false, adjustment: null };
      if (current.state === 'approved') {
        await this.repository.deleteState(manager, current.id);
        // Its coordinators approve it again: they hear so with the withdrawal.
        await this.notices.tellReady(manager, organisationId, period, { once: false });
        return { periodId: period.id, state: 'open', approvalWithdrawn: true, adjustment: null };
      }
      const [row] = await this.timesheets
        .caregiversByOffset(organisationId, { caregiverIds: [caregiverId] }, { limit: 1, offset: 0 })
        .then((page) => page.items);
      const [recomputed] = await this.timesheets.run(organisationId, settings, period).compute([row]);
      const previous = await this.repository.lastAdjusted(manager, caregiverId, period.id);
      const locked = await this.repository.lockedTimesheet(manager, organisationId, period.id, caregiverId);
      const baseline = previous ?? locked ?? emptyLike(recomputed);
      const lines = adjustmentLines(baseline, recomputed);
      if (lines.length === 0)
        return { periodId: period.id, state: 'locked', approvalWithdrawn: false, adjustment: null };
      const lockedIds = await this.repository.lockedPeriodIds(manager, organisationId);
      const target = periodForCorrection(config, date, (candidate) => lockedIds.has(candidate.id));
      const saved = await this.repository.saveAdjustment(manager, {
        organisationId,
        caregiverId,
        periodId: target.id,
        adjustsPeriodId: period.id,
        lines,
        recomputed: recomputed as unknown as Record<string, unknown>,
        checkInCorrectionId,
      });
      return {
        periodId: period.id,
        state: 'locked',
        approvalWithdrawn: false,
        adjustment: { id: saved.id, periodId: target.id, adjustsPeriodId: period.id, lines },
      };
    });
  }

  /** The instant a period is over in every team of the organisation (teams may be in several zones). */
  private async endOf(organisationId: string, period: PayPeriod): Promise<number> {
    const zones = await this.repository.zonesOf(organisationId);
    const ends = zones.map((zone) => periodInstants(period, zone).end * MINUTE_MS);
    return Math.max(periodInstants(period, 'UTC').end * MINUTE_MS, ...ends);
  }
}

function emptyLike(timesheet: CaregiverTimesheet): CaregiverTimesheet {
  return { ...timesheet, lines: [], entries: [], flags: [] };
}

function viewOf(period: PayPeriod, row: PayPeriodState | null): PayPeriodView {
  return {
    key: period.start,
    id: period.id,
    frequency: period.frequency,
    start: period.start,
    end: period.end,
    state: row?.state ?? 'open',
    approvedAt: row?.approvedAt?.toISOString() ?? null,
    approvedBy: row?.approvedBy ?? null,
    lockedAt: row?.lockedAt?.toISOString() ?? null,
    lockedBy: row?.lockedBy ?? null,
  };
}
