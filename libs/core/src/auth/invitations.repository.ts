import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { InvitationKind } from '@homecare/database';
import type { Page, PageRequest } from '../shared';
import type { TeamInvitationView } from './auth.view';

interface OpenInvitationRow {
  id: string;
  kind: InvitationKind;
  email: string;
  first_name: string;
  team_id: string | null;
  caregiver_id: string | null;
  client_id: string | null;
  organisation_id: string | null;
  expires_at: Date;
  approved_at: Date | null;
  invited_by_name: string | null;
  total: string;
}

/** Statements that list invitations (the writes stay with InvitationsService's transactions). */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The team's invitations that can still be approved or accepted: not accepted, not revoked, not
   * expired at `at`. Those waiting for approval first (they ask for a decision), then the newest.
   */
  async openForTeam(teamId: string, at: Date, page: PageRequest): Promise<Page<TeamInvitationView>> {
    const rows = await this.dataSource.query<OpenInvitationRow[]>(
      `SELECT i.id, i.kind, i.email, i.first_name, i.team_id, i.caregiver_id, i.client_id,
              i.organisation_id, i.expires_at, i.approved_at, u.name AS invited_by_name,
              count(*) OVER () AS total
         FROM invitation i
         LEFT JOIN user_account u ON u.id = i.invited_by_user_id
        WHERE i.team_id = $1 AND i.kind = 'caregiver'
          AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2
        ORDER BY i.approved_at IS NOT NULL, i.created_at DESC, i.id
        LIMIT $3 OFFSET $4`,
      [teamId, at, page.limit, page.offset],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        email: row.email,
        firstName: row.first_name,
        teamId: row.team_id,
        caregiverId: row.caregiver_id,
        clientId: row.client_id,
        organisationId: row.organisation_id,
        expiresAt: row.expires_at.toISOString(),
        acceptedAt: null,
        revokedAt: null,
        approvedAt: row.approved_at?.toISOString() ?? null,
        invitedByName: row.invited_by_name,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : await this.countOpen(teamId, at),
      ...page,
    };
  }

  /** The count alone, for a page past the end (the window count then has no row to ride on). */
  private async countOpen(teamId: string, at: Date): Promise<number> {
    const [row] = await this.dataSource.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM invitation
        WHERE team_id = $1 AND kind = 'caregiver'
          AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2`,
      [teamId, at],
    );
    return Number(row?.total ?? 0);
  }
}
