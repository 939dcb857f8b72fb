import { ApiHideProperty } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { RosterPlan } from './roster-plan.entity';
import { Team } from './team.entity';

/**
 * How the rolling schedule prepares a team's weeks. A team without a row has the defaults
 * (switched off), so existing teams keep planning by hand until they choose otherwise.
 */
@Entity()
@Check('ck_team_planning_settings_weeks_ahead', '"weeks_ahead" BETWEEN 1 AND 4')
@Check('ck_team_planning_settings_opens_weekday', '"review_opens_weekday" BETWEEN 1 AND 7')
@Check('ck_team_planning_settings_deadline_weekday', '"review_deadline_weekday" BETWEEN 1 AND 7')
@Check(
  'ck_team_planning_settings_continuity_target',
  '"continuity_target_distinct_caregivers" >= 1 AND "continuity_target_distinct_caregivers" <= 20',
)
export class TeamPlanningSettings {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @OneToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  @Column({ type: 'boolean', default: false })
  rollingPlanningEnabled: boolean;

  /** Which ISO week ahead (in the team's zone) the schedule prepares: 1 is next week. */
  @Column({ type: 'smallint', default: 1 })
  weeksAhead: number;

  /** ISO weekday (1 Monday .. 7 Sunday) on which the review of the week ahead opens, from 00:00 local. */
  @Column({ type: 'smallint', default: 3 })
  reviewOpensWeekday: number;

  /** ISO weekday and local time of the review deadline, in the week the review opens. */
  @Column({ type: 'smallint', default: 5 })
  reviewDeadlineWeekday: number;

  /** Local `HH:mm`. */
  @Column({ type: 'text', default: '17:00' })
  reviewDeadlineTime: string;

  /**
   * The team's own continuity target: at most this many different caregivers per client in a week
   * (mean over the clients), what the dashboard measures the weeks against.
   */
  @Column({ type: 'double precision', default: 2 })
  continuityTargetDistinctCaregivers: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A week the rolling schedule prepared for a team: at most one per team and week (the unique key
 * is what keeps a rerun or a second worker from making a second plan), with the deadline its
 * review opens with once the first proposal is stored.
 */
@Entity()
@Unique('uq_planning_week_team_week', ['teamId', 'weekStart'])
export class PlanningWeek {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  /** Monday of the ISO week, local date. */
  @Column({ type: 'date' })
  weekStart: string;

  @Column({ type: 'uuid', unique: true })
  planId: string;

  @ManyToOne(() => RosterPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  plan?: Relation<RosterPlan>;

  @Column({ type: 'timestamptz' })
  reviewDeadline: Date;

  /** When the schedule opened the review; null while the first proposal is computing. */
  @Column({ type: 'timestamptz', nullable: true })
  reviewOpenedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
