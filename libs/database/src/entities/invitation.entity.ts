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
import { Organisation } from './organisation.entity';
import { Team } from './team.entity';
import { UserAccount } from './user-account.entity';

export const INVITATION_KINDS = ['caregiver', 'family', 'coordinator'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

/**
 * A one-time link that lets someone create their account: a caregiver for a team, a family member
 * for a client, a coordinator for an organisation. Only the hash of its token is stored.
 */
@Entity()
@Check('ck_invitation_kind', `"kind" IN ('caregiver', 'family', 'coordinator')`)
@Check(
  'ck_invitation_target',
  `("kind" = 'caregiver' AND "team_id" IS NOT NULL) OR ("kind" = 'family' AND "client_id" IS NOT NULL) OR ("kind" = 'coordinator' AND "organisation_id" IS NOT NULL)`,
)
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SHA-256 of the token in the link. */
  @Index('uq_invitation_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'text' })
  kind: InvitationKind;

  /** The account is created with this (lower-cased) email. */
  @Column({ type: 'text' })
  email: string;

  /** How the invitee is greeted; for a caregiver invitation, the first name of a new Caregiver row. */
  @Column({ type: 'text', default: '' })
  firstName: string;

  @Column({ type: 'uuid', nullable: true })
  invitedByUserId: string | null;

  @ManyToOne(() => UserAccount, { onDelete: 'SET NULL' })
  @JoinColumn()
  @ApiHideProperty()
  invitedByUser?: Relation<UserAccount>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  /** An existing Caregiver row to link; null creates one at acceptance. */
  @Column({ type: 'uuid', nullable: true })
  caregiverId: string | null;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  clientId: string | null;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  client?: Relation<Client>;

  /** For a family member: how they relate to the client ("daughter"). */
  @Column({ type: 'text', default: '' })
  relation: string;

  /** The language of the invitation email (the invitee has no account, so no setting yet). */
  @Column({ type: 'text', default: 'nl' })
  language: 'nl' | 'en';

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /**
   * A member's invitation into their team waits for a coordinator: until approved it cannot be
   * accepted and no email goes out. Coordinators' own invitations are approved when made.
   */
  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
