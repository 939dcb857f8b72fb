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
} from 'typeorm';
import { Organisation } from './organisation.entity';

/** An organisation-wide roster computation: one BullMQ flow, a child (and a roster) per team. */
@Entity()
@Index('ix_roster_run_organisation', ['organisationId', 'createdAt'])
export class RosterRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  organisation?: Relation<Organisation>;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'integer' })
  timeLimitMs: number;

  /** The organisation's teams when the run was requested. */
  @Column({ type: 'uuid', array: true })
  teamIds: string[];

  @Column({ type: 'text' })
  jobId: string;

  /** Set by the flow's parent job once every team's child has finished. */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
