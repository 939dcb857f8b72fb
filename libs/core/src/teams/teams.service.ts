import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, In, type Repository } from 'typeorm';
import { isValidTimeZone } from '@homecare/scenario';
import { InvalidInputError, NotFoundError } from '@homecare/common';
import { Organisation, Team } from '@homecare/database';
import type { Page, PageRequest } from '../shared';

export interface OrganisationInput {
  name: string;
  /** Weeks of published and checked-in visits that make a client's history (1..26). */
  continuityWindowWeeks?: number;
  /** Whether members may report a colleague absent on their behalf. */
  colleaguesMayReportAbsence?: boolean;
}

export interface TeamInput {
  organisationId: string;
  name: string;
  timezone: string;
  travelSpeedKmh?: number;
  travelDetourFactor?: number;
}

export type TeamChanges = Partial<Omit<TeamInput, 'organisationId'>>;

@Injectable()
export class TeamsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
  ) {}

  createOrganisation(input: OrganisationInput): Promise<Organisation> {
    return this.organisations.save(this.organisations.create({ name: input.name }));
  }

  /** `ids` limits the list to the organisations the caller may see. */
  async listOrganisations(page: PageRequest, ids?: string[]): Promise<Page<Organisation>> {
    const [items, total] = await this.organisations.findAndCount({
      where: ids ? { id: In(ids) } : {},
      order: { name: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, ...page };
  }

  async getOrganisation(id: string): Promise<Organisation> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw new NotFoundError('organisation', id);
    return organisation;
  }

  async updateOrganisation(id: string, changes: Partial<OrganisationInput>): Promise<Organisation> {
    const organisation = await this.getOrganisation(id);
    return this.organisations.save(Object.assign(organisation, changes));
  }

  async createTeam(input: TeamInput): Promise<Team> {
    await this.getOrganisation(input.organisationId);
    assertZone(input.timezone);
    return this.teams.save(this.teams.create(input));
  }

  /** `ids` limits the list to the teams the caller may see. */
  async listTeams(
    filter: { organisationId?: string; ids?: string[] },
    page: PageRequest,
  ): Promise<Page<Team>> {
    const where: FindOptionsWhere<Team> = {};
    if (filter.organisationId) where.organisationId = filter.organisationId;
    if (filter.ids) where.id = In(filter.ids);
    const [items, total] = await this.teams.findAndCount({
      where,
      order: { name: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, ...page };
  }

  async getTeam(id: string): Promise<Team> {
    const team = await this.teams.findOneBy({ id });
    if (!team) throw new NotFoundError('team', id);
    return team;
  }

  async updateTeam(id: string, changes: TeamChanges): Promise<Team> {
    const team = await this.getTeam(id);
    if (changes.timezone !== undefined) assertZone(changes.timezone);
    return this.teams.save(Object.assign(team, changes));
  }

  /** Removes the team and everything that belongs to it (caregivers, clients, visits). */
  async deleteTeam(id: string): Promise<void> {
    const result = await this.teams.delete({ id });
    if (!result.affected) throw new NotFoundError('team', id);
  }
}

function assertZone(timezone: string): void {
  if (!isValidTimeZone(timezone)) {
    const message = `"${String(timezone)}" is not an IANA time zone such as Europe/Amsterdam`;
    throw new InvalidInputError('Unknown time zone.', [{ path: '$.timezone', message }]);
  }
}
