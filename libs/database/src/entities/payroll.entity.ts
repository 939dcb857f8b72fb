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
import { Organisation } from './organisation.entity';

export type PayPeriodFrequencySetting = 'weekly' | 'two-weekly' | 'four-weekly' | 'monthly';

/**
 * How an organisation pays: the pay period, the premium bands (irregular-hours pay), the public
 * holidays that count and the working-time limits. One row per organisation; absent means the
 * defaults (monthly, NL, the library's default bands).
 */
@Entity()
@Check(
  'ck_organisation_payroll_settings_frequency',
  `"frequency" IN ('weekly', 'two-weekly', 'four-weekly', 'monthly')`,
)
@Check('ck_organisation_payroll_settings_late', '"late_tolerance_minutes" BETWEEN 0 AND 240')
export class OrganisationPayrollSettings {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  @Column({ type: 'text' })
  frequency: PayPeriodFrequencySetting;

  /** The first day of any one period (monthly: day 1 to 28). */
  @Column({ type: 'date' })
  anchorDate: string;

  /** `PremiumBand[]` of @homecare/payroll. */
  @Column({ type: 'jsonb' })
  premiumBands: unknown[];

  /** Built-in holiday calendar (`NL`). */
  @Column({ type: 'text', default: 'NL' })
  holidayRegion: string;

  /** Goede Vrijdag and Bevrijdingsdag outside lustrum years, where the agreement pays them. */
  @Column({ type: 'boolean', default: false })
  includeOptionalHolidays: boolean;

  /** `Partial<WorkingTimeRules>` of @homecare/payroll: overrides of the defaults. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  workingTime: Record<string, number>;

  @Column({ type: 'integer', default: 15 })
  lateToleranceMinutes: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export type PayPeriodStateValue = 'approved' | 'locked';

/** A pay period a coordinator approved or locked; a period without a row is open. */
@Entity()
@Unique('uq_pay_period_state_organisation_period', ['organisationId', 'periodId'])
@Check('ck_pay_period_state_state', `"state" IN ('approved', 'locked')`)
@Check('ck_pay_period_state_dates', '"period_end" >= "period_start"')
export class PayPeriodState {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  /** The library's period id `start/end`. */
  @Column({ type: 'text' })
  periodId: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'text' })
  state: PayPeriodStateValue;

  @Column({ type: 'timestamptz' })
  approvedAt: Date;

  @Column({ type: 'uuid' })
  approvedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lockedBy: string | null;
}

/**
 * The timesheet of one caregiver as it was locked (`CaregiverTimesheet`, plain JSON): never changed
 * afterwards. Not tied to the caregiver row by a foreign key, so that payroll history outlives it.
 */
@Entity()
@Unique('uq_payroll_locked_timesheet', ['organisationId', 'periodId', 'caregiverId'])
@Index('ix_payroll_locked_timesheet_caregiver', ['caregiverId', 'periodStart'])
export class PayrollLockedTimesheet {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  @Column({ type: 'text' })
  periodId: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'uuid' })
  caregiverId: string;

  @Column({ type: 'jsonb' })
  timesheet: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Differences found when work of a locked period changed (a late correction): `adjustment` lines
 * paid in the first open period after it. `recomputed` is the locked period's timesheet as it is
 * now, the baseline the next change of that period is compared with (so nothing is paid twice).
 */
@Entity()
@Index('ix_payroll_adjustment_target', ['organisationId', 'periodId', 'caregiverId'])
@Index('ix_payroll_adjustment_source', ['caregiverId', 'adjustsPeriodId', 'createdAt'])
export class PayrollAdjustment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  @Column({ type: 'uuid' })
  caregiverId: string;

  /** The open period that pays the lines. */
  @Column({ type: 'text' })
  periodId: string;

  /** The locked period whose work changed. */
  @Column({ type: 'text' })
  adjustsPeriodId: string;

  /** `TimesheetLine[]` with `hourType: 'adjustment'`. */
  @Column({ type: 'jsonb' })
  lines: unknown[];

  @Column({ type: 'jsonb' })
  recomputed: Record<string, unknown>;

  /** The correction that caused it, when one did. */
  @Column({ type: 'uuid', nullable: true })
  checkInCorrectionId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
