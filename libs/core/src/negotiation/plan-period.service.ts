import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@homecare/common';
import { Team } from '@homecare/database';
import type { ScenarioDocument } from '@homecare/scenario';
import { caregiverPartDocuments, ScenariosService } from '../scenarios/scenarios.service';
import type { PlanPeriod, PlanRow } from './plan-rules';

import { PlanPeriodRepository, type IdRow } from './plan-period.repository';

/** The team's scenario for a plan's period with the ids both ways (scenario ids = externalRef ?? uuid). */
@Injectable()
export class PlanPeriodService {
  constructor(
    private readonly repository: PlanPeriodRepository,
    private readonly scenarios: ScenariosService,
    private readonly clock: Clock,
  ) {}

  /** `within`: in a caller's transaction, as it sees the team (see ScenariosService.exportScenario). */
  async load(teamId: string, from: string, to: string, within?: EntityManager): Promise<PlanPeriod> {
    const manager = within ?? this.repository.manager;
    const team = await manager.findOneBy(Team, { id: teamId });
    if (!team) throw new NotFoundError('team', teamId);
    const scenario = await this.scenarios.exportScenario(teamId, { from, to }, within);
    const { visits, caregivers } = await this.repository.teamIds(manager, teamId);
    return fromScenario(scenario, team.timezone, idMap(visits), idMap(caregivers));
  }

  /**
   * What checking one caregiver's assignments against their availability needs, for every plan of
   * their team that is not over (or only `planId`) in which they have an assignment in the current
   * version: the plan, their rows of that version, and the period cut down to their part (their
   * availability, those visits and their clients; see caregiverPartDocuments). One prepared
   * statement whatever the number of plans, answering no plan at once when they have no
   * assignment. In `manager`'s transaction, as it sees them (a change of theirs included).
   */
  async caregiverChecks(
    caregiverId: string,
    planId: string | null,
    manager: EntityManager,
  ): Promise<CaregiverCheck[]> {
    const part = await this.repository.caregiverCheckRow(manager, caregiverId, this.clock.now(), planId);
    if (!part?.plans || !part.caregiver) return [];
    const { caregiver } = part;
    const team = {
      name: caregiver.teamName,
      timezone: caregiver.timezone,
      travelSpeedKmh: caregiver.teamTravelSpeedKmh,
      travelDetourFactor: caregiver.teamTravelDetourFactor,
    };
    const interval = ([start, end]: [number, number]) => ({
      startsAt: new Date(start),
      endsAt: new Date(end),
    });
    const visits = (part.visits ?? []).map((visit) => ({
      ...visit,
      earliestStart: new Date(visit.earliestStart),
      latestEnd: new Date(visit.latestEnd),
    }));
    const documents = caregiverPartDocuments(
      {
        team,
        caregiver,
        availability: {
          windows: (part.windows ?? []).map(interval),
          patterns: part.patterns ?? [],
          exceptions: (part.exceptions ?? []).map(interval),
        },
        visits,
        clients: part.clients ?? [],
      },
      part.plans.map((plan) => ({ from: plan.periodStart, to: plan.periodEnd })),
    );
    const visitIdsOf = idMap(visits.map((visit) => ({ id: visit.id, external_ref: visit.externalRef })));
    const caregiverIdsOf = idMap([{ id: caregiver.id, external_ref: caregiver.externalRef }]);
    return part.plans.map((plan, index) => ({
      plan: {
        id: plan.id,
        currentVersion: plan.currentVersion,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
      },
      rows: plan.rows.map((row) => ({
        visitId: row.visitId,
        caregiverIds: row.caregiverIds,
        start: row.startMs === null ? null : new Date(row.startMs),
        end: row.endMs === null ? null : new Date(row.endMs),
        pinned: row.pinned,
        explanation: row.explanation,
        flags: row.flags,
      })),
      period: fromScenario(documents[index], team.timezone, visitIdsOf, caregiverIdsOf),
    }));
  }
}

export interface CaregiverCheck {
  plan: { id: string; currentVersion: number; periodStart: string; periodEnd: string };
  /** Their rows of the current version, in the order rowsOfVersion gives them. */
  rows: PlanRow[];
  period: PlanPeriod;
}

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
