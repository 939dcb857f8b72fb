export * from './webhooks.module';
export * from './webhook-events';
export * from './webhook-subscriptions.service';
export * from './webhook.view';
export { WebhookSender, WebhookAttemptFailed, type WebhookOutcome } from './webhook-sender';
export { REPLAY_WINDOW_SECONDS, SECRET_PREFIX, signWebhook, verifyWebhook } from './webhook-signature';
