// Settling agreement: when an in-review plan becomes agreed. Lazily, on the plan's reads, in every
// write's transaction, before publishing, and from the worker when a review deadline passes, so the
// rule (agreementDue) is applied in one place whoever asks.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@homecare/common';
import { RosterPlan, RosterPlanObjection } from '@homecare/database';
import { recordEvent } from './plan-versions.repository';
import { agreementDue, RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository, type LockedPlan } from './roster-plan.repository';
import type { PlanView } from './roster-plan.view';

@Injectable()
export class PlanAgreement {
  constructor(
    private readonly repository: RosterPlanRepository,
    private readonly reader: RosterPlanReader,
    private readonly clock: Clock,
  ) {}

  /** The plan as a reader sees it, agreement settled first when it is due. */
  async getPlan(planId: string): Promise<PlanView> {
    const read = await this.reader.readPlan(this.repository.manager, planId);
    // Settling takes the plan's row lock and writes, so a read settles only when what it read says
    // there is something to settle; writes settle in their own transaction anyway.
    if (!read.settleable) return read.view;
    await this.settle(planId);
    return (await this.reader.readPlan(this.repository.manager, planId)).view;
  }

  /**
   * Settles agreement lazily (on reads, before publishing, and when a review deadline passes): an
   * in-review plan is agreed once every member has consented to the current version, or the
   * deadline has passed, and no objection is open.
   */
  async settle(planId: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const plan = await this.repository.lockPlan(manager, planId);
      if (!plan) return;
      if (await this.settleAgreement(manager, plan)) await this.repository.bumpRevision(manager, planId);
    });
  }

  /** Agreement settled in the caller's transaction (the plan's row locked); true when it was. */
  async settleAgreement(manager: EntityManager, plan: LockedPlan): Promise<boolean> {
    // The cheap refusals first, each a query fewer; agreementDue has the whole rule.
    if (plan.status !== 'in-review' || plan.currentVersion === 0) return false;
    const computation = await this.repository.computationOf(manager, plan);
    if (computation?.status === 'queued' || computation?.status === 'running') return false;
    const openObjections = await manager.countBy(RosterPlanObjection, { planId: plan.id, status: 'open' });
    if (openObjections > 0) return false;
    const members = await this.repository.members(manager, plan.teamId);
    const consents = await this.reader.consentsOf(manager, plan.id, plan.currentVersion);
    const silent = members.filter((member) => !consents.has(member.caregiverId));
    const due = agreementDue({
      status: plan.status,
      currentVersion: plan.currentVersion,
      computationStatus: computation?.status ?? null,
      openObjections,
      members: members.length,
      silent: silent.length,
      reviewDeadline: plan.reviewDeadline,
      now: this.clock.now(),
    });
    if (due === null) return false;
    const everyone = due === 'everyone';
    await manager.update(RosterPlan, { id: plan.id }, { status: 'agreed', agreedAt: this.clock.now() });
    plan.status = 'agreed';
    await recordEvent(
      manager,
      plan,
      null,
      'agreed',
      everyone
        ? `every member consented to version ${plan.currentVersion}`
        : `the review deadline passed: silence of ${silent.map((member) => member.name).join(', ') || 'nobody'} counts as consent`,
      { status: 'in-review' },
      { status: 'agreed', version: plan.currentVersion, silent: silent.map((member) => member.caregiverId) },
    );
    return true;
  }
}
