import { ApiHideProperty } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { RosterPlan } from './roster-plan.entity';
import { Team } from './team.entity';

export type ObjectionStatus = 'open' | 'resolved' | 'withdrawn';

/**
 * A member objects to one of their assignments ("I can't do the Tuesday 07:30 visit"). While open
 * it blocks agreement; every recompute afterwards keeps that visit away from them (`forbidden`).
 */
@Entity()
@Index('ix_roster_plan_objection_plan', ['planId', 'status'])
@Check('ck_roster_plan_objection_status', `"status" IN ('open', 'resolved', 'withdrawn')`)
export class RosterPlanObjection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => RosterPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  plan?: Relation<RosterPlan>;

  /** The version objected to. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid' })
  visitId: string;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', default: 'open' })
  status: ObjectionStatus;

  /** The version in which the visit no longer went to the objecting member. */
  @Column({ type: 'integer', nullable: true })
  resolvedInVersion: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'withdrawn' | 'void';

/**
 * A member offers one of their visits to a colleague (or to anyone of the team when `toCaregiverId`
 * is null). With `exchangeVisitId` it is a swap: accepting also gives the colleague's visit to the
 * member who offered, both in one version.
 */
@Entity()
@Index('ix_roster_plan_offer_plan', ['planId', 'status'])
@Check('ck_roster_plan_offer_status', `"status" IN ('open', 'accepted', 'declined', 'withdrawn', 'void')`)
export class RosterPlanOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => RosterPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  plan?: Relation<RosterPlan>;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid' })
  visitId: string;

  @Column({ type: 'uuid' })
  fromCaregiverId: string;

  @Column({ type: 'uuid', nullable: true })
  toCaregiverId: string | null;

  /** A swap: the colleague's visit that comes back in exchange. */
  @Column({ type: 'uuid', nullable: true })
  exchangeVisitId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: 'open' })
  status: OfferStatus;

  @Column({ type: 'uuid', nullable: true })
  acceptedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

/** The trail: who did what to the plan, when, and the state before and after. */
@Entity()
@Index('ix_roster_plan_event_plan', ['planId', 'id'])
export class RosterPlanEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => RosterPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  plan?: Relation<RosterPlan>;

  /** created, computed, submitted, consented, objected, ... (see the README). */
  @Column({ type: 'text' })
  kind: string;

  /** The user who acted; null for the system (the worker, a deadline). */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** The member they acted as, when they acted as one. */
  @Column({ type: 'uuid', nullable: true })
  actorCaregiverId: string | null;

  @Column({ type: 'integer', nullable: true })
  revision: number | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'text', default: '' })
  summary: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

export type AmendmentStatus = 'computing' | 'published' | 'failed';

/**
 * A change to a published roster while the period runs, such as a sick call: the exception is
 * recorded, the rest of the period is re-rostered with the fewest changes, and the new version is
 * published at once (continuity of care); the affected members confirm it afterwards.
 */
@Entity()
@Index('ix_roster_plan_amendment_plan', ['planId', 'createdAt'])
@Check('ck_roster_plan_amendment_status', `"status" IN ('computing', 'published', 'failed')`)
export class RosterPlanAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => RosterPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  plan?: Relation<RosterPlan>;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text' })
  reason: string;

  /** The availability exception (kind sick) it recorded. */
  @Column({ type: 'uuid', nullable: true })
  exceptionId: string | null;

  @Column({ type: 'uuid' })
  rosterId: string;

  @Column({ type: 'integer' })
  basedOnVersion: number;

  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ type: 'text', default: 'computing' })
  status: AmendmentStatus;

  @Column({ type: 'integer', nullable: true })
  changedCount: number | null;

  /** Members whose visits changed: each confirms the amendment. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  affectedCaregiverIds: string[];

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The published roster, one row per visit and caregiver: what clients, families and payroll see.
 * A row replaced by an amendment is kept with `removed_at` set, so readers can ask what changed
 * since they last looked. The database itself forbids a caregiver two overlapping current visits
 * (an exclusion constraint over tstzrange; it lives in a hand-written migration with btree_gist,
 * and is declared here so that migration:generate knows it and leaves it alone, typeorm#3956).
 */
@Entity()
@Index('ix_published_assignment_team_time', ['teamId', 'startsAt'])
@Index('ix_published_assignment_client_time', ['clientId', 'startsAt'])
@Index('ix_published_assignment_visit', ['visitId'])
@Index('ix_published_assignment_changed', ['teamId', 'changedAt'])
@Check('ck_published_assignment_order', '"ends_at" > "starts_at"')
@Exclusion(
  'ex_published_assignment_caregiver_overlap',
  `USING gist ("caregiver_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("removed_at" IS NULL)`,
)
export class PublishedAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => RosterPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  plan?: Relation<RosterPlan>;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid' })
  teamId: string;

  @Column({ type: 'uuid' })
  clientId: string;

  @Column({ type: 'uuid' })
  visitId: string;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;

  /** Set when an amendment replaced this row. */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  /** Last time the row was published or removed: for "what changed since". */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}

/**
 * A counter per team that goes up with every change to what the team's published roster shows:
 * its published assignments, and the status of its visits (or a visit deleted). Written only by
 * the database's own triggers (migration PublishedRosterRevision), in the transaction that made
 * the change, so that no writer can forget it; read by caregivers' apps revalidating their copy.
 */
@Entity()
export class PublishedRosterRevision {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  @Column({ type: 'bigint', default: 0 })
  revision: string;
}
