import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, NotFoundError } from '@homecare/common';
import type { ErasureResult } from './access.view';

export const ERASED_CLIENT_NAME = 'erased client';
/** Two decimals of a degree: about a kilometre, enough for travel statistics, not for a door. */
const LOCATION_DECIMALS = 2;

/**
 * Erasure on request: the client's personal data goes, the record of work stays. Name, address,
 * notes, family contacts, references and care need descriptions are cleared, the location is
 * rounded, access links and pending invitations are revoked, future visits are cancelled. Past
 * visits (hours for payroll) and the history counts stay, attached to the anonymous record.
 */
@Injectable()
export class ClientErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async erase(clientId: string, byUserId: string): Promise<ErasureResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const [client] = await manager.query<{ id: string }[]>(
        'SELECT id FROM client WHERE id = $1 FOR UPDATE',
        [clientId],
      );
      if (!client) throw new NotFoundError('client', clientId);
      await manager.query(
        `UPDATE client SET name = $2, address = '', notes = '', family_contacts = '[]'::jsonb, external_ref = NULL,
           preferred_caregiver_ids = '{}', excluded_caregiver_ids = '{}',
           latitude = round(latitude::numeric, $3)::double precision, longitude = round(longitude::numeric, $3)::double precision,
           updated_at = now()
         WHERE id = $1`,
        [clientId, ERASED_CLIENT_NAME, LOCATION_DECIMALS],
      );
      const [, futureVisitsCancelled] = await manager.query<[unknown, number]>(
        `UPDATE visit SET status = 'cancelled', detached = true, updated_at = now()
         WHERE client_id = $1 AND status = 'planned' AND earliest_start > $2`,
        [clientId, now],
      );
      // Generated visits keep their hours; deleting the care needs turns them into one-offs.
      await manager.query('UPDATE visit SET external_ref = NULL WHERE client_id = $1', [clientId]);
      const [, careNeedsRemoved] = await manager.query<[unknown, number]>(
        'DELETE FROM care_need WHERE client_id = $1',
        [clientId],
      );
      const [, accessLinksRevoked] = await manager.query<[unknown, number]>(
        'UPDATE client_access_link SET revoked_at = $3, revoked_by_user_id = $2 WHERE client_id = $1 AND revoked_at IS NULL',
        [clientId, byUserId, now],
      );
      const [, invitationsRevoked] = await manager.query<[unknown, number]>(
        `UPDATE invitation SET revoked_at = now(), first_name = '', email = ''
         WHERE client_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [clientId],
      );
      return {
        clientId,
        erasedAt: now.toISOString(),
        careNeedsRemoved,
        futureVisitsCancelled,
        accessLinksRevoked,
        invitationsRevoked,
      };
    });
  }
}
