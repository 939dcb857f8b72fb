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

/** A dated window in which a caregiver has said they can work. */
@Entity()
@Check('ck_availability_window_order', '"ends_at" > "starts_at"')
@Index('ix_availability_window_caregiver_time', ['caregiverId', 'startsAt'])
export class AvailabilityWindow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One window of a caregiver's recurring weekly pattern, in the team's local time. It expands into
 * dated windows for any period; an end at or before the start means the window ends the next day.
 */
@Entity()
@Check('ck_availability_pattern_weekday', '"weekday" BETWEEN 1 AND 7')
@Check(
  'ck_availability_pattern_times',
  '"start_time" ~ \'^([01][0-9]|2[0-3]):[0-5][0-9]$\' AND "end_time" ~ \'^([01][0-9]|2[0-3]):[0-5][0-9]$\'',
)
@Index('ix_availability_pattern_caregiver', ['caregiverId'])
export class AvailabilityPattern {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  @Column({ type: 'smallint' })
  weekday: number;

  /** Local `HH:mm`. */
  @Column({ type: 'text' })
  startTime: string;

  @Column({ type: 'text' })
  endTime: string;

  /** First local date the pattern applies to. */
  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;
}

/** A dated exception that takes time out of a caregiver's availability: leave, an appointment. */
@Entity()
@Check('ck_availability_exception_order', '"ends_at" > "starts_at"')
@Index('ix_availability_exception_caregiver_time', ['caregiverId', 'startsAt'])
export class AvailabilityException {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** leave, sick, appointment, training, other */
  @Column({ type: 'text', default: 'other' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A caregiver's soft wish for a dated stretch of time: rather not work then (`avoid`) or rather
 * work then (`prefer`). The roster may break it; the engine and its KPIs weigh it.
 */
@Entity()
@Check('ck_caregiver_wish_order', '"ends_at" > "starts_at"')
@Check('ck_caregiver_wish_kind', "\"kind\" IN ('avoid', 'prefer')")
@Index('ix_caregiver_wish_caregiver_time', ['caregiverId', 'startsAt'])
export class CaregiverWish {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text' })
  kind: 'avoid' | 'prefer';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
