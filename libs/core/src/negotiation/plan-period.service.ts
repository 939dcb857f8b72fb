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
    return fromScenario(
      scenario,
      team.timezone,
      new Map(visits.map((row) => [row.external_ref ?? row.id, row.id])),
      new Map(caregivers.map((row) => [row.external_ref ?? row.id, row.id])),
    );
  }
}

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
