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
 * rounded, access links and pending invitations are revoked (every family invitation loses its
 * email, first name and relation), future visits are cancelled, the GPS positions of check-ins at
 * the client's door are removed, the client's calendar feeds are deleted, and computations still
 * to run lose the client's name and exact location from their stored input. Past visits (hours for
 * payroll) and the history counts stay, attached to the anonymous record.
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
      const [client] = await manager.query<{ id: string; external_ref: string | null }[]>(
        'SELECT id, external_ref FROM client WHERE id = $1 FOR UPDATE',
        [clientId],
      );
      if (!client) throw new NotFoundError('client', clientId);
      // A computation's input names the client by its scenario id (the reference it was imported
      // with, else its own id), as the scenario export wrote it. Scrubbed, not failed: the
      // engine needs neither the name nor the exact door, and the request still finishes. The
      // reference (often a file number) becomes the client's own id wherever the input uses it.
      if (client.external_ref)
        await manager.query(
          `UPDATE roster SET input = replace(input::text, to_jsonb($1::text)::text, to_jsonb($2::text)::text)::jsonb
            WHERE input IS NOT NULL AND input::text LIKE '%' || to_jsonb($1::text)::text || '%'`,
          [client.external_ref, clientId],
        );
      const [, pendingRosterInputsScrubbed] = await manager.query<[unknown, number]>(
        `UPDATE roster r SET input = jsonb_set(r.input, '{clients}', (
             SELECT jsonb_agg(CASE WHEN e.c->>'id' = ANY($1::text[])
                      THEN e.c || jsonb_build_object('name', $2::text, 'location', jsonb_build_object(
                             'lat', round((e.c->'location'->>'lat')::numeric, $3),
                             'lon', round((e.c->'location'->>'lon')::numeric, $3)))
                      ELSE e.c END ORDER BY e.n)
               FROM jsonb_array_elements(r.input->'clients') WITH ORDINALITY AS e(c, n))),
           updated_at = now()
         WHERE r.input IS NOT NULL AND jsonb_typeof(r.input->'clients') = 'array'
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.input->'clients') c WHERE c->>'id' = ANY($1::text[]))`,
        [[clientId], ERASED_CLIENT_NAME, LOCATION_DECIMALS],
      );
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
        `UPDATE invitation SET revoked_at = now()
         WHERE client_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [clientId],
      );
      // Every family invitation for the client, used or not: who was asked is the client's data too.
      await manager.query(
        `UPDATE invitation SET first_name = '', email = '', relation = ''
         WHERE client_id = $1 AND (first_name <> '' OR email <> '' OR relation <> '')`,
        [clientId],
      );
      // The hours stay (payroll); where the caregiver stood, at the client's door, goes.
      const [, checkInPositionsRemoved] = await manager.query<[unknown, number]>(
        `UPDATE visit_check_in SET latitude = NULL, longitude = NULL, check_out_latitude = NULL, check_out_longitude = NULL
         WHERE (latitude IS NOT NULL OR check_out_latitude IS NOT NULL)
           AND visit_id IN (SELECT id FROM visit WHERE client_id = $1)`,
        [clientId],
      );
      const [, calendarFeedsRemoved] = await manager.query<[unknown, number]>(
        'DELETE FROM calendar_feed WHERE client_id = $1',
        [clientId],
      );
      return {
        clientId,
        erasedAt: now.toISOString(),
        careNeedsRemoved,
        futureVisitsCancelled,
        accessLinksRevoked,
        invitationsRevoked,
        checkInPositionsRemoved,
        calendarFeedsRemoved,
        pendingRosterInputsScrubbed,
      };
    });
  }
}
