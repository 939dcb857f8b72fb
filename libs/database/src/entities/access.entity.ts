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
import { Client } from './client.entity';
import { UserAccount } from './user-account.entity';

/**
 * A family member's (or the client's own) access to one client: what lets them read that client's
 * published visit plan. Revoking keeps the row, for the record.
 */
@Entity()
@Index('uq_client_access_link_active', ['userId', 'clientId'], {
  unique: true,
  where: '"revoked_at" IS NULL',
})
export class ClientAccessLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  user?: Relation<UserAccount>;

  @Index()
  @Column({ type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn()
  @ApiHideProperty()
  client?: Relation<Client>;

  @Column({ type: 'text', default: '' })
  relation: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedByUserId: string | null;
}

/**
 * Who touched a client's data, when and how: one row per client per request. Ids and route
 * patterns only, never values. Kept when the client is erased (the client id then points nowhere).
 */
@Entity()
@Index('ix_access_log_client_time', ['clientId', 'at'])
export class AccessLogEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid' })
  clientId: string;

  /** read, write, erase, ... */
  @Column({ type: 'text' })
  action: string;

  /** Method and route pattern, e.g. `GET /clients/:clientId`. */
  @Column({ type: 'text' })
  route: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
