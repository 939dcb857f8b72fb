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
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Team } from './team.entity';

/**
 * Where a team's roster for a period stands: `proposal` (computed or edited), `in-review`
 * (members consent or object), `agreed` (every member consented, nothing open), `published`
 * (what clients, families and payroll see; changed only by amendments).
 */
export type RosterPlanStatus = 'proposal' | 'in-review' | 'agreed' | 'published';

/** How a version came about. */
export type RosterPlanVersionKind = 'computed' | 'recompute' | 'edit' | 'amendment';

/** Something the team should look at on one assignment (for example availability changed since). */
export class RosterPlanFlag {
  rule: string;
  caregiverId: string | null;
  message: string;
}

/** One visit that changed between a version and the one it was based on, and why. */
export class RosterPlanChange {
  visitId: string;
  before: { caregiverIds: string[]; start: string | null };
  after: { caregiverIds: string[]; start: string | null };
  reason: string;
}

/**
 * A team's roster for a period, negotiated by its members. `revision` is the ETag: every change
 * to the plan (a new version, a consent, a status change) increments it with an explicit
 * compare-and-set (`UPDATE ... WHERE revision = $expected`), never through TypeORM's
 * @VersionColumn, which does not guard its updates (typeorm#2848).
 */
@Entity()
@Index('ix_roster_plan_team_period', ['teamId', 'periodStart'])
@Check('ck_roster_plan_status', `"status" IN ('proposal', 'in-review', 'agreed', 'published')`)
@Check('ck_roster_plan_period', '"period_end" >= "period_start"')
export class RosterPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  /** First and last local date, inclusive. */
  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'text', default: 'proposal' })
  status: RosterPlanStatus;

  /** Compare-and-set counter, sent as the ETag and expected back in If-Match. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  /** Number of the latest version; 0 until the first computation is stored. */
  @Column({ type: 'integer', default: 0 })
  currentVersion: number;

  /** The version clients, families and payroll see; null until published. */
  @Column({ type: 'integer', nullable: true })
  publishedVersion: number | null;

  /** After this instant, silence counts as consent (open objections still block). */
  @Column({ type: 'timestamptz', nullable: true })
  reviewDeadline: Date | null;

  /** Solver budget and seed of this plan's computations. */
  @Column({ type: 'integer' })
  timeLimitMs: number;

  @Column({ type: 'integer', default: 1 })
  seed: number;

  /** The computation under way for this plan (a first proposal, a recompute or an amendment). */
  @Column({ type: 'uuid', nullable: true })
  pendingRosterId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  agreedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One immutable version of a plan: every change produces a new one. */
@Entity()
@Unique('uq_roster_plan_version_number', ['planId', 'number'])
@Unique('uq_roster_plan_version_roster', ['rosterId'])
@Check('ck_roster_plan_version_kind', `"kind" IN ('computed', 'recompute', 'edit', 'amendment')`)
export class RosterPlanVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => RosterPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  plan?: Relation<RosterPlan>;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  kind: RosterPlanVersionKind;

  /** The version this one was made from; null for the first. */
  @Column({ type: 'integer', nullable: true })
  basedOn: number | null;

  /** The computation that produced it (computed, recompute, amendment): unique, so stored once. */
  @Column({ type: 'uuid', nullable: true })
  rosterId: string | null;

  /** What happened, in words ("Anna claimed visit ...", "recomputed keeping 2 pins"). */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Visits whose caregivers or start differ from the version it was based on. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: RosterPlanChange[];

  @Column({ type: 'integer', default: 0 })
  changedCount: number;

  @Column({ type: 'jsonb', nullable: true })
  kpis: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One visit in one version: its caregivers (none when unassigned), its start, pin and flags. */
@Entity()
@Unique('uq_roster_plan_assignment_visit', ['versionId', 'visitId'])
export class RosterPlanAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => RosterPlanVersion, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  version?: Relation<RosterPlanVersion>;

  @Column({ type: 'uuid' })
  visitId: string;

  /** Empty when the visit is not assigned. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  caregiverIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  start: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  end: Date | null;

  /** A decision the engine must keep in every recompute. */
  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  /** Why these caregivers, or why nobody (for an unassigned visit). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  explanation: string[];

  /** Set when something changed after the version was made (availability): the team should look. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  flags: RosterPlanFlag[];
}

/** A member's consent to one version (or, for an amendment, their confirmation of it). */
@Entity()
@Unique('uq_roster_plan_consent', ['planId', 'version', 'caregiverId'])
export class RosterPlanConsent {
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
  caregiverId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
