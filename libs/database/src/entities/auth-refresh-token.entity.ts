import { ApiHideProperty } from '@nestjs/swagger';
import {
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

/**
 * One refresh token of a sign-in. Tokens are single use: using one marks it used and issues the
 * next of the same family. A used token that comes back means it was stolen, so the whole family
 * (every token of that sign-in) is revoked.
 */
@Entity()
@Index('ix_auth_refresh_token_family', ['familyId'])
export class AuthRefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  user?: Relation<UserAccount>;

  /** The sign-in this token descends from. */
  @Column({ type: 'uuid' })
  familyId: string;

  /** SHA-256 of the token (the token itself is 256 random bits and never stored). */
  @Index('uq_auth_refresh_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
