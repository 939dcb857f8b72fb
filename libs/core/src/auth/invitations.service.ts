import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, IsNull, type Repository } from 'typeorm';
import { type AppConfig, ConflictError, ForbiddenError, NotFoundError, machineTime } from '@homecare/common';
import {
  Caregiver,
  ClientAccessLink,
  Invitation,
  type InvitationKind,
  Outbox,
  UserAccount,
  type UserRole,
} from '@homecare/database';
import { EMAIL_QUEUE, type SendInvitationEmailJob, emailJobId } from '@homecare/jobs';
import { AccessService } from '../access';
import { EmailedLinks } from './emailed-links';
import { normaliseEmail } from './auth.service';
import { hashOpaqueToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';
import type { Principal } from '../principal';
import type { Page, PageRequest } from '../shared';
import type { CreatedInvitation, InvitationPreview, InvitationView, TeamInvitationView } from './auth.view';
import { InvitationsRepository } from './invitations.repository';

export interface InvitationInput {
  kind: InvitationKind;
  email: string;
  firstName?: string;
  /** caregiver: the team, and optionally an existing Caregiver row of it to link. */
  teamId?: string;
  caregiverId?: string;
  /** family: the client, and how the invitee relates to them. */
  clientId?: string;
  relation?: string;
  /** coordinator: the organisation. */
  organisationId?: string;
  /** The language of the invitation email (Dutch when not given). */
  language?: 'nl' | 'en';
}

const ROLE_OF: Record<InvitationKind, UserRole> = {
  caregiver: 'caregiver',
  family: 'family',
  coordinator: 'coordinator',
};

function view(invitation: Invitation): InvitationView {
  return {
    id: invitation.id,
    kind: invitation.kind,
    email: invitation.email,
    teamId: invitation.teamId,
    caregiverId: invitation.caregiverId,
    clientId: invitation.clientId,
    organisationId: invitation.organisationId,
    expiresAt: invitation.expiresAt.toISOString(),
    acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
    revokedAt: invitation.revokedAt?.toISOString() ?? null,
    approvedAt: invitation.approvedAt?.toISOString() ?? null,
  };
}

const firstWord = (text: string | null | undefined): string | null => text?.trim().split(/\s+/)[0] || null;

@Injectable()
export class InvitationsService {
  private readonly lifetimeMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly access: AccessService,
    private readonly passwords: PasswordHasher,
    private readonly links: EmailedLinks,
    private readonly repository: InvitationsRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.lifetimeMs = config.get('INVITATION_TTL_HOURS', { infer: true }) * 3600 * 1000;
  }

  /**
   * Team members and coordinators invite caregivers to a team; coordinators invite family members
   * for a client and other coordinators to their organisation. A member's invitation waits for a
   * coordinator's approval (`approve`): a self-managed team finds its colleagues, the organisation
   * employs them. Until then it cannot be accepted and no email goes out.
   */
  async create(principal: Principal, input: InvitationInput): Promise<CreatedInvitation> {
    await this.assertMayInvite(principal, input);
    if (input.caregiverId) {
      const caregiver = await this.dataSource
        .getRepository(Caregiver)
        .findOneBy({ id: input.caregiverId, teamId: input.teamId });
      if (!caregiver) throw new NotFoundError('caregiver', input.caregiverId);
      if (caregiver.userId) throw new ConflictError('This caregiver already has an account.');
    }
    // The link is emailed to the invitee (by the worker, through the outbox, so a committed
    // invitation is sent even when this process dies) and still returned to the inviter.
    const id = randomUUID();
    const token = this.links.tokenFor('invitation', id);
    const approved = principal.role !== 'caregiver';
    const invitation = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Invitation, {
          id,
          tokenHash: hashOpaqueToken(token),
          kind: input.kind,
          email: normaliseEmail(input.email),
          firstName: input.firstName ?? '',
          invitedByUserId: principal.userId,
          organisationId: input.kind === 'coordinator' ? (input.organisationId ?? null) : null,
          teamId: input.kind === 'caregiver' ? (input.teamId ?? null) : null,
          caregiverId: input.kind === 'caregiver' ? (input.caregiverId ?? null) : null,
          clientId: input.kind === 'family' ? (input.clientId ?? null) : null,
          relation: input.kind === 'family' ? (input.relation ?? '') : '',
          language: input.language ?? 'nl',
          expiresAt: new Date(machineTime.nowMs() + this.lifetimeMs),
          approvedAt: approved ? machineTime.now() : null,
          approvedByUserId: approved ? principal.userId : null,
        }),
      );
      if (approved) await this.queueEmail(manager, id);
      return saved;
    });
    return { ...view(invitation), token };
  }

  /**
   * A coordinator (or administrator) of the team approves a member's invitation: from now on it
   * can be accepted, and the invitee gets the email. Approving twice changes nothing.
   */
  async approve(principal: Principal, invitationId: string): Promise<InvitationView> {
    return this.dataSource.transaction(async (manager) => {
      const invitation = await manager.findOne(Invitation, {
        where: { id: invitationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || invitation.kind !== 'caregiver' || !invitation.teamId)
        throw new NotFoundError('invitation', invitationId);
      await this.access.assertTeams(principal, [invitation.teamId], 'write').catch((error: unknown) => {
        throw error instanceof NotFoundError ? new NotFoundError('invitation', invitationId) : error;
      });
      if (invitation.approvedAt) return view(invitation);
      if (
        invitation.acceptedAt ||
        invitation.revokedAt ||
        invitation.expiresAt.getTime() <= machineTime.nowMs()
      )
        throw new ConflictError('The invitation is no longer open (revoked or expired).');
      invitation.approvedAt = machineTime.now();
      invitation.approvedByUserId = principal.userId;
      await manager.save(invitation);
      await this.queueEmail(manager, invitation.id);
      return view(invitation);
    });
  }

  /**
   * The team's open invitations (waiting for approval, or sent and not yet accepted), for the
   * coordinators who approve and revoke them; the caller's access to the team is decided before.
   * Expiry is the link's machine time, as when it is accepted.
   */
  listOpenForTeam(teamId: string, page: PageRequest): Promise<Page<TeamInvitationView>> {
    return this.repository.openForTeam(teamId, machineTime.now(), page);
  }

  /** The invitation's email, sent by the worker through the outbox once this transaction commits. */
  private async queueEmail(manager: EntityManager, invitationId: string): Promise<void> {
    if (!this.links.emailOn) return;
    const job: SendInvitationEmailJob = { name: 'send-invitation', data: { invitationId } };
    await manager.insert(Outbox, {
      kind: 'job',
      queueName: EMAIL_QUEUE,
      jobName: job.name,
      jobId: emailJobId(job),
      payload: job.data,
      availableAt: machineTime.now(),
    });
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.pending(this.dataSource.manager, token);
    const [names] = await this.dataSource.query<
      {
        inviter_name: string | null;
        team_name: string | null;
        client_name: string | null;
        organisation_name: string | null;
      }[]
    >(
      `SELECT u.name AS inviter_name, t.name AS team_name, c.name AS client_name, o.name AS organisation_name
       FROM invitation i
       LEFT JOIN user_account u ON u.id = i.invited_by_user_id
       LEFT JOIN team t ON t.id = i.team_id
       LEFT JOIN client c ON c.id = i.client_id
       LEFT JOIN organisation o ON o.id = i.organisation_id
       WHERE i.id = $1`,
      [invitation.id],
    );
    return {
      kind: invitation.kind,
      expiresAt: invitation.expiresAt.toISOString(),
      inviterFirstName: firstWord(names?.inviter_name),
      teamName: names?.team_name ?? null,
      clientFirstName: firstWord(names?.client_name),
      organisationName: invitation.kind === 'coordinator' ? (names?.organisation_name ?? null) : null,
    };
  }

  /**
   * Creates the account (or, for someone who already has one of the same kind and proves it with
   * their password, adds the team or client to it) and uses the invitation up, in one transaction.
   */
  async accept(token: string, input: { password: string; name?: string }): Promise<UserAccount> {
    const passwordHash = await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.pending(manager, token, true);
      if (!invitation.approvedAt)
        throw new ForbiddenError(
          "This invitation waits for a coordinator's approval; it can be accepted once approved.",
          'invitation.awaiting-approval',
        );
      await this.assertInviterStillMember(manager, invitation);
      const role = ROLE_OF[invitation.kind];
      let user = await manager.findOneBy(UserAccount, { email: invitation.email });
      if (user) {
        const sameKind =
          user.role === role && (role !== 'coordinator' || user.organisationId === invitation.organisationId);
        if (
          !sameKind ||
          user.disabledAt ||
          !(await this.passwords.verify(user.passwordHash, input.password))
        ) {
          throw new ConflictError(
            'An account with this email exists already: accept with its password, or ask for an invitation to another email.',
          );
        }
      } else {
        user = await manager.save(
          manager.create(UserAccount, {
            email: invitation.email,
            passwordHash,
            name: input.name?.trim() || invitation.firstName,
            role,
            organisationId: role === 'coordinator' ? invitation.organisationId : null,
          }),
        );
      }
      await this.grant(manager, invitation, user);
      await manager.update(
        Invitation,
        { id: invitation.id },
        { acceptedAt: machineTime.now(), acceptedUserId: user.id },
      );
      return user;
    });
  }

  async revoke(principal: Principal, invitationId: string): Promise<InvitationView> {
    const invitation = await this.invitations.findOneBy({ id: invitationId });
    if (!invitation) throw new NotFoundError('invitation', invitationId);
    if (invitation.invitedByUserId !== principal.userId) {
      // Out of the caller's reach, the invitation itself is not found: the refusal never names its team or client.
      await this.assertMayInvite(principal, {
        kind: invitation.kind,
        email: invitation.email,
        teamId: invitation.teamId ?? undefined,
        clientId: invitation.clientId ?? undefined,
        organisationId: invitation.organisationId ?? undefined,
      }).catch((error: unknown) => {
        throw error instanceof NotFoundError ? new NotFoundError('invitation', invitationId) : error;
      });
      // A member may see the invitation (it is for their team) but withdraws only their own: not
      // a coordinator's, nor a colleague's.
      if (principal.role === 'caregiver')
        throw new ForbiddenError(
          'Members withdraw only the invitations they sent themselves.',
          'invitation.not-yours',
        );
    }
    if (!invitation.acceptedAt && !invitation.revokedAt) {
      invitation.revokedAt = machineTime.now();
      await this.invitations.save(invitation);
    }
    return view(invitation);
  }

  private async grant(manager: EntityManager, invitation: Invitation, user: UserAccount): Promise<void> {
    if (invitation.kind === 'caregiver') {
      const already = await manager.existsBy(Caregiver, { teamId: invitation.teamId!, userId: user.id });
      if (already) throw new ConflictError('This account is a member of the team already.');
      if (invitation.caregiverId) {
        const linked = await manager.update(
          Caregiver,
          { id: invitation.caregiverId, userId: IsNull() },
          { userId: user.id },
        );
        if (!linked.affected) throw new ConflictError('This caregiver already has an account.');
      } else {
        // The team fills in the contract hours; until then the new colleague is not rostered.
        await manager.insert(Caregiver, {
          teamId: invitation.teamId!,
          userId: user.id,
          firstName: firstWord(user.name) ?? (invitation.firstName || 'New colleague'),
          lastName: user.name.trim().split(/\s+/).slice(1).join(' '),
          maxMinutesPerWeek: 0,
        });
      }
    } else if (invitation.kind === 'family') {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ClientAccessLink)
        .values({
          userId: user.id,
          clientId: invitation.clientId!,
          relation: invitation.relation,
          createdByUserId: invitation.invitedByUserId,
        })
        .orIgnore()
        .execute();
    }
  }

  /**
   * A caregiver's invitation to their team holds only while they are an active member with an
   * enabled account: someone deactivated (or disabled) cannot let anyone in through a link sent earlier.
   */
  private async assertInviterStillMember(manager: EntityManager, invitation: Invitation): Promise<void> {
    if (invitation.kind !== 'caregiver' || !invitation.invitedByUserId) return;
    const [inviter] = await manager.query<{ role: UserRole; allowed: boolean }[]>(
      `SELECT u.role, u.disabled_at IS NULL AND EXISTS (
                SELECT 1 FROM caregiver c WHERE c.user_id = u.id AND c.team_id = $2 AND c.active) AS allowed
         FROM user_account u WHERE u.id = $1`,
      [invitation.invitedByUserId, invitation.teamId],
    );
    if (inviter?.role === 'caregiver' && !inviter.allowed)
      throw new ForbiddenError(
        'The colleague who sent this invitation is no longer an active member of the team; ask the team for a new one.',
        'invitation.inviter-not-member',
      );
  }

  /** A usable invitation (not expired, accepted or revoked); every other token is "not found". */
  private async pending(manager: EntityManager, token: string, lock = false): Promise<Invitation> {
    const query = manager
      .createQueryBuilder(Invitation, 'invitation')
      .where('invitation.tokenHash = :tokenHash', { tokenHash: hashOpaqueToken(token) })
      .andWhere(
        'invitation.acceptedAt IS NULL AND invitation.revokedAt IS NULL AND invitation.expiresAt > now()',
      );
    if (lock) query.setLock('pessimistic_write');
    const invitation = await query.getOne();
    if (!invitation) throw new NotFoundError('invitation');
    return invitation;
  }

  private async assertMayInvite(principal: Principal, input: InvitationInput): Promise<void> {
    switch (input.kind) {
      case 'caregiver':
        if (principal.role === 'family') throw new ForbiddenError('Family members do not invite.');
        // Linking an existing Caregiver row hands that person's availability to the account:
        // only coordinators do that, or a team member could take over a colleague's row.
        if (principal.role === 'caregiver' && input.caregiverId)
          throw new ForbiddenError('Only coordinators link an invitation to an existing caregiver.');
        // A team member invites colleagues to their own team; coordinators to their organisation's.
        await this.access.assertTeams(
          principal,
          [input.teamId!],
          principal.role === 'caregiver' ? 'read' : 'write',
        );
        return;
      case 'family':
        if (principal.role === 'caregiver' || principal.role === 'family')
          throw new ForbiddenError('Only coordinators invite family members.');
        await this.access.assertClients(principal, [input.clientId!], 'write');
        return;
      case 'coordinator':
        if (principal.role !== 'administrator' && principal.role !== 'coordinator')
          throw new ForbiddenError('Only coordinators invite coordinators.');
        await this.access.assertOrganisations(principal, [input.organisationId!], 'write');
        return;
    }
  }
}
