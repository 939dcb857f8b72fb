import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '@homecare/common';
import type { Client, FamilyContact } from '@homecare/database';
import type { Page, PageRequest } from '../shared';
import type { ClientHistoryEntry, ClientWithHistory } from './client.view';
import { ClientsRepository } from './clients.repository';

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
    private readonly repository: ClientsRepository,
    private readonly clock: Clock,
  ) {}

  async createClient(teamId: string, input: ClientInput): Promise<Client> {
    await this.assertTeam(teamId);
    await this.assertCaregiverLists(
      teamId,
      input.preferredCaregiverIds ?? [],
      input.excludedCaregiverIds ?? [],
    );
    return this.repository.insert({ ...input, teamId });
  }

  async listClients(teamId: string, filter: { search?: string }, page: PageRequest): Promise<Page<Client>> {
    await this.assertTeam(teamId);
    const [items, total] = await this.repository.clientsOf(teamId, filter.search?.trim(), page);
    return { items, total, ...page };
  }

  async getClient(id: string): Promise<Client> {
    const client = await this.repository.client(id);
    if (!client) throw new NotFoundError('client', id);
    return client;
  }

  /** The client as long as it belongs to the team; 404 otherwise, so ids of other teams reveal nothing. */
  async getClientOfTeam(teamId: string, id: string): Promise<Client> {
    const client = await this.repository.clientOfTeam(teamId, id);
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
    return this.repository.save(Object.assign(client, changes));
  }

  /**
   * Removes the client with its care needs, visits and history. Refused while check-ins at its
   * visits count for a pay period that is not locked: the delete would take those hours out of
   * payroll. Archiving keeps them.
   */
  async deleteClient(id: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.lockClient(manager, id))) throw new NotFoundError('client', id);
      const checkIns = await this.repository.openCheckInsOf(manager, id);
      if (checkIns > 0)
        throw new ConflictError(
          'The client has visits with worked hours in a pay period that is not locked; archive the client instead (POST /clients/:clientId/archive), which keeps hours and history.',
          { code: 'client.has-open-hours', checkIns },
        );
      await this.repository.delete(manager, id);
    });
  }

  /**
   * Archives the client (soft delete): the record, its visits, check-ins and history stay, its
   * coming visits are cancelled and its care needs no longer generate new ones. Archiving again
   * changes nothing.
   */
  async archiveClient(id: string): Promise<Client> {
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.archive(manager, id, now))) return;
      await this.repository.cancelComingVisits(manager, id, now);
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
    // Entries with no visits are left out: the history lists who served the client.
    await this.repository.transaction((manager) =>
      this.repository.replaceHistory(
        manager,
        id,
        entries.filter((entry) => entry.visits > 0),
      ),
    );
    return this.history(id);
  }

  /** Per caregiver, the visits made before; for now the stored (imported) counts. */
  async history(clientId: string): Promise<ClientHistoryEntry[]> {
    const rows = await this.repository.history(clientId);
    return rows.map((row) => ({ caregiverId: row.caregiverId, visits: row.visits }));
  }

  private async assertTeam(teamId: string): Promise<void> {
    if (!(await this.repository.teamExists(teamId))) throw new NotFoundError('team', teamId);
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
    const known = await this.repository.caregiversOfTeam(teamId, [...new Set(ids)]);
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
