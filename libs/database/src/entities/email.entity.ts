import { ApiHideProperty } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { NotificationKind } from './notification.entity';
import { UserAccount } from './user-account.entity';

/**
 * How a person wants to hear of their notifications besides the feed (which is always on): email
 * per kind, or one daily digest instead, and quiet hours (local times in their team's zone) during
 * which no email goes out. No row means the defaults: Dutch, every kind by email, no quiet hours.
 */
@Entity()
@Check('ck_notification_preference_language', `"language" IN ('nl', 'en')`)
@Check(
  'ck_notification_preference_quiet_hours',
  `("quiet_start" IS NULL) = ("quiet_end" IS NULL) AND ("quiet_start" IS NULL OR "quiet_start" <> "quiet_end")`,
)
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  user?: Relation<UserAccount>;

  /** The language of the person's emails. */
  @Column({ type: 'text', default: 'nl' })
  language: 'nl' | 'en';

  /** Kinds whose email the person switched off (a kind added later is emailed until switched off). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailOff: NotificationKind[];

  /** One email a day with what came in, instead of one per message. */
  @Column({ type: 'boolean', default: false })
  dailyDigest: boolean;

  /** Local wall-clock times (HH:MM); an end before the start spans midnight. */
  @Column({ type: 'time', nullable: true })
  quietStart: string | null;

  @Column({ type: 'time', nullable: true })
  quietEnd: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A requested password reset: a one-time link valid for an hour. Only the hash of its token is
 * stored; the worker derives the token again from the row id to put it in the email.
 */
@Entity()
export class PasswordReset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  user?: Relation<UserAccount>;

  /** SHA-256 of the token in the link. */
  @Index('uq_password_reset_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
