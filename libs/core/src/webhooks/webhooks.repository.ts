import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WebhookDeliveryStatus, WebhookEventType } from '@homecare/database';
import { WEBHOOK_QUEUE } from '@homecare/jobs';

export interface SubscriptionRow {
  id: string;
  organisation_id: string;
  url: string;
  event_types: WebhookEventType[];
  enabled: boolean;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  event_type: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  created_at: Date;
  delivered_at: Date | null;
  next_attempt_at: Date | null;
}

export interface AttemptRow {
  delivery_id: string;
  attempt: number;
  attempted_at: Date;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  next_attempt_at: Date | null;
}

/** What the worker needs to post one delivery. */
export interface DeliveryToSend {
  id: string;
  status: WebhookDeliveryStatus;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
  enabled: boolean;
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  nextAttemptAt: Date | null;
  status: WebhookDeliveryStatus;
}

const SUBSCRIPTION_COLUMNS = 'id, organisation_id, url, event_types, enabled, created_at';

/** Subscriptions, their deliveries and attempts (core/shared's relay sends the outbox rows). */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async organisationOfTeam(manager: EntityManager, teamId: string): Promise<string | undefined> {
    const rows: { organisation_id: string }[] = await manager.query(
      'SELECT organisation_id FROM team WHERE id = $1',
      [teamId],
    );
    return rows[0]?.organisation_id;
  }

  /**
   * One delivery per enabled subscription of the organisation that wants this type, and its
   * outbox row, in the caller's transaction. Returns how many.
   */
  async recordEvent(
    manager: EntityManager,
    organisationId: string,
    type: WebhookEventType,
    payload: Record<string, unknown>,
  ): Promise<number> {
    const rows: { id: string }[] = await manager.query(
      `WITH delivery AS (
         INSERT INTO webhook_delivery (subscription_id, event_type, payload)
         SELECT id, $2, $3 FROM webhook_subscription
          WHERE organisation_id = $1 AND enabled AND $2 = ANY(event_types)
         RETURNING id)
       INSERT INTO outbox (kind, queue_name, job_name, job_id, payload)
       SELECT 'job', $4, 'deliver-webhook', 'webhook-' || id, jsonb_build_object('deliveryId', id)
         FROM delivery
       RETURNING id`,
      [organisationId, type, payload, WEBHOOK_QUEUE],
    );
    return rows.length;
  }

  async insertSubscription(input: {
    organisationId: string;
    url: string;
    eventTypes: WebhookEventType[];
    secret: string;
    createdBy: string;
  }): Promise<SubscriptionRow> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `INSERT INTO webhook_subscription (organisation_id, url, event_types, secret, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [input.organisationId, input.url, input.eventTypes, input.secret, input.createdBy],
    );
    return rows[0];
  }

  listSubscriptions(organisationId: string): Promise<SubscriptionRow[]> {
    return this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription WHERE organisation_id = $1 ORDER BY created_at, id`,
      [organisationId],
    );
  }

  async subscription(organisationId: string, id: string): Promise<SubscriptionRow | undefined> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    return rows[0];
  }

  /** Changes what is given; returns the row, or undefined when the organisation has no such one. */
  async updateSubscription(
    organisationId: string,
    id: string,
    changes: { url?: string; eventTypes?: WebhookEventType[]; enabled?: boolean; secret?: string },
  ): Promise<SubscriptionRow | undefined> {
    const [rows]: [SubscriptionRow[], number] = await this.dataSource.query(
      `UPDATE webhook_subscription
          SET url = COALESCE($3, url), event_types = COALESCE($4, event_types),
              enabled = COALESCE($5, enabled), secret = COALESCE($6, secret)
        WHERE organisation_id = $1 AND id = $2
        RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [
        organisationId,
        id,
        changes.url ?? null,
        changes.eventTypes ?? null,
        changes.enabled ?? null,
        changes.secret ?? null,
      ],
    );
    return rows[0];
  }

  async deleteSubscription(organisationId: string, id: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      'DELETE FROM webhook_subscription WHERE organisation_id = $1 AND id = $2',
      [organisationId, id],
    );
    return count > 0;
  }

  /** The newest deliveries of a subscription, with every attempt of each. */
  async deliveries(
    subscriptionId: string,
    limit: number,
    before: string | undefined,
  ): Promise<{ deliveries: DeliveryRow[]; attempts: AttemptRow[] }> {
    const deliveries: DeliveryRow[] = await this.dataSource.query(
      `SELECT id, event_type, status, attempts, created_at, delivered_at, next_attempt_at
         FROM webhook_delivery d
        WHERE subscription_id = $1
          AND ($3::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM webhook_delivery WHERE id = $3))
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      [subscriptionId, limit, before ?? null],
    );
    const attempts: AttemptRow[] =
      deliveries.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT delivery_id, attempt, attempted_at, status_code, duration_ms, error, next_attempt_at
               FROM webhook_attempt WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt, id`,
            [deliveries.map((delivery) => delivery.id)],
          );
    return { deliveries, attempts };
  }

  async deliveryToSend(deliveryId: string): Promise<DeliveryToSend | undefined> {
    const rows: DeliveryToSend[] = await this.dataSource.query(
      `SELECT d.id, d.status, d.payload, s.url, s.secret, s.enabled
         FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    return rows[0];
  }

  async cancelDelivery(deliveryId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = 'cancelled', next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`,
      [deliveryId],
    );
  }

  /** One attempt in the log and the delivery's state after it, together. */
  async recordAttempt(record: AttemptRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, duration_ms, error, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          record.deliveryId,
          record.attempt,
          record.attemptedAt,
          record.statusCode,
          record.durationMs,
          record.error,
          record.nextAttemptAt,
        ],
      );
      await manager.query(
        `UPDATE webhook_delivery
            SET attempts = GREATEST(attempts, $2), status = $3, next_attempt_at = $4,
                delivered_at = CASE WHEN $3 = 'delivered' THEN $5 ELSE delivered_at END
          WHERE id = $1`,
        [record.deliveryId, record.attempt, record.status, record.nextAttemptAt, record.attemptedAt],
      );
    });
  }
}
