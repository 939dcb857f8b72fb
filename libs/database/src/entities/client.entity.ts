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
import { Caregiver } from './caregiver.entity';
import { Team } from './team.entity';

export class FamilyContact {
  name: string;
  relation?: string;
  phone?: string;
  email?: string;
}

/** A person the team cares for at home. */
@Entity()
@Unique('uq_client_team_external_ref', ['teamId', 'externalRef'])
@Check('ck_client_location', '"latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180')
export class Client {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  team?: Relation<Team>;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'double precision' })
  latitude: number;

  @Column({ type: 'double precision' })
  longitude: number;

  /** Caregivers the client would like to see (ids of caregivers in the same team). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  preferredCaregiverIds: string[];

  /** Caregivers the client does not want; a hard rule for the roster. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  excludedCaregiverIds: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  familyContacts: FamilyContact[];

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'text', nullable: true })
  externalRef: string | null;

  /**
   * Archived: no longer cared for, kept with its visits, check-ins and history (hours of pay periods
   * still open count). Its care needs no longer generate visits; its coming visits are cancelled.
   */
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * Who served a client before the visits this system knows about (for example from an imported
 * scenario's `history`). The full history is this plus the client's past assigned visits.
 */
@Entity()
export class ClientCaregiverHistory {
  @PrimaryColumn({ type: 'uuid' })
  clientId: string;

  @PrimaryColumn({ type: 'uuid' })
  caregiverId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  client?: Relation<Client>;

  @ManyToOne(() => Caregiver, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  caregiver?: Relation<Caregiver>;

  @Column({ type: 'integer' })
  visits: number;
}
