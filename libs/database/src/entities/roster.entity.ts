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
import { RosterRun } from './roster-run.entity';
import { Team } from './team.entity';

export type RosterStatus = 'queued' | 'running' | 'done' | 'failed';

/** A visit the proposal leaves open, with a reason the team can act on. */
export class RosterUnassignedVisit {
  visitId: string;
  /** The visit's id in the team's scenario export (external reference, else the database id). */
  scenarioVisitId: string;
  reason: string;
}

/**
 * One roster computation for a team and period, and then its proposal. A pending computation is
 * unique per team and input (same scenario and options), so an identical request joins it.
 */
@Entity()
@Index('uq_roster_pending_input', ['teamId', 'inputHash'], {
  unique: true,
  where: `"status" IN ('queued', 'running')`,
})
@Index('ix_roster_team_created', ['teamId', 'createdAt'])
@Unique('uq_roster_run_team', ['runId', 'teamId'])
@Check('ck_roster_status', `"status" IN ('queued', 'running', 'done', 'failed')`)
@Check('ck_roster_period', '"period_end" >= "period_start"')
export class Roster {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  /** The organisation-wide run this roster belongs to, if any. */
  @Column({ type: 'uuid', nullable: true })
  runId: string | null;

  @ManyToOne(() => RosterRun, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  run?: Relation<RosterRun>;

  /**
   * The negotiated plan this computation belongs to, if any: when it is done the worker stores the
   * result as the plan's next version, in the same transaction as the proposal.
   */
  @Column({ type: 'uuid', nullable: true })
  planId: string | null;

  /** The plan version the computation starts from (kept pins, objections, fewest changes). */
  @Column({ type: 'integer', nullable: true })
  basedOnVersion: number | null;

  /** First and last local date, inclusive. */
  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'integer' })
  timeLimitMs: number;

  @Column({ type: 'integer' })
  seed: number;

  /** sha256 of team, exported scenario and options: the deduplication key. */
  @Column({ type: 'text' })
  inputHash: string;

  @Column({ type: 'text' })
  jobId: string;

  @Column({ type: 'text', default: 'queued' })
  status: RosterStatus;

  /** 0..1 of the solve's time budget. */
  @Column({ type: 'double precision', default: 0 })
  progress: number;

  /** KPIs of the best roster found so far, while running. */
  @Column({ type: 'jsonb', nullable: true })
  bestKpis: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  kpis: Record<string, unknown> | null;

  /** Solver statistics (time to first valid roster, iterations, elapsed). */
  @Column({ type: 'jsonb', nullable: true })
  stats: Record<string, unknown> | null;

  /**
   * The scenario exported when the computation was requested (the input the deduplication hash
   * covers), so that the worker solves exactly that and need not export it again. Cleared once the
   * proposal is stored: it holds names and addresses that must not outlive their purpose.
   */
  @Column({ type: 'jsonb', nullable: true })
  input: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  unassigned: RosterUnassignedVisit[] | null;

  /** Why the computation failed (shown by the API). */
  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  /** Times a worker started this computation (more than one after a crash or a retry). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Times the lost-job repair sent this computation again because Redis had lost its job. */
  @Column({ type: 'integer', default: 0 })
  repairs: number;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One assigned visit of a proposal. The proposal is a record of what was computed: it keeps the
 * visit's id without a foreign key, and the ids of the scenario export it was computed from.
 */
@Entity()
@Unique('uq_roster_assignment_visit', ['rosterId', 'visitId'])
export class RosterAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  rosterId: string;

  @ManyToOne(() => Roster, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  roster?: Relation<Roster>;

  @Column({ type: 'uuid' })
  visitId: string;

  @Column({ type: 'text' })
  scenarioVisitId: string;

  @Column({ type: 'uuid', array: true })
  caregiverIds: string[];

  @Column({ type: 'text', array: true })
  scenarioCaregiverIds: string[];

  @Column({ type: 'timestamptz' })
  start: Date;

  /** Why these caregivers, in sentences a team reads. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  explanation: string[];
}
