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
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';

export const USER_ROLES = ['administrator', 'coordinator', 'caregiver', 'family'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Someone who signs in. What they may see follows from the role: a coordinator their organisation,
 * a caregiver the teams of their Caregiver rows, a family member the clients of their access links.
 */
@Entity()
@Check('ck_user_account_role', `"role" IN ('administrator', 'coordinator', 'caregiver', 'family')`)
@Check('ck_user_account_organisation', `("role" = 'coordinator') = ("organisation_id" IS NOT NULL)`)
export class UserAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('uq_user_account_email_lower', { unique: true })
  @Column({ type: 'text' })
  email: string;

  /** Argon2id (PHC string with its own salt and cost). */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'text' })
  role: UserRole;

  /** The organisation a coordinator works for; null for every other role. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  /** Set when the account is switched off: its tokens stop working at the next request. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
