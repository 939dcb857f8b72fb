// The events an organisation's systems hear of, emitted by the features in the transaction of the
// change (an outbox row per subscription), never after it: a change rolled back sends nothing, and
// a change committed is delivered even when Redis was away at the time.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@homecare/common';
import type { WebhookEventType } from '@homecare/database';
import { WebhooksRepository } from './webhooks.repository';

interface PlanFacts {
  teamId: string;
  planId: string;
  /** First and last local date of the plan's period. */
  periodStart: string;
  periodEnd: string;
}

/**
 * What each event carries: ids and plain facts only, never names, addresses or care details. The
 * receiver reads the rest through the API with its own access (and is access-logged there).
 */
export interface WebhookEventData {
  'plan.review-opened': PlanFacts & { reviewDeadline: string | null };
  'plan.published': PlanFacts & { unstaffedVisits: number };
  'plan.amendment-recorded': PlanFacts & { caregiversAffected: number };
  'client.visits-changed': {
    teamId: string;
    clientId: string;
    change: 'moved' | 'cancelled' | 'unstaffed';
    visitIds: string[];
  };
  'pay-period.ready': { periodKey: string; periodStart: string; periodEnd: string };
}

/** The body of every webhook (Standard Webhooks' shape): its type, when it happened, its data. */
export interface WebhookBody<T extends WebhookEventType = WebhookEventType> {
  type: T;
  timestamp: string;
  data: WebhookEventData[T] & { organisationId: string };
}

@Injectable()
export class WebhookEvents {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly clock: Clock,
  ) {}

  /** Records the event for every subscription of the organisation that wants it; returns how many. */
  emit<T extends WebhookEventType>(
    manager: EntityManager,
    organisationId: string,
    type: T,
    data: WebhookEventData[T],
  ): Promise<number> {
    const body: WebhookBody<T> = {
      type,
      timestamp: this.clock.now().toISOString(),
      data: { organisationId, ...data },
    };
    return this.repository.recordEvent(
      manager,
      organisationId,
      type,
      body as unknown as Record<string, unknown>,
    );
  }

  /** The same, for an event of a team (its organisation's subscriptions). */
  async emitForTeam<T extends WebhookEventType>(
    manager: EntityManager,
    type: T,
    data: WebhookEventData[T] & { teamId: string },
  ): Promise<number> {
    const organisationId = await this.repository.organisationOfTeam(manager, data.teamId);
    return organisationId ? this.emit(manager, organisationId, type, data) : 0;
  }
}
