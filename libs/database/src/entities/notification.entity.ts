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
import { UserAccount } from './user-account.entity';

/** What a notification is about; its text is rendered per language from the kind and params. */
export const NOTIFICATION_KINDS = [
  'visit.moved',
  'visit.cancelled',
  'plan.review-opened',
  'plan.published',
  'plan.review-deadline',
  'plan.visits-changed',
  'plan.amendment-to-confirm',
  'plan.absence-reported',
  'plan.objection',
  'plan.objection-resolved',
  'plan.offer',
  'visit.unstaffed',
  'payroll.period-ready',
  'visit.running-late',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One message in a person's notification feed, written in the same transaction as the change that
 * causes it, so a change and its message exist together or not at all. Messages with the same
 * `groupKey` that are still unread become one ("3 of your visits moved"), not one per row changed.
 */
@Entity()
@Index('ix_notification_user_created', ['userId', 'createdAt'])
@Index('uq_notification_unread_group', ['userId', 'groupKey'], {
  unique: true,
  where: '"read_at" IS NULL AND "group_key" IS NOT NULL',
})
@Check('ck_notification_kind', `"kind" IN (${NOTIFICATION_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  user?: Relation<UserAccount>;

  @Column({ type: 'text' })
  kind: NotificationKind;

  /** What the text needs (a local time, a count) and the ids it links to. */
  @Column({ type: 'jsonb', default: {} })
  params: Record<string, string | number>;

  /** Where the person goes from it, a web app path such as `/clients/<id>/plan`. */
  @Column({ type: 'text' })
  link: string;

  @Column({ type: 'text', nullable: true })
  groupKey: string | null;

  /** How many changes this message stands for (grows while it is unread and grouped). */
  @Column({ type: 'integer', default: 1 })
  count: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
