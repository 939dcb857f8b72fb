import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OrganisationPayrollSettings } from '@homecare/database';

/** The statements of organisations' payroll settings (one row each). */
@Injectable()
export class PayrollSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  settings(organisationId: string): Promise<OrganisationPayrollSettings | null> {
    return this.dataSource.getRepository(OrganisationPayrollSettings).findOneBy({ organisationId });
  }

  /** How many pay periods of the organisation were approved or locked. */
  async periodStateCount(manager: EntityManager, organisationId: string): Promise<number> {
    const [{ count }] = await manager.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM pay_period_state WHERE organisation_id = $1',
      [organisationId],
    );
    return count;
  }

  /** Writes the organisation's settings (insert or replace) and reads back the stored row. */
  async upsert(
    manager: EntityManager,
    settings: QueryDeepPartialEntity<OrganisationPayrollSettings> & { organisationId: string },
  ): Promise<OrganisationPayrollSettings> {
    await manager.getRepository(OrganisationPayrollSettings).upsert(settings, ['organisationId']);
    return manager
      .getRepository(OrganisationPayrollSettings)
      .findOneByOrFail({ organisationId: settings.organisationId });
  }
}
