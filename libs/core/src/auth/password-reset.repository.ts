import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Outbox, PasswordReset, UserAccount } from '@homecare/database';

export interface OutboxEntry {
  queueName: string;
  jobName: string;
  jobId: string;
  payload: Record<string, string>;
  availableAt: Date;
}

/** Every statement of password resets. */
@Injectable()
export class PasswordResetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes the reset and its email job together, for an enabled account with this (normalised)
   * email; returns false, writing nothing, when there is none.
   */
  async record(
    email: string,
    reset: { id: string; tokenHash: string; expiresAt: Date },
    job: OutboxEntry,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserAccount, { email });
      if (!user || user.disabledAt) return false;
      await manager.insert(PasswordReset, { ...reset, userId: user.id });
      await manager.insert(Outbox, { kind: 'job', ...job });
      return true;
    });
  }

  /**
   * Locks the reset of this token hash, lets `check` refuse it, then uses it (and every other open
   * reset of the account) up, sets the password and revokes every refresh token of the account.
   * Returns the revoked sign-ins (refresh token families).
   */
  async use(
    tokenHash: string,
    check: (reset: PasswordReset | null, user: UserAccount | null) => void,
    passwordHash: string,
    at: Date,
    machineNow: Date,
  ): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const reset = await manager
        .createQueryBuilder(PasswordReset, 'reset')
        .where('reset.tokenHash = :tokenHash', { tokenHash })
        .setLock('pessimistic_write')
        .getOne();
      const user = reset ? await manager.findOneBy(UserAccount, { id: reset.userId }) : null;
      check(reset, user);
      await manager.query('UPDATE password_reset SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [
        user!.id,
        at,
      ]);
      await manager.query('UPDATE user_account SET password_hash = $2, updated_at = now() WHERE id = $1', [
        user!.id,
        passwordHash,
      ]);
      const [revoked] = await manager.query<[{ family_id: string }[], number]>(
        'UPDATE auth_refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id',
        [user!.id, machineNow],
      );
      return revoked.map((row) => row.family_id);
    });
  }
}
