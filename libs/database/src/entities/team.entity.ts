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
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';

export interface TeamWorkingTimeOverrides {
  minRestMinutes?: number | null;
  maxConsecutiveDays?: number | null;
}

/** A self-managed neighbourhood team: up to ~12 caregivers for 40–60 clients. */
@Entity()
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone: every local time of this team (windows, availability, visit plans) is read in it. */
  @Column({ type: 'text' })
  timezone: string;

  /** Travel model of the scenario spec: minutes = ceil(km * detourFactor / speedKmh * 60). */
  @Column({ type: 'double precision', default: 15 })
  travelSpeedKmh: number;

  @Column({ type: 'double precision', default: 1.3 })
  travelDetourFactor: number;

  /**
   * This team's overrides of its organisation's working-time rules (`minRestMinutes`,
   * `maxConsecutiveDays`): a key absent follows the organisation, a null switches the rule off.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  workingTimeOverrides: TeamWorkingTimeOverrides;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
