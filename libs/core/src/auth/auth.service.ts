import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type Repository } from 'typeorm';
import {
  type AppConfig,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  machineTime,
} from '@homecare/common';
import { AuthRefreshToken, UserAccount } from '@homecare/database';
import type { Page, PageRequest } from '../shared';
import { AccessTokenService } from './access-token.service';
import { AccountCache, type ActiveAccount } from './account-cache';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';
import { SessionRevocations } from './session-revocations';
import { type Principal, principalOf } from '../principal';
import { preparedQuery } from '../database';
import type { MeView, MyCaregiver, MyClient, SignIn, UserView } from './auth.view';

export const WRONG_CREDENTIALS = 'The email or the password is wrong.';

export function userView(user: UserAccount): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class AuthService {
  private readonly refreshLifetimeMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserAccount) private readonly users: Repository<UserAccount>,
    @InjectRepository(AuthRefreshToken) private readonly refreshTokens: Repository<AuthRefreshToken>,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly accounts: AccountCache,
    private readonly sessions: SessionRevocations,
    config: ConfigService<AppConfig, true>,
  ) {
    this.refreshLifetimeMs = config.get('REFRESH_TOKEN_TTL_SECONDS', { infer: true }) * 1000;
  }

  /** Same answer, and about the same time, for an unknown email as for a wrong password. */
  async login(email: string, password: string): Promise<SignIn> {
    const user = await this.users.findOneBy({ email: normaliseEmail(email) });
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyDummy(password);
    if (!user || !valid) throw new UnauthenticatedError(WRONG_CREDENTIALS, 'auth.wrong-credentials');
    // Said only to someone who proved the password: an unknown email is not told apart.
    if (user.disabledAt)
      throw new ForbiddenError(
        'This account is disabled; a coordinator or an administrator can enable it again.',
        'account.disabled',
      );
    return this.signIn(user);
  }

  /** A new sign-in (a new refresh token family) for a user who just proved who they are. */
  signIn(user: UserAccount): Promise<SignIn> {
    return this.issue(user, randomUUID());
  }

  /**
   * Trades a refresh token for a new pair. Each refresh token works once: one that comes back
   * after use (or after logout) means someone else holds a copy, so its whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<SignIn> {
    const tokenHash = hashOpaqueToken(refreshToken);
    // One statement, so that two requests with the same token cannot both succeed.
    const [used] = await this.dataSource.query<{ user_id: string; family_id: string }[][]>(
      `UPDATE auth_refresh_token SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING user_id, family_id`,
      [tokenHash],
    );
    const row = used?.[0];
    if (!row) {
      const known = await this.refreshTokens.findOneBy({ tokenHash });
      if (known && (known.usedAt || known.revokedAt)) await this.revokeFamily(known.familyId);
      throw new UnauthenticatedError('The refresh token is not valid.');
    }
    const user = await this.users.findOneBy({ id: row.user_id });
    if (!user || user.disabledAt) {
      await this.revokeFamily(row.family_id);
      throw new UnauthenticatedError('The refresh token is not valid.');
    }
    return this.issue(user, row.family_id);
  }

  /** Ends the sign-in the refresh token belongs to; unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const known = await this.refreshTokens.findOneBy({ tokenHash: hashOpaqueToken(refreshToken) });
    if (known) await this.revokeFamily(known.familyId);
  }

  /** Whether these are an active administrator's email and password (for pages outside the API's routes). */
  async verifyAdministrator(email: string, password: string): Promise<boolean> {
    const user = await this.users.findOneBy({ email: normaliseEmail(email) });
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyDummy(password);
    return Boolean(user && valid && !user.disabledAt && user.role === 'administrator');
  }

  /** The caller of a request with this access token; 401 when the token or the account is not valid. */
  async authenticate(accessToken: string, route: string): Promise<Principal> {
    const claims = this.accessTokens.verify(accessToken);
    const [user, signedIn] = await Promise.all([
      this.accounts.get(claims.sub, (id) => this.activeAccount(id)),
      // The sign-in it belongs to has not ended (sign-out, a stolen refresh token, disabling).
      claims.sid ? this.sessions.isActive(claims.sid) : true,
    ]);
    if (!user || !signedIn) throw new UnauthenticatedError('The access token is not valid.');
    return principalOf(user, route);
  }

  /** The three columns a principal needs, without the repository's query building and entity mapping. */
  private async activeAccount(id: string): Promise<ActiveAccount | undefined> {
    const [user] = await preparedQuery<{
      id: string;
      role: UserAccount['role'];
      organisation_id: string | null;
    }>(
      this.dataSource,
      'SELECT id, role, organisation_id FROM user_account WHERE id = $1 AND disabled_at IS NULL',
      [id],
    );
    return user && { id: user.id, role: user.role, organisationId: user.organisation_id };
  }

  async getUser(id: string): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new UnauthenticatedError();
    return userView(user);
  }

  async getMe(id: string): Promise<MeView> {
    const user = await this.getUser(id);
    // Only what the access rules already give them: active caregiver rows, unrevoked client links.
    const caregivers: MyCaregiver[] = await this.dataSource.query(
      `SELECT c.id, c.team_id AS "teamId", t.name AS "teamName", c.first_name AS "firstName"
         FROM caregiver c JOIN team t ON t.id = c.team_id
        WHERE c.user_id = $1 AND c.active
        ORDER BY t.name, c.id`,
      [id],
    );
    const clients: MyClient[] = await this.dataSource.query(
      `SELECT cl.id, cl.name, cl.team_id AS "teamId"
         FROM client_access_link l JOIN client cl ON cl.id = l.client_id
        WHERE l.user_id = $1 AND l.revoked_at IS NULL
        ORDER BY cl.name, cl.id`,
      [id],
    );
    return { ...user, caregivers, clients };
  }

  async listUsers(page: PageRequest): Promise<Page<UserView>> {
    const [items, total] = await this.users.findAndCount({
      order: { email: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: items.map(userView), total, ...page };
  }

  /**
   * Disables or enables an account: administrators any but their own, coordinators the accounts of
   * their organisation (its coordinators, the caregivers of its teams, the family of its clients).
   * Disabling ends every sign-in of the account at once (refresh tokens revoked, access tokens
   * refused from the next request in every process) and stops its calendar feeds; enabling lets it
   * sign in again (nothing ended comes back). An account out of the caller's reach is not found.
   */
  async setDisabled(principal: Principal, userId: string, disabled: boolean): Promise<UserView> {
    const target = await this.users.findOneBy({ id: userId });
    if (!target) throw new NotFoundError('user', userId);
    if (principal.role === 'coordinator') {
      const [reach] = await this.dataSource.query<{ ours: boolean; others: boolean }[]>(
        `WITH orgs AS (
           SELECT u.organisation_id AS id FROM user_account u WHERE u.id = $1 AND u.role = 'coordinator'
           UNION SELECT t.organisation_id FROM caregiver c JOIN team t ON t.id = c.team_id WHERE c.user_id = $1
           UNION SELECT t.organisation_id FROM client_access_link l JOIN client cl ON cl.id = l.client_id
                   JOIN team t ON t.id = cl.team_id WHERE l.user_id = $1)
         SELECT coalesce(bool_or(id = $2), false) AS ours, coalesce(bool_or(id <> $2), false) AS others FROM orgs`,
        [userId, principal.organisationId],
      );
      if (target.role === 'administrator' || !reach?.ours) throw new NotFoundError('user', userId);
      if (reach.others)
        throw new ForbiddenError(
          'This account also works for another organisation: an administrator disables it; deactivate their caregiver row in your team instead.',
          'account.other-organisation',
        );
    }
    if (disabled && target.id === principal.userId)
      throw new ConflictError('You cannot disable your own account.', { code: 'account.self-disable' });
    const families = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        disabled
          ? 'UPDATE user_account SET disabled_at = coalesce(disabled_at, $2), updated_at = now() WHERE id = $1'
          : 'UPDATE user_account SET disabled_at = NULL, updated_at = now() WHERE id = $1',
        disabled ? [userId, machineTime.now()] : [userId],
      );
      if (!disabled) return [];
      const [revoked] = await manager.query<[{ family_id: string }[], number]>(
        'UPDATE auth_refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id',
        [userId, machineTime.now()],
      );
      return revoked.map((row) => row.family_id);
    });
    await this.sessions.revoked(families);
    return this.getUser(userId);
  }

  /**
   * Creates the first administrator when there is no user at all. Safe to run at every start and
   * from several processes at once: the check and the insert happen under one advisory lock.
   */
  async ensureBootstrapAdmin(email: string, password: string): Promise<boolean> {
    const passwordHash = await this.passwords.hash(password);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['bootstrap-admin']);
      if (await manager.exists(UserAccount)) return false;
      await manager.insert(UserAccount, {
        email: normaliseEmail(email),
        passwordHash,
        name: 'Administrator',
        role: 'administrator',
        organisationId: null,
      });
      return true;
    });
  }

  private async issue(user: UserAccount, familyId: string): Promise<SignIn> {
    const refreshToken = newOpaqueToken();
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: hashOpaqueToken(refreshToken),
      expiresAt: new Date(machineTime.nowMs() + this.refreshLifetimeMs),
    });
    return {
      accessToken: this.accessTokens.sign(user.id, user.role, familyId),
      refreshToken,
      expiresIn: this.accessTokens.lifetimeSeconds,
      tokenType: 'Bearer',
      user: userView(user),
    };
  }

  /** Ends a sign-in: its refresh tokens, and its access tokens from the next request on. */
  private async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: machineTime.now() });
    await this.sessions.revoked([familyId]);
  }
}
