import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type Repository } from 'typeorm';
import { Clock, ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '@homecare/common';
import { Caregiver, Client, ClientCaregiverHistory, type FamilyContact, Team } from '@homecare/database';
import { openCheckIns, type Page, type PageRequest } from '../shared';
import type { ClientHistoryEntry, ClientWithHistory } from './client.view';

export interface ClientInput {
  name: string;
  address?: string;
  latitude: number;
  longitude: number;
  preferredCaregiverIds?: string[];
  excludedCaregiverIds?: string[];
  familyContacts?: FamilyContact[];
  notes?: string;
  externalRef?: string | null;
}

export type ClientChanges = Partial<ClientInput>;

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    @InjectRepository(Client) private readonly clients: Repository<Client>,
    @InjectRepository(Caregiver) private readonly caregivers: Repository<Caregiver>,
    @InjectRepository(ClientCaregiverHistory) private readonly histories: Repository<ClientCaregiverHistory>,
    private readonly clock: Clock,
  ) {}

  async createClient(teamId: string, input: ClientInput): Promise<Client> {
    await this.assertTeam(teamId);
    await this.assertCaregiverLists(
      teamId,
      input.preferredCaregiverIds ?? [],
      input.excludedCaregiverIds ?? [],
    );
    return this.clients.save(this.clients.create({ ...input, teamId }));
  }

  async listClients(teamId: string, filter: { search?: string }, page: PageRequest): Promise<Page<Client>> {
    await this.assertTeam(teamId);
    const query = this.clients.createQueryBuilder('client').where('client.teamId = :teamId', { teamId });
    const search = filter.search?.trim();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query.andWhere(
        '(client.name ILIKE :pattern OR client.address ILIKE :pattern OR client.externalRef ILIKE :pattern)',
        { pattern },
      );
    }
    const [items, total] = await query
      .orderBy('client.name', 'ASC')
      .addOrderBy('client.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items, total, ...page };
  }

  async getClient(id: string): Promise<Client> {
    const client = await this.clients.findOneBy({ id });
    if (!client) throw new NotFoundError('client', id);
    return client;
  }

  /** The client as long as it belongs to the team; 404 otherwise, so ids of other teams reveal nothing. */
  async getClientOfTeam(teamId: string, id: string): Promise<Client> {
    const client = await this.clients.findOneBy({ id, teamId });
    if (!client) throw new NotFoundError('client', id);
    return client;
  }

  async getClientWithHistory(id: string): Promise<ClientWithHistory> {
    const client = await this.getClient(id);
    return { ...client, history: await this.history(id) };
  }

  async updateClient(id: string, changes: ClientChanges): Promise<Client> {
    const client = await this.getClient(id);
    if (changes.preferredCaregiverIds !== undefined || changes.excludedCaregiverIds !== undefined) {
      await this.assertCaregiverLists(
        client.teamId,
        changes.preferredCaregiverIds ?? client.preferredCaregiverIds,
        changes.excludedCaregiverIds ?? client.excludedCaregiverIds,
      );
    }
    return this.clients.save(Object.assign(client, changes));
  }

  /**
   * Removes the client with its care needs, visits and history. Refused while check-ins at its
   * visits count for a pay period that is not locked: the delete would take those hours out of
   * payroll. Archiving keeps them.
   */
  async deleteClient(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [client] = await manager.query<{ id: string }[]>(
        'SELECT id FROM client WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!client) throw new NotFoundError('client', id);
      const checkIns = await openCheckIns(
        manager,
        'k.visit_id IN (SELECT id FROM visit WHERE client_id = $1)',
        id,
      );
      if (checkIns > 0)
        throw new ConflictError(
          'The client has visits with worked hours in a pay period that is not locked; archive the client instead (POST /clients/:clientId/archive), which keeps hours and history.',
          { code: 'client.has-open-hours', checkIns },
        );
      await manager.query('DELETE FROM client WHERE id = $1', [id]);
    });
  }

  /**
   * Archives the client (soft delete): the record, its visits, check-ins and history stay, its
   * coming visits are cancelled and its care needs no longer generate new ones. Archiving again
   * changes nothing.
   */
  async archiveClient(id: string): Promise<Client> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const [, archived] = await manager.query<[unknown, number]>(
        'UPDATE client SET archived_at = $2, updated_at = now() WHERE id = $1 AND archived_at IS NULL',
        [id, now],
      );
      if (archived === 0) return;
      await manager.query(
        `UPDATE visit SET status = 'cancelled', detached = true, updated_at = now()
          WHERE client_id = $1 AND status = 'planned' AND earliest_start > $2`,
        [id, now],
      );
    });
    return this.getClient(id);
  }

  /** Replaces the imported history (who served the client before this system) in one go. */
  async replaceHistory(id: string, entries: ClientHistoryEntry[]): Promise<ClientHistoryEntry[]> {
    const client = await this.getClient(id);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.caregiverId))
        problems.push({ path: `$.entries[${index}].caregiverId`, message: 'this caregiver is listed twice' });
      seen.add(entry.caregiverId);
    });
    problems.push(
      ...(await this.foreignCaregivers(
        client.teamId,
        entries.map((entry) => entry.caregiverId),
        (index) => `$.entries[${index}].caregiverId`,
      )),
    );
    if (problems.length > 0)
      throw new InvalidInputError('The history refers to caregivers that cannot be used.', problems);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ClientCaregiverHistory, { clientId: id });
      const kept = entries.filter((entry) => entry.visits > 0);
      if (kept.length > 0)
        await manager.insert(
          ClientCaregiverHistory,
          kept.map((entry) => ({ clientId: id, caregiverId: entry.caregiverId, visits: entry.visits })),
        );
    });
    return this.history(id);
  }

  /** Per caregiver, the visits made before; for now the stored (imported) counts. */
  async history(clientId: string): Promise<ClientHistoryEntry[]> {
    const rows = await this.histories.find({
      where: { clientId },
      order: { visits: 'DESC', caregiverId: 'ASC' },
    });
    return rows.map((row) => ({ caregiverId: row.caregiverId, visits: row.visits }));
  }

  private async assertTeam(teamId: string): Promise<void> {
    if (!(await this.teams.existsBy({ id: teamId }))) throw new NotFoundError('team', teamId);
  }

  /** Preferred and excluded caregivers are caregivers of the client's own team, and never both. */
  private async assertCaregiverLists(teamId: string, preferred: string[], excluded: string[]): Promise<void> {
    const problems = [
      ...(await this.foreignCaregivers(teamId, preferred, (index) => `$.preferredCaregiverIds[${index}]`)),
      ...(await this.foreignCaregivers(teamId, excluded, (index) => `$.excludedCaregiverIds[${index}]`)),
    ];
    const preferredSet = new Set(preferred);
    excluded.forEach((caregiverId, index) => {
      if (preferredSet.has(caregiverId))
        problems.push({
          path: `$.excludedCaregiverIds[${index}]`,
          message: 'a caregiver cannot be both preferred and excluded',
        });
    });
    if (problems.length > 0)
      throw new InvalidInputError('The caregiver lists are not valid for this client.', problems);
  }

  private async foreignCaregivers(
    teamId: string,
    ids: string[],
    pathOf: (index: number) => string,
  ): Promise<FieldProblem[]> {
    if (ids.length === 0) return [];
    const found = await this.caregivers.find({
      select: { id: true },
      where: { teamId, id: In([...new Set(ids)]) },
    });
    const known = new Set(found.map((caregiver) => caregiver.id));
    const problems: FieldProblem[] = [];
    ids.forEach((caregiverId, index) => {
      if (!known.has(caregiverId))
        problems.push({
          path: pathOf(index),
          message: `caregiver ${caregiverId} is not a caregiver of this team`,
        });
    });
    return problems;
  }
}
