import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '@homecare/common';
import { Team } from '@homecare/database';
import type { ScenarioDocument } from '@homecare/scenario';
import { ScenariosService } from '../scenarios/scenarios.service';
import type { PlanPeriod } from './plan-rules';

type IdRow = { id: string; external_ref: string | null };

/** The team's scenario for a plan's period with the ids both ways (scenario ids = externalRef ?? uuid). */
@Injectable()
export class PlanPeriodService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenariosService,
  ) {}

  /** `within`: in a caller's transaction, as it sees the team (see ScenariosService.exportScenario). */
  async load(teamId: string, from: string, to: string, within?: EntityManager): Promise<PlanPeriod> {
    const manager = within ?? this.dataSource.manager;
    const team = await manager.findOneBy(Team, { id: teamId });
    if (!team) throw new NotFoundError('team', teamId);
    const scenario = await this.scenarios.exportScenario(teamId, { from, to }, within);
    const visits: IdRow[] = await manager.query('SELECT id, external_ref FROM visit WHERE team_id = $1', [
      teamId,
    ]);
    const caregivers: IdRow[] = await manager.query(
      'SELECT id, external_ref FROM caregiver WHERE team_id = $1',
      [teamId],
    );
    return fromScenario(scenario, team.timezone, idMap(visits), idMap(caregivers));
  }

  /**
   * One caregiver's part of several periods of the team (their availability, the given visits and
   * those visits' clients), loaded once for all: what checking their assignments in the plans of
   * those periods needs, and no more. `within`: in a caller's transaction, as it sees them.
   */
  async loadForCaregiver(
    caregiverId: string,
    periods: { from: string; to: string }[],
    visitIds: string[],
    within?: EntityManager,
  ): Promise<PlanPeriod[]> {
    const { documents, caregiver, visits } = await this.scenarios.exportCaregiverPart(
      caregiverId,
      periods,
      visitIds,
      within,
    );
    const visitIdsOf = idMap(visits.map((visit) => ({ id: visit.id, external_ref: visit.externalRef })));
    const caregiverIdsOf = idMap([{ id: caregiver.id, external_ref: caregiver.externalRef }]);
    return documents.map((document) => fromScenario(document, document.timezone, visitIdsOf, caregiverIdsOf));
  }
}

/** Scenario id (the external reference, or the id itself) -> database id. */
const idMap = (rows: IdRow[]): Map<string, string> =>
  new Map(rows.map((row) => [row.external_ref ?? row.id, row.id]));

/** A period from an exported scenario and its scenario id -> database id maps. */
export function fromScenario(
  scenario: ScenarioDocument,
  timezone: string,
  visitFromScenario: Map<string, string>,
  caregiverFromScenario: Map<string, string>,
): PlanPeriod {
  const reverse = (map: Map<string, string>) => new Map([...map].map(([scenarioId, id]) => [id, scenarioId]));
  return {
    scenario,
    timezone,
    visitFromScenario,
    caregiverFromScenario,
    visitToScenario: reverse(visitFromScenario),
    caregiverToScenario: reverse(caregiverFromScenario),
  };
}
