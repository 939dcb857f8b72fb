import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A homecare organisation; it has many neighbourhood teams. */
@Entity()
@Check('ck_organisation_min_rest', '"min_rest_minutes" IS NULL OR "min_rest_minutes" BETWEEN 1 AND 2880')
@Check(
  'ck_organisation_max_consecutive',
  '"max_consecutive_days" IS NULL OR "max_consecutive_days" BETWEEN 1 AND 31',
)
@Check('ck_organisation_continuity_window', '"continuity_window_weeks" BETWEEN 1 AND 26')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /**
   * Working-time rule `rest`: minutes between the last end of one working day and the first start
   * of the next date's (EU: 11 h). Null: not checked. Teams may override it.
   */
  @Column({ type: 'integer', nullable: true, default: 660 })
  minRestMinutes: number | null;

  /** Working-time rule `consecutive-days`: at most this many dates in a row with visits. Null: not checked. */
  @Column({ type: 'integer', nullable: true, default: 6 })
  maxConsecutiveDays: number | null;

  /**
   * How many weeks before a period its clients' history looks back: the published and checked-in
   * visits of those weeks tell the engine who knows whom (recent weeks weigh more).
   */
  @Column({ type: 'integer', default: 8 })
  continuityWindowWeeks: number;

  /**
   * Whether a member may report a colleague absent (sick) on their behalf. Off by default: an
   * absence is the caregiver's own or a coordinator's to record; when on, the absent person is told.
   */
  @Column({ type: 'boolean', default: false })
  colleaguesMayReportAbsence: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
