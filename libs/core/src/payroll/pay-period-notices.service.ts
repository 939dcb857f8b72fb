// Coordinators hear that a pay period is ready to approve: when it is over and had work (found by
// the worker's scan, told once per period), and again when a late change withdrew its approval.
// The organisation's payroll system hears it too, as a webhook event in the same transaction.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@homecare/common';
import { nextPeriod, periodContaining, periodInstants, type PayPeriod } from '@homecare/payroll';
import { addDays, localDateOf } from '@homecare/scenario';
import { NotificationsService } from '../notifications';
import { WebhookEvents } from '../webhooks';
import { PayPeriodNoticesRepository } from './pay-period-notices.repository';
import { PayrollSettingsService, periodConfigOf } from './payroll-settings.service';

const MINUTE_MS = 60_000;
/** How far back the scan looks for periods nobody approved (older ones were told of before). */
export const READY_LOOKBACK_DAYS = 62;
const ORGANISATIONS_PER_PAGE = 100;

@Injectable()
export class PayPeriodNotices {
  constructor(
    private readonly repository: PayPeriodNoticesRepository,
    private readonly settings: PayrollSettingsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** Every organisation's periods that are over, had work and are not approved: told once. */
  async tellEndedPeriods(): Promise<{ organisations: number; periods: number }> {
    let organisations = 0;
    let periods = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const page = await this.repository.organisations(after, ORGANISATIONS_PER_PAGE);
      for (const organisationId of page) periods += await this.tellEndedPeriodsOf(organisationId);
      organisations += page.length;
      if (page.length < ORGANISATIONS_PER_PAGE) return { organisations, periods };
      after = page[page.length - 1];
    }
  }

  /** One organisation's ended, open periods with work; returns how many were (or had been) told. */
  async tellEndedPeriodsOf(organisationId: string): Promise<number> {
    const config = periodConfigOf(await this.settings.get(organisationId));
    const zones = ['UTC', ...(await this.repository.zonesOf(organisationId))];
    const nowMs = this.clock.nowMs();
    const today = localDateOf(nowMs / MINUTE_MS, 'UTC');
    let told = 0;
    for (
      let period = periodContaining(config, addDays(today, -READY_LOOKBACK_DAYS));
      period.start <= today;
      period = nextPeriod(config, period)
    ) {
      const instants = zones.map((zone) => periodInstants(period, zone));
      const start = Math.min(...instants.map((instant) => instant.start)) * MINUTE_MS;
      const end = Math.max(...instants.map((instant) => instant.end)) * MINUTE_MS;
      if (end > nowMs) break;
      const ready = await this.repository.transaction(async (manager) => {
        if (await this.repository.hasState(manager, organisationId, period.id)) return false;
        if (!(await this.repository.hadWork(manager, organisationId, new Date(start), new Date(end))))
          return false;
        await this.tellReady(manager, organisationId, period, { once: true });
        return true;
      });
      if (ready) told += 1;
    }
    return told;
  }

  /**
   * The organisation's coordinators: the period is ready to approve. `once`: the scan's message,
   * never repeated; otherwise (approval withdrawn) a new message, grouped while unread.
   */
  async tellReady(
    manager: EntityManager,
    organisationId: string,
    period: PayPeriod,
    options: { once: boolean },
  ): Promise<void> {
    const coordinators = await this.notifications.coordinatorsOf(manager, organisationId);
    await this.notifications.notify(
      manager,
      coordinators.map((userId) => ({
        userId,
        kind: 'payroll.period-ready',
        params: { period: `${period.start}/${period.end}`, periodKey: period.start },
        link: `/hours/${period.start}`,
        groupKey: `payroll.period-ready:${period.id}`,
        once: options.once,
      })),
    );
    await this.webhooks.emit(manager, organisationId, 'pay-period.ready', {
      periodKey: period.start,
      periodStart: period.start,
      periodEnd: period.end,
    });
  }
}
