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
import { UserAccount } from './user-account.entity';

/** A nurse or carer in a team, with the limits they have agreed with the team. */
@Entity()
@Unique('uq_caregiver_team_external_ref', ['teamId', 'externalRef'])
@Check(
  'ck_caregiver_minutes',
  '"max_minutes_per_week" >= 0 AND ("max_minutes_per_day" IS NULL OR "max_minutes_per_day" >= 0)',
)
@Check('ck_caregiver_speed', '"travel_speed_kmh" IS NULL OR "travel_speed_kmh" > 0')
@Unique('uq_caregiver_team_user', ['teamId', 'userId'])
export class Caregiver {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  /** The account of this caregiver, once they accepted an invitation; one row per team they work in. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserAccount, { onDelete: 'SET NULL' })
  @JoinColumn()
  @ApiHideProperty()
  user?: Relation<UserAccount>;

  /** Only the first name is ever shown to clients and families. */
  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text', default: '' })
  lastName: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  /** Contract: the most minutes a week this caregiver works (visits plus paid travel). */
  @Column({ type: 'integer' })
  maxMinutesPerWeek: number;

  @Column({ type: 'integer', nullable: true })
  maxMinutesPerDay: number | null;

  /** Own travel speed (e-bike, car), overriding the team's. */
  @Column({ type: 'double precision', nullable: true })
  travelSpeedKmh: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The id this caregiver has in an imported scenario document; exports use it again. */
  @Column({ type: 'text', nullable: true })
  externalRef: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
