import { ApiHideProperty } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { CareNeed, type VisitPriorityValue } from './care-need.entity';
import { Client } from './client.entity';
import { Team } from './team.entity';

export type VisitStatus = 'planned' | 'cancelled';

/** One dated visit to a client: generated from a care need, or a one-off. */
@Entity()
@Unique('uq_visit_care_need_date', ['careNeedId', 'date'])
@Unique('uq_visit_team_external_ref', ['teamId', 'externalRef'])
@Check('ck_visit_duration', '"duration_minutes" > 0')
@Check('ck_visit_caregivers', '"caregivers_needed" BETWEEN 1 AND 4')
@Check('ck_visit_window', '"latest_end" >= "earliest_start" + make_interval(mins => "duration_minutes")')
@Check('ck_visit_priority', "\"priority\" IS NULL OR \"priority\" IN ('critical', 'normal', 'optional')")
@Check('ck_visit_status', "\"status\" IN ('planned', 'cancelled')")
@Index('ix_visit_team_time', ['teamId', 'earliestStart'])
@Index('ix_visit_client_time', ['clientId', 'earliestStart'])
// Cancelled visits of a team are few: the published roster's ETag reads them on every refresh.
@Index('ix_visit_team_cancelled', ['teamId', 'earliestStart'], { where: '"status" = \'cancelled\'' })
export class Visit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  @Column({ type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  client?: Relation<Client>;

  /** The care need this visit was generated from; null for a one-off visit. */
  @Column({ type: 'uuid', nullable: true })
  careNeedId: string | null;

  @ManyToOne(() => CareNeed, { onDelete: 'SET NULL' })
  @JoinColumn()
  @ApiHideProperty()
  careNeed?: Relation<CareNeed>;

  /** Local date of the visit in the team's zone (for generation and listing by day). */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'timestamptz' })
  earliestStart: Date;

  @Column({ type: 'timestamptz' })
  latestEnd: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredSkills: string[];

  @Column({ type: 'smallint', default: 1 })
  caregiversNeeded: number;

  /** This visit's own priority; null: its care need's (`normal` for a one-off visit). */
  @Column({ type: 'text', nullable: true })
  priority: VisitPriorityValue | null;

  @Column({ type: 'text', default: 'planned' })
  status: VisitStatus;

  /** Set when someone edited a generated visit by hand: regeneration then leaves it alone. */
  @Column({ type: 'boolean', default: false })
  detached: boolean;

  @Column({ type: 'text', nullable: true })
  externalRef: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A decision the team already agreed: this visit goes to these caregivers (and at this start). */
@Entity()
export class VisitPin {
  @PrimaryColumn({ type: 'uuid' })
  visitId: string;

  @ManyToOne(() => Visit, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  visit?: Relation<Visit>;

  @Column({ type: 'uuid', array: true })
  caregiverIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  start: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
