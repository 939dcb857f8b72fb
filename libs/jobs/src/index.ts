// Queue names, job names and payloads, declared once for the API (producer) and the worker
// (consumer), so that a wrong payload is a compile error on both sides. Payloads carry ids only:
// the worker reloads everything from Postgres, and no personal data ever sits in Redis.

export const MAINTENANCE_QUEUE = 'maintenance';

/** Generates (idempotently) the visits of every team's care needs for the coming weeks. */
export interface RollVisitsForwardJob {
  name: 'roll-visits-forward';
  data: { days: number };
}

/** Generates the visits of one team for a period (idempotent: regenerating never duplicates). */
export interface GenerateVisitsJob {
  name: 'generate-visits';
  data: { teamId: string; from: string; to: string };
}

/** Tells coordinators of pay periods that are over, had work and wait for approval (once each). */
export interface TellPayPeriodsReadyJob {
  name: 'tell-pay-periods-ready';
  data: Record<never, never>;
}

export type MaintenanceJob = RollVisitsForwardJob | GenerateVisitsJob | TellPayPeriodsReadyJob;
export type MaintenanceJobName = MaintenanceJob['name'];
export type JobData<J extends { name: string; data: unknown }, N extends J['name']> = Extract<
  J,
  { name: N }
>['data'];

/** Default options for every job: retried with backoff, removed after a retention period. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/** BullMQ connection options from a redis:// URL; workers need maxRetriesPerRequest: null. */
export function redisConnectionFromUrl(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: object;
} {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

export const ROSTER_QUEUE = 'rosters';

/** Computes one roster proposal (the roster row says team, period and options). */
export interface ComputeRosterJob {
  name: 'compute-roster';
  data: { rosterId: string };
}

/** One team of an organisation-wide run: creates that team's roster (once) and computes it. */
export interface ComputeTeamRosterJob {
  name: 'compute-team-roster';
  data: { runId: string; teamId: string };
}

/** Parent of an organisation-wide run's flow: runs when every team's child has finished. */
export interface FinishRosterRunJob {
  name: 'finish-roster-run';
  data: { runId: string };
}

/**
 * A plan's review deadline has passed: decide agreement (silence counts as consent). Recorded in
 * the outbox with `available_at` = the deadline, so the relay holds it back until then.
 */
export interface CloseReviewJob {
  name: 'close-review';
  data: { planId: string };
}

/**
 * A plan's review deadline is near (a day ahead): the members who have not consented are reminded,
 * once each. Held back by the outbox like close-review. Ids only.
 */
export interface RemindReviewJob {
  name: 'remind-review';
  data: { planId: string };
}

export type RosterJob =
  ComputeRosterJob | ComputeTeamRosterJob | FinishRosterRunJob | CloseReviewJob | RemindReviewJob;
export type RosterJobName = RosterJob['name'];

/** Deterministic job ids: adding the same id twice is a no-op in BullMQ, so a relay may repeat itself. */
export const rosterJobId = (inputHash: string): string => `roster-${inputHash}`;
export const rosterRunJobId = (runId: string): string => `roster-run-${runId}`;
export const teamRosterJobId = (runId: string, teamId: string): string =>
  `roster-run-${runId}-team-${teamId}`;
export const closeReviewJobId = (planId: string, revision: number): string =>
  `close-review-${planId}-r${revision}`;
export const remindReviewJobId = (planId: string, revision: number): string =>
  `remind-review-${planId}-r${revision}`;

export const PLANNING_QUEUE = 'planning';

/**
 * Hourly: prepares the week ahead of every team with rolling planning on whose review has opened
 * (visits generated, a plan made, its review opened once proposed). No payload: the teams and
 * their settings are read from Postgres.
 */
export interface PrepareRollingWeeksJob {
  name: 'prepare-rolling-weeks';
  data: Record<string, never>;
}

export type PlanningJob = PrepareRollingWeeksJob;
export type PlanningJobName = PlanningJob['name'];

export const EMAIL_QUEUE = 'email';

/** Emails one notification of a person's feed (skipped when it has been read meanwhile). */
export interface SendNotificationEmailJob {
  name: 'send-notification';
  data: { notificationId: string };
}

/** Emails the link of an invitation to the invitee (skipped once accepted, revoked or expired). */
export interface SendInvitationEmailJob {
  name: 'send-invitation';
  data: { invitationId: string };
}

/** Emails a password reset link (skipped once used or expired). */
export interface SendPasswordResetEmailJob {
  name: 'send-password-reset';
  data: { resetId: string };
}

/** Emails a person's unread notifications of the last day, in one message. */
export interface SendDigestEmailJob {
  name: 'send-digest';
  data: { userId: string; day: string };
}

export type EmailJob =
  SendNotificationEmailJob | SendInvitationEmailJob | SendPasswordResetEmailJob | SendDigestEmailJob;
export type EmailJobName = EmailJob['name'];

/** One email per record: a relay that repeats itself, or a grouped message that grows, sends once. */
export const emailJobId = (job: EmailJob): string => `${job.name}-${Object.values(job.data).join('-')}`;

/** Mail servers refuse for a while (greylisting, rate limits): more tries, further apart. */
export const EMAIL_JOB_OPTIONS = {
  ...DEFAULT_JOB_OPTIONS,
  attempts: 8,
  backoff: { type: 'exponential', delay: 30_000 },
} as const;

export const WEBHOOK_QUEUE = 'webhooks';

/**
 * Posts one event to one organisation's receiver (the delivery row holds the subscription and the
 * body). Ids only: the receiver's address and secret stay in Postgres.
 */
export interface DeliverWebhookJob {
  name: 'deliver-webhook';
  data: { deliveryId: string };
}

export type WebhookJob = DeliverWebhookJob;
export type WebhookJobName = WebhookJob['name'];

/** One job per delivery: a relay that repeats itself still posts once per attempt. */
export const webhookJobId = (deliveryId: string): string => `webhook-${deliveryId}`;

/** How often a receiver that is down is tried: 10 times, the first retry after `delayMs`, doubling. */
export const WEBHOOK_ATTEMPTS = 10;
export function webhookJobOptions(delayMs: number) {
  return {
    ...DEFAULT_JOB_OPTIONS,
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: 'exponential', delay: delayMs },
  } as const;
}

/** When try `attempt` (1-based) failed, how long BullMQ waits before the next one. */
export const webhookRetryDelayMs = (delayMs: number, attempt: number): number => delayMs * 2 ** (attempt - 1);
