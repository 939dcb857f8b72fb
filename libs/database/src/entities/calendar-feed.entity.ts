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
import { Caregiver } from './caregiver.entity';
import { Client } from './client.entity';
import { UserAccount } from './user-account.entity';

export const CALENDAR_FEED_KINDS = ['client', 'caregiver'] as const;
export type CalendarFeedKind = (typeof CALENDAR_FEED_KINDS)[number];

/**
 * A secret iCalendar feed URL: a client's published visits (for the family) or a caregiver's own.
 * The token in the URL is the credential (calendar apps send no headers), so only its hash is
 * stored; revoking keeps the row, for the record.
 */
@Entity()
@Check('ck_calendar_feed_kind', `"kind" IN ('client', 'caregiver')`)
@Check(
  'ck_calendar_feed_subject',
  `("kind" = 'client' AND "client_id" IS NOT NULL AND "caregiver_id" IS NULL) OR ("kind" = 'caregiver' AND "caregiver_id" IS NOT NULL AND "client_id" IS NULL)`,
)
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SHA-256 of the token, hex. */
  @Index('uq_calendar_feed_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  /** Who created the feed: it shows what this user may see, and stops when they no longer may. */
  @Index()
  @Column({ type: 'uuid' })
  ownerUserId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  ownerUser?: Relation<UserAccount>;

  @Column({ type: 'text' })
  kind: CalendarFeedKind;

  /** What its owner called it ("Anna's phone"), to tell their links apart; null for older ones. */
  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  clientId: string | null;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  client?: Relation<Client>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  caregiverId: string | null;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastFetchedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedByUserId: string | null;
}
