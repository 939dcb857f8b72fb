import { ApiHideProperty } from '@nestjs/swagger';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Client } from './client.entity';
import { UserAccount } from './user-account.entity';

/**
 * When a user last read a client's visit plan: the next read says what changed since then
 * ("New caregiver: Anna instead of Bram"). One row per user and client, overwritten on each read.
 */
@Entity()
export class VisitPlanView {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  user?: Relation<UserAccount>;

  @PrimaryColumn({ type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  client?: Relation<Client>;

  @Column({ type: 'timestamptz' })
  lastViewedAt: Date;
}
