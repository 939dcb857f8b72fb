import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Organisation, Team, type TeamWorkingTimeOverrides } from '@homecare/database';

/** Every statement of the working-time rules: the organisation's values and a team's overrides. */
@Injectable()
export class WorkingTimeRulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  organisation(id: string, manager: EntityManager = this.dataSource.manager): Promise<Organisation | null> {
    return manager.findOneBy(Organisation, { id });
  }

  team(id: string, manager: EntityManager = this.dataSource.manager): Promise<Team | null> {
    return manager.findOneBy(Team, { id });
  }

  /** Read for an update: the row stays locked until the transaction ends. */
  organisationForUpdate(manager: EntityManager, id: string): Promise<Organisation | null> {
    return manager.findOne(Organisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  teamForUpdate(manager: EntityManager, id: string): Promise<Team | null> {
    return manager.findOne(Team, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async setOrganisationRules(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<Organisation, 'minRestMinutes' | 'maxConsecutiveDays'>>,
  ): Promise<void> {
    if (Object.keys(changes).length > 0) await manager.update(Organisation, { id }, changes);
  }

  async setTeamOverrides(
    manager: EntityManager,
    id: string,
    overrides: TeamWorkingTimeOverrides,
  ): Promise<void> {
    await manager.update(Team, { id }, { workingTimeOverrides: overrides });
  }
}
