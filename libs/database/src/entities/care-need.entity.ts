import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
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
import { Client } from './client.entity';

export type VisitPriorityValue = 'critical' | 'normal' | 'optional';

/**
 * A recurring visit a client needs (a visit template): on these weekdays, inside this local time
 * window, for this long, with these skills and this many caregivers. It generates dated visits.
 */
@Entity()
@Check('ck_care_need_duration', '"duration_minutes" > 0')
@Check('ck_care_need_caregivers', '"caregivers_needed" BETWEEN 1 AND 4')
@Check('ck_care_need_priority', "\"priority\" IN ('critical', 'normal', 'optional')")
@Check('ck_care_need_dates', '"ends_on" IS NULL OR "ends_on" >= "starts_on"')
export class CareNeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  client?: Relation<Client>;

  /** What the visit is for, in the team's words ("morning care", "insulin"). */
  @Column({ type: 'text', default: '' })
  description: string;

  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  @Column({ type: 'smallint', array: true })
  weekdays: number[];

  /** Local `HH:mm`: the visit starts no earlier than this ... */
  @Column({ type: 'text' })
  windowStart: string;

  /** ... and ends no later than this. */
  @Column({ type: 'text' })
  windowEnd: string;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredSkills: string[];

  @Column({ type: 'smallint', default: 1 })
  caregiversNeeded: number;

  /** `critical` (insulin, hoist: never left out while a roster could cover it), `normal` or `optional`. */
  @ApiProperty({ enum: ['critical', 'normal', 'optional'] })
  @Column({ type: 'text', default: 'normal' })
  priority: VisitPriorityValue;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
