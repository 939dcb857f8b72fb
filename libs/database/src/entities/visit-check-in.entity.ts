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
import { Caregiver } from './caregiver.entity';
import { Visit } from './visit.entity';

/**
 * A caregiver's actual arrival at (and departure from) one visit: one row per visit and caregiver.
 * Check-in and check-out are kept as recorded; corrections live beside them
 * (`VisitCheckInCorrection`), so the original is never lost.
 */
@Entity()
@Unique('uq_visit_check_in_visit_caregiver', ['visitId', 'caregiverId'])
@Index('ix_visit_check_in_caregiver_time', ['caregiverId', 'checkedInAt'])
@Check('ck_visit_check_in_order', '"checked_out_at" IS NULL OR "checked_out_at" > "checked_in_at"')
@Check('ck_visit_check_in_location', '("latitude" IS NULL) = ("longitude" IS NULL)')
export class VisitCheckIn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  visitId: string;

  @ManyToOne(() => Visit, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  visit?: Relation<Visit>;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  @Column({ type: 'timestamptz' })
  checkedInAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  checkedOutAt: Date | null;

  /** Where the phone was at check-in (WGS84), when the caregiver shared it. */
  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  /** Where the phone was at check-out. */
  @Column({ type: 'double precision', nullable: true })
  checkOutLatitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  checkOutLongitude: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export type CheckInField = 'checkedInAt' | 'checkedOutAt';

/**
 * A correction of one time of a check-in, with its reason and the value it replaced. The check-in
 * row itself keeps what was recorded; the latest correction per field wins.
 */
@Entity()
@Index('ix_visit_check_in_correction_check_in', ['checkInId', 'createdAt'])
@Check('ck_visit_check_in_correction_field', `"field" IN ('checkedInAt', 'checkedOutAt')`)
@Check('ck_visit_check_in_correction_reason', `length(btrim("reason")) > 0`)
export class VisitCheckInCorrection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  checkInId: string;

  @ManyToOne(() => VisitCheckIn, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  checkIn?: Relation<VisitCheckIn>;

  @Column({ type: 'text' })
  field: CheckInField;

  /** The effective value before this correction (null: there was no check-out yet). */
  @Column({ type: 'timestamptz', nullable: true })
  originalValue: Date | null;

  @Column({ type: 'timestamptz' })
  correctedValue: Date;

  @Column({ type: 'text' })
  reason: string;

  /** The user who corrected (the caregiver themselves or a coordinator). */
  @Column({ type: 'uuid' })
  correctedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
