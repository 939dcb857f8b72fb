import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `job`: queue.add(jobName, payload, { jobId }); `flow`: a flow built from the payload by its relay. */
export type OutboxKind = 'job' | 'flow';

/**
 * Transactional outbox: a job to enqueue is written in the same transaction as the rows it is
 * about, and a relay adds it to BullMQ later, so that a request recorded in Postgres is never lost
 * because Redis was away.
 */
@Entity()
@Index('ix_outbox_pending', ['availableAt'], { where: '"dispatched_at" IS NULL' })
export class Outbox {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  kind: OutboxKind;

  @Column({ type: 'text' })
  queueName: string;

  @Column({ type: 'text' })
  jobName: string;

  @Column({ type: 'text' })
  jobId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Not before: a failed dispatch is retried with backoff. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
