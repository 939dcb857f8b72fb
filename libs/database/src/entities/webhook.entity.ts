import { ApiHideProperty } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Organisation } from './organisation.entity';

/**
 * What an organisation's own systems (ECD, payroll, chat) can be told of. Fixed: a receiver keys on
 * these names, so a name never changes meaning; a new kind of event gets a new name.
 */
export const WEBHOOK_EVENT_TYPES = [
  'plan.review-opened',
  'plan.published',
  'plan.amendment-recorded',
  'client.visits-changed',
  'pay-period.ready',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const eventTypeList = WEBHOOK_EVENT_TYPES.map((type) => `'${type}'`).join(', ');

/**
 * An organisation's receiver: the events it wants, where they go and the secret they are signed
 * with. The secret is kept as given out (the worker signs with it), shown once at creation and
 * replaced by rotation; it is never sent again.
 */
@Entity()
@Index('ix_webhook_subscription_organisation', ['organisationId'])
@Check('ck_webhook_subscription_event_types', `"event_types" <@ ARRAY[${eventTypeList}]::text[]`)
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  eventTypes: WebhookEventType[];

  @Column({ type: 'text' })
  @ApiHideProperty()
  secret: string;

  /** A disabled subscription is sent nothing, also not what was waiting when it was disabled. */
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

/**
 * One event for one subscription: written with the outbox row in the transaction of the change, so
 * that a change and its event exist together. Its id is the `webhook-id` header (the same in every
 * attempt, for the receiver's deduplication). The payload holds ids and plain facts only.
 */
@Entity()
@Index('ix_webhook_delivery_subscription_created', ['subscriptionId', 'createdAt'])
@Check('ck_webhook_delivery_status', `"status" IN ('pending', 'delivered', 'failed', 'cancelled')`)
@Check('ck_webhook_delivery_event_type', `"event_type" IN (${eventTypeList})`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  subscription?: Relation<WebhookSubscription>;

  @Column({ type: 'text' })
  eventType: WebhookEventType;

  /** The body sent, as JSON (ids and plain facts). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One try of a delivery, for the organisation's delivery log. No response body is kept. */
@Entity()
@Index('ix_webhook_attempt_delivery', ['deliveryId', 'attempt'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  delivery?: Relation<WebhookDelivery>;

  /** 1 for the first try. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'timestamptz' })
  attemptedAt: Date;

  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** When the next try is due; null after a success or the last try. */
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;
}
