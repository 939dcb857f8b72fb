// What coordinators see of their organisation's webhook subscriptions and deliveries.
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryStatus, type WebhookEventType } from '@homecare/database';

export class WebhookSubscriptionView {
  id: string;
  organisationId: string;
  /** Where the events are posted. */
  url: string;
  /** @example ["client.visits-changed", "plan.published"] */
  eventTypes: WebhookEventType[];
  /** A disabled subscription is sent nothing. */
  enabled: boolean;
  createdAt: string;
}

/** The answer to creating a subscription: the only time its secret is shown. */
export class CreatedWebhookSubscriptionView extends WebhookSubscriptionView {
  /** The signing secret (`whsec_` and base64): keep it now, it is never shown again. */
  secret: string;
}

/** The answer to rotating a secret: the new one, shown once; the old one signs nothing more. */
export class WebhookSecretView {
  secret: string;
}

export class WebhookAttemptView {
  /** 1 for the first try. */
  attempt: number;
  attemptedAt: string;
  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  statusCode: number | null;
  durationMs: number;
  /** Why the attempt failed (no response body is kept); null when it succeeded. */
  error: string | null;
  /** When the next try is due; null after a success or the last try. */
  nextAttemptAt: string | null;
}

export class WebhookDeliveryView {
  /** The `webhook-id` header: the same in every attempt. */
  id: string;
  eventType: WebhookEventType;
  /** pending (tries left), delivered (a 2xx came back), failed (no tries left), cancelled (disabled meanwhile) */
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  attemptLog: WebhookAttemptView[];
}

export class WebhookDeliveryPage {
  /** Newest first. */
  items: WebhookDeliveryView[];
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: string | null;
}

export const ALL_WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;
