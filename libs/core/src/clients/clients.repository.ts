import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Caregiver, Client, ClientCaregiverHistory, Team } from '@homecare/database';
import { openCheckIns, type PageRequest } from '../shared';

/** Every statement of clients and their imported caregiver history. */
@Injectable()
export class ClientsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  teamExists(teamId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(Team, { id: teamId });
  }

  insert(client: Partial<Client>): Promise<Client> {
    const clients = this.dataSource.manager.getRepository(Client);
    return clients.save(clients.create(client));
  }

  save(client: Client): Promise<Client> {
    return this.dataSource.manager.getRepository(Client).save(client);
  }

  /**
   * A page of the team's clients by name; `search` (already trimmed) matches name, address or
   * external reference, with LIKE's wildcards taken literally.
   */
  clientsOf(teamId: string, search: string | undefined, page: PageRequest): Promise<[Client[], number]> {
    const query = this.dataSource.manager
      .createQueryBuilder(Client, 'client')
      .where('client.teamId = :teamId', { teamId });
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query.andWhere(
        '(client.name ILIKE :pattern OR client.address ILIKE :pattern OR client.externalRef ILIKE :pattern)',
        { pattern },
      );
    }
    return query
      .orderBy('client.name', 'ASC')
      .addOrderBy('client.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
  }

  client(id: string): Promise<Client | null> {
    return this.dataSource.manager.findOneBy(Client, { id });
  }

  clientOfTeam(teamId: string, id: string): Promise<Client | null> {
    return this.dataSource.manager.findOneBy(Client, { id, teamId });
  }

  /** Locks the client's row for the delete; false when there is no such client. */
  async lockClient(manager: EntityManager, id: string): Promise<boolean> {
    const [client] = await manager.query<{ id: string }[]>('SELECT id FROM client WHERE id = $1 FOR UPDATE', [
      id,
    ]);
    return client !== undefined;
  }

  /** Check-ins at the client's visits that count for a pay period not locked yet. */
  openCheckInsOf(manager: EntityManager, id: string): Promise<number> {
    return openCheckIns(manager, 'k.visit_id IN (SELECT id FROM visit WHERE client_id = $1)', id);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM client WHERE id = $1', [id]);
  }

  /** Marks the client archived at `now`; false when it was archived already (or does not exist). */
  async archive(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const [, archived] = await manager.query<[unknown, number]>(
      'UPDATE client SET archived_at = $2, updated_at = now() WHERE id = $1 AND archived_at IS NULL',
      [id, now],
    );
    return archived !== 0;
  }

  /** Cancels (and detaches) the client's planned visits that start after `now`. */
  async cancelComingVisits(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE visit SET status = 'cancelled', detached = true, updated_at = now()
        WHERE client_id = $1 AND status = 'planned' AND earliest_start > $2`,
      [id, now],
    );
  }

  async replaceHistory(
    manager: EntityManager,
    clientId: string,
    entries: Array<{ caregiverId: string; visits: number }>,
  ): Promise<void> {
    await manager.delete(ClientCaregiverHistory, { clientId });
    if (entries.length > 0)
      await manager.insert(
        ClientCaregiverHistory,
        entries.map((entry) => ({ clientId, caregiverId: entry.caregiverId, visits: entry.visits })),
      );
  }

  history(clientId: string): Promise<ClientCaregiverHistory[]> {
    return this.dataSource.manager.find(ClientCaregiverHistory, {
      where: { clientId },
      order: { visits: 'DESC', caregiverId: 'ASC' },
    });
  }

  /** The ids among `ids` that are caregivers of the team. */
  async caregiversOfTeam(teamId: string, ids: string[]): Promise<Set<string>> {
    const found = await this.dataSource.manager.find(Caregiver, {
      select: { id: true },
      where: { teamId, id: In(ids) },
    });
    return new Set(found.map((caregiver) => caregiver.id));
  }
}
