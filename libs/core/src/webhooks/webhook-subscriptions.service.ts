import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type AppConfig, InvalidInputError, NotFoundError } from '@homecare/common';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@homecare/database';
import { newWebhookSecret } from './webhook-signature';
import { checkWebhookUrl } from './webhook-url';
import type {
  CreatedWebhookSubscriptionView,
  WebhookDeliveryPage,
  WebhookSecretView,
  WebhookSubscriptionView,
} from './webhook.view';
import { type SubscriptionRow, WebhooksRepository } from './webhooks.repository';

export const MAX_DELIVERY_PAGE = 100;

export interface SubscriptionInput {
  url: string;
  eventTypes: string[];
}

/**
 * An organisation's webhook subscriptions, as its coordinators manage them. The caller has
 * decided access to the organisation; a subscription of another organisation is not found.
 */
@Injectable()
export class WebhookSubscriptionsService {
  private readonly production: boolean;

  constructor(
    private readonly repository: WebhooksRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.production = config.get('NODE_ENV', { infer: true }) === 'production';
  }

  async create(
    organisationId: string,
    input: SubscriptionInput,
    createdBy: string,
  ): Promise<CreatedWebhookSubscriptionView> {
    const url = checkWebhookUrl(input.url, this.production);
    const eventTypes = checkEventTypes(input.eventTypes);
    const secret = newWebhookSecret();
    const row = await this.repository.insertSubscription({
      organisationId,
      url,
      eventTypes,
      secret,
      createdBy,
    });
    return { ...toView(row), secret };
  }

  async list(organisationId: string): Promise<WebhookSubscriptionView[]> {
    return (await this.repository.listSubscriptions(organisationId)).map(toView);
  }

  async get(organisationId: string, id: string): Promise<WebhookSubscriptionView> {
    return toView(await this.found(organisationId, id));
  }

  /** Changes only what is given: the address, the event types, on or off. */
  async update(
    organisationId: string,
    id: string,
    input: Partial<SubscriptionInput> & { enabled?: boolean },
  ): Promise<WebhookSubscriptionView> {
    const changes = {
      url: input.url === undefined ? undefined : checkWebhookUrl(input.url, this.production),
      eventTypes: input.eventTypes === undefined ? undefined : checkEventTypes(input.eventTypes),
      enabled: input.enabled,
    };
    const row = await this.repository.updateSubscription(organisationId, id, changes);
    if (!row) throw new NotFoundError('webhook subscription', id);
    return toView(row);
  }

  async remove(organisationId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteSubscription(organisationId, id)))
      throw new NotFoundError('webhook subscription', id);
  }

  /** A new secret at once: deliveries from now on (retries too) are signed with it. */
  async rotateSecret(organisationId: string, id: string): Promise<WebhookSecretView> {
    const secret = newWebhookSecret();
    if (!(await this.repository.updateSubscription(organisationId, id, { secret })))
      throw new NotFoundError('webhook subscription', id);
    return { secret };
  }

  async deliveries(
    organisationId: string,
    id: string,
    options: { limit?: number; before?: string },
  ): Promise<WebhookDeliveryPage> {
    await this.found(organisationId, id);
    const limit = options.limit ?? 50;
    const { deliveries, attempts } = await this.repository.deliveries(id, limit + 1, options.before);
    const page = deliveries.slice(0, limit);
    return {
      items: page.map((delivery) => ({
        id: delivery.id,
        eventType: delivery.event_type,
        status: delivery.status,
        attempts: delivery.attempts,
        createdAt: delivery.created_at.toISOString(),
        deliveredAt: delivery.delivered_at?.toISOString() ?? null,
        nextAttemptAt: delivery.next_attempt_at?.toISOString() ?? null,
        attemptLog: attempts
          .filter((attempt) => attempt.delivery_id === delivery.id)
          .map((attempt) => ({
            attempt: attempt.attempt,
            attemptedAt: attempt.attempted_at.toISOString(),
            statusCode: attempt.status_code,
            durationMs: attempt.duration_ms,
            error: attempt.error,
            nextAttemptAt: attempt.next_attempt_at?.toISOString() ?? null,
          })),
      })),
      nextBefore: deliveries.length > limit ? page[page.length - 1].id : null,
    };
  }

  private async found(organisationId: string, id: string): Promise<SubscriptionRow> {
    const row = await this.repository.subscription(organisationId, id);
    if (!row) throw new NotFoundError('webhook subscription', id);
    return row;
  }
}

function checkEventTypes(eventTypes: string[]): WebhookEventType[] {
  const unknown = eventTypes.filter((type) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0)
    throw new InvalidInputError(
      `No such event type: ${unknown.join(', ')} (there are ${WEBHOOK_EVENT_TYPES.join(', ')}).`,
      unknown.map((type) => ({
        path: `body.eventTypes[${eventTypes.indexOf(type)}]`,
        message: 'is not an event type',
      })),
      'webhook.unknown-event-type',
    );
  if (eventTypes.length === 0)
    throw new InvalidInputError(
      'A subscription wants at least one event type.',
      [{ path: 'body.eventTypes', message: 'must name at least one event type' }],
      'webhook.no-event-types',
    );
  return [...new Set(eventTypes)] as WebhookEventType[];
}

function toView(row: SubscriptionRow): WebhookSubscriptionView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    url: row.url,
    eventTypes: row.event_types,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
  };
}
