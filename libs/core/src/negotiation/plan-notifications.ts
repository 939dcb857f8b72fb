// Who is told what as a plan goes through its life: the members when a review opens, when its
// deadline nears and when it is published; each caregiver whose own visits an amendment changed
// (one message with counts, not one per visit); the colleagues an objection or an offer concerns;
// a family whose visit has nobody yet. Every method writes in the caller's transaction, so the
// change and its messages exist together or not at all, and never tells the person who acted.
// The organisation's own systems hear the same moments as webhook events, in the same transaction.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@homecare/common';
import { RosterPlan } from '@homecare/database';
import { type NewNotification, NotificationsService } from '../notifications';
import { WebhookEvents } from '../webhooks';
import { changesPerCaregiver, unstaffedVisits } from './caregiver-changes';
import type { PlanRow } from './plan-rules';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository } from './roster-plan.repository';

type PlanOf = Pick<RosterPlan, 'id' | 'teamId' | 'periodStart' | 'periodEnd'>;

/** What an amendment changed, as the worker stored it. */
export interface PublishedAmendment {
  /** The caregiver who is away (their visits are taken away; they confirm nothing). */
  caregiverId: string;
  /** Who asked for it: the actor, not told. */
  createdBy: string | null;
  /** The members who confirm it. */
  affectedCaregiverIds: string[];
}

