import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type AppConfig, machineTime } from '@homecare/common';
import { WEBHOOK_ATTEMPTS, webhookRetryDelayMs } from '@homecare/jobs';
import { signWebhook } from './webhook-signature';
import { WebhooksRepository } from './webhooks.repository';

/** A receiver answers within this, or the attempt counts as failed. */
const TIMEOUT_MS = 10_000;

export type WebhookOutcome = 'delivered' | 'skipped';

/** A receiver did not take the event: the job fails and BullMQ tries again after its backoff. */
export class WebhookAttemptFailed extends Error {}

/**
 * Posts one delivery for the worker: signed at send time (the timestamp is the machine's, as the
 * receiver compares it with its own clock), logged per attempt with status, duration and error.
 * Deleted or disabled subscriptions are sent nothing. No body, address or secret reaches a log.
 */
@Injectable()
export class WebhookSender {
  private readonly retryDelayMs: number;

  constructor(
    private readonly repository: WebhooksRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.retryDelayMs = config.get('WEBHOOK_RETRY_DELAY_MS', { infer: true });
  }

  /** `attempt`: 1 for the first try (BullMQ's attemptsMade + 1). */
  async deliver(deliveryId: string, attempt: number): Promise<WebhookOutcome> {
    const delivery = await this.repository.deliveryToSend(deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    if (!delivery.enabled) {
      await this.repository.cancelDelivery(deliveryId);
      return 'skipped';
    }
    const body = JSON.stringify(delivery.payload);
    const attemptedAt = machineTime.now();
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'homecare-roster-webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(delivery.secret, delivery.id, timestamp, body),
        },
        body,
        // A redirect could lead the signed body anywhere: a 3xx is an answer like any other.
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (statusCode < 200 || statusCode > 299) error = `the receiver answered ${statusCode}`;
    } catch (caught) {
      error = reasonOf(caught);
    }
    const durationMs = Math.round(performance.now() - started);
    const last = attempt >= WEBHOOK_ATTEMPTS;
    const nextAttemptAt =
      error === null || last
        ? null
        : new Date(attemptedAt.getTime() + webhookRetryDelayMs(this.retryDelayMs, attempt));
    await this.repository.recordAttempt({
      deliveryId,
      attempt,
      attemptedAt,
      statusCode,
      durationMs,
      error,
      nextAttemptAt,
      status: error === null ? 'delivered' : last ? 'failed' : 'pending',
    });
    if (error !== null) throw new WebhookAttemptFailed(`webhook delivery ${deliveryId}: ${error}`);
    return 'delivered';
  }
}

/** Why no answer came, without the address (fetch's cause names the error, not the URL). */
function reasonOf(caught: unknown): string {
  const error = caught as Error & { cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  return (error.cause?.code ?? error.cause?.message ?? error.message ?? 'failed').slice(0, 500);
}