@Injectable()
export class PlanNotifications {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly reader: RosterPlanReader,
    private readonly repository: RosterPlanRepository,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  /**
   * The worker's reminder a day before a review deadline: only while the plan is still in review
   * and the deadline still ahead; a redelivered job tells nobody twice (`once`).
   */
  async remindReview(planId: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const plan = await manager.findOneBy(RosterPlan, { id: planId });
      if (!plan || plan.status !== 'in-review' || !plan.reviewDeadline) return;
      if (plan.reviewDeadline.getTime() <= this.clock.nowMs()) return;
      const consents = await this.reader.consentsOf(manager, plan.id, plan.currentVersion);
      await this.reviewDeadlineNear(manager, plan, consents);
    });
  }

  /** Every member: the review is open (with its deadline, when there is one). */
  async reviewOpened(
    manager: EntityManager,
    plan: PlanOf & Pick<RosterPlan, 'reviewDeadline'>,
    actorUserId: string | undefined,
  ): Promise<void> {
    const [members, base] = await Promise.all([
      this.notifications.membersOfTeam(manager, plan.teamId),
      this.paramsOf(plan),
    ]);
    await this.notifications.notify(
      manager,
      members.map(({ userId }) => ({
        userId,
        kind: 'plan.review-opened',
        params: { ...base, deadline: plan.reviewDeadline?.toISOString() ?? '' },
        link: linkOf(plan),
        groupKey: `plan.review-opened:${plan.id}`,
      })),
      actorUserId,
    );
    await this.webhooks.emitForTeam(manager, 'plan.review-opened', {
      ...factsOf(plan),
      reviewDeadline: plan.reviewDeadline?.toISOString() ?? null,
    });
  }

  /** The members who have not consented yet: the deadline is near. Once per plan and person. */
  async reviewDeadlineNear(
    manager: EntityManager,
    plan: PlanOf & Pick<RosterPlan, 'reviewDeadline'>,
    consented: Set<string>,
  ): Promise<void> {
    const [members, base] = await Promise.all([
      this.notifications.membersOfTeam(manager, plan.teamId),
      this.paramsOf(plan),
    ]);
    await this.notifications.notify(
      manager,
      members
        .filter(({ caregiverId }) => !consented.has(caregiverId))
        .map(({ userId }) => ({
          userId,
          kind: 'plan.review-deadline',
          params: { ...base, deadline: plan.reviewDeadline?.toISOString() ?? '' },
          link: linkOf(plan),
          groupKey: `plan.review-deadline:${plan.id}`,
          once: true,
        })),
    );
  }

  /**
   * Every member: the plan is final, with how many visits are theirs and how many have nobody;
   * and each family whose coming visit has nobody yet.
   */
  async published(manager: EntityManager, plan: PlanOf, rows: PlanRow[], actorUserId: string): Promise<void> {
    const [members, base] = await Promise.all([
      this.notifications.membersOfTeam(manager, plan.teamId),
      this.paramsOf(plan),
    ]);
    const unstaffed = unstaffedVisits(rows);
    const mine = (caregiverId: string) =>
      rows.filter((row) => row.start && row.caregiverIds.includes(caregiverId)).length;
    await this.notifications.notify(
      manager,
      members.map(({ userId, caregiverId }) => ({
        userId,
        kind: 'plan.published',
        params: { ...base, visits: mine(caregiverId), unstaffed: unstaffed.length },
        link: linkOf(plan),
        groupKey: `plan.published:${plan.id}`,
      })),
      actorUserId,
    );
    await this.webhooks.emitForTeam(manager, 'plan.published', {
      ...factsOf(plan),
      unstaffedVisits: unstaffed.length,
    });
    await this.tellFamiliesOfUnstaffed(manager, plan, unstaffed, base.zone, actorUserId);
  }

  /**
   * An amended version, published at once: each caregiver whose own visits changed hears it once,
   * with counts; those who must confirm it are asked to. Families hear of visits that newly have
   * nobody.
   */
  async amended(
    manager: EntityManager,
    plan: PlanOf,
    before: PlanRow[],
    after: PlanRow[],
    amendment: PublishedAmendment,
  ): Promise<void> {
    const changes = changesPerCaregiver(before, after);
    const [readers, base] = await Promise.all([
      this.notifications.readersOf(manager, [...changes.keys()]),
      this.paramsOf(plan),
    ]);
    const toConfirm = new Set(amendment.affectedCaregiverIds);
    await this.notifications.notify(
      manager,
      readers.map(({ userId, caregiverId }) => {
        const kind = toConfirm.has(caregiverId) ? 'plan.amendment-to-confirm' : 'plan.visits-changed';
        return {
          userId,
          kind,
          params: { ...base, ...changes.get(caregiverId)! },
          link: linkOf(plan),
          groupKey: `${kind}:${plan.id}`,
        } satisfies NewNotification;
      }),
      amendment.createdBy ?? undefined,
    );
    await this.webhooks.emitForTeam(manager, 'plan.amendment-recorded', {
      ...factsOf(plan),
      caregiversAffected: changes.size,
    });
    const already = new Set(unstaffedVisits(before));
    await this.tellFamiliesOfUnstaffed(
      manager,
      plan,
      unstaffedVisits(after).filter((visitId) => !already.has(visitId)),
      base.zone,
      amendment.createdBy ?? undefined,
    );
  }

  /**
   * The caregiver a colleague reported absent (where the organisation allows it): told at once, in
   * the transaction that records it, so nobody is taken off the roster without knowing.
   */
  async absenceReported(
    manager: EntityManager,
    plan: PlanOf,
    absence: { caregiverId: string; from: Date; to: Date },
    actorUserId: string,
  ): Promise<void> {
    const [readers, base] = await Promise.all([
      this.notifications.readersOf(manager, [absence.caregiverId]),
      this.paramsOf(plan),
    ]);
    await this.notifications.notify(
      manager,
      readers.map(({ userId }) => ({
        userId,
        kind: 'plan.absence-reported',
        params: { ...base, from: absence.from.toISOString(), to: absence.to.toISOString() },
        link: linkOf(plan),
      })),
      actorUserId,
    );
  }

  /** The other members planned on a visit a colleague objects to. */
  async objectionRaised(
    manager: EntityManager,
    plan: PlanOf,
    row: PlanRow,
    actorUserId: string,
  ): Promise<void> {
    const [readers, base] = await Promise.all([
      this.notifications.readersOf(manager, row.caregiverIds),
      this.paramsOf(plan),
    ]);
    await this.notifications.notify(
      manager,
      readers.map(({ userId }) => ({
        userId,
        kind: 'plan.objection',
        params: { ...base, at: row.start?.toISOString() ?? '', visitId: row.visitId },
        link: linkOf(plan),
        groupKey: `plan.objection:${plan.id}`,
      })),
      actorUserId,
    );
  }

  /** The members whose objections a new version answers (`rows`: the version before it). */
  async objectionsResolved(
    manager: EntityManager,
    plan: PlanOf,
    objections: { caregiverId: string; visitId: string }[],
    rows: PlanRow[],
    actorUserId: string | undefined,
  ): Promise<void> {
    if (objections.length === 0) return;
    const [readers, base] = await Promise.all([
      this.notifications.readersOf(manager, [...new Set(objections.map((o) => o.caregiverId))]),
      this.paramsOf(plan),
    ]);
    const startOf = new Map(rows.map((row) => [row.visitId, row.start?.toISOString() ?? '']));
    const userOf = new Map(readers.map((reader) => [reader.caregiverId, reader.userId]));
    await this.notifications.notify(
      manager,
      objections.flatMap(({ caregiverId, visitId }) => {
        const userId = userOf.get(caregiverId);
        if (!userId) return [];
        return [
          {
            userId,
            kind: 'plan.objection-resolved' as const,
            params: { ...base, at: startOf.get(visitId) ?? '', visitId },
            link: linkOf(plan),
            groupKey: `plan.objection-resolved:${plan.id}`,
          },
        ];
      }),
      actorUserId,
    );
  }

  /** The colleague an offer is made to; every other member for an offer to the team. */
  async offered(
    manager: EntityManager,
    plan: PlanOf,
    offer: { visitId: string; fromCaregiverId: string; toCaregiverId: string | null; swap: boolean },
    row: PlanRow,
    actorUserId: string,
  ): Promise<void> {
    const [readers, base] = await Promise.all([
      offer.toCaregiverId
        ? this.notifications.readersOf(manager, [offer.toCaregiverId])
        : this.notifications.membersOfTeam(manager, plan.teamId),
      this.paramsOf(plan),
    ]);
    await this.notifications.notify(
      manager,
      readers
        .filter(({ caregiverId }) => caregiverId !== offer.fromCaregiverId)
        .map(({ userId }) => ({
          userId,
          kind: 'plan.offer',
          params: {
            ...base,
            at: row.start?.toISOString() ?? '',
            visitId: offer.visitId,
            swap: offer.swap ? 1 : 0,
          },
          link: linkOf(plan),
          groupKey: `plan.offer:${plan.id}`,
        })),
      actorUserId,
    );
  }

  /** Families following a client whose coming visit has nobody: grouped per client. */
  private async tellFamiliesOfUnstaffed(
    manager: EntityManager,
    plan: PlanOf,
    visitIds: string[],
    zone: string,
    actorUserId: string | undefined,
  ): Promise<void> {
    const visits = await this.notifications.comingVisitsOf(manager, visitIds);
    const messages: NewNotification[] = [];
    const followersOf = new Map<string, string[]>();
    for (const visit of visits) {
      let followers = followersOf.get(visit.clientId);
      if (!followers) {
        followers = await this.notifications.followersOfClient(manager, visit.clientId);
        followersOf.set(visit.clientId, followers);
      }
      for (const userId of followers)
        messages.push({
          userId,
          kind: 'visit.unstaffed',
          params: { at: visit.earliestStart.toISOString(), zone, visitId: visit.visitId },
          link: `/clients/${visit.clientId}/plan`,
          groupKey: `visit.unstaffed:${visit.clientId}`,
        });
    }
    await this.notifications.notify(manager, messages, actorUserId);
    // The plan's visits are its team's: each client's coming visits with nobody, as one event.
    for (const clientId of followersOf.keys()) {
      await this.webhooks.emitForTeam(manager, 'client.visits-changed', {
        teamId: plan.teamId,
        clientId,
        change: 'unstaffed',
        visitIds: visits.filter((visit) => visit.clientId === clientId).map((visit) => visit.visitId),
      });
    }
  }

  /** What every plan message carries: the period (two dates) and the team's zone. */
  private async paramsOf(plan: PlanOf): Promise<{ period: string; zone: string; planId: string }> {
    return {
      period: `${plan.periodStart}/${plan.periodEnd}`,
      zone: await this.reader.timezoneOf(plan.teamId),
      planId: plan.id,
    };
  }
}

/** What every plan event tells an organisation's system: which plan of which team, for when. */
const factsOf = (plan: PlanOf) => ({
  teamId: plan.teamId,
  planId: plan.id,
  periodStart: plan.periodStart,
  periodEnd: plan.periodEnd,
});

/** The team's board, on this plan. */
const linkOf = (plan: PlanOf): string => `/teams/${plan.teamId}?plan=${plan.id}`;
