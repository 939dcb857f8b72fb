import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError } from '@homecare/common';
import type { Organisation, Team, TeamWorkingTimeOverrides } from '@homecare/database';
import {
  effectiveRulesOf,
  organisationRulesOf,
  parseWorkingTimeChanges,
  WORKING_TIME_RULE_NAMES,
  type WorkingTimeRuleName,
  type WorkingTimeRulesView,
} from './working-time-rules';
import { WorkingTimeRulesRepository } from './working-time-rules.repository';

export interface OrganisationWorkingTimeView extends WorkingTimeRulesView {
  organisationId: string;
}

export interface TeamWorkingTimeView {
  teamId: string;
  organisationId: string;
  /** The organisation's rules. */
  organisation: WorkingTimeRulesView;
  /** This team's own values; a rule absent here follows the organisation. */
  overrides: Partial<WorkingTimeRulesView>;
  /** What the roster engine and payroll use for this team. */
  effective: WorkingTimeRulesView;
}

export interface TeamWorkingTimeChanges extends Record<string, unknown> {
  /** Rules that go back to following the organisation. */
  inherit?: unknown;
}

/**
 * Working-time rules (rest between working days, days in a row): set per organisation (EU
 * defaults), overridden per team. The roster engine plans with the team's effective rules and
 * payroll flags against the same ones.
 */
@Injectable()
export class WorkingTimeRulesService {
  constructor(private readonly repository: WorkingTimeRulesRepository) {}

  async organisationRules(organisationId: string): Promise<OrganisationWorkingTimeView> {
    const organisation = await this.repository.organisation(organisationId);
    if (!organisation) throw new NotFoundError('organisation', organisationId);
    return { organisationId, ...organisationRulesOf(organisation) };
  }

  async updateOrganisationRules(
    organisationId: string,
    input: Record<string, unknown>,
  ): Promise<OrganisationWorkingTimeView> {
    const changes = parseWorkingTimeChanges(input);
    return this.repository.transaction(async (manager) => {
      const organisation = await this.repository.organisationForUpdate(manager, organisationId);
      if (!organisation) throw new NotFoundError('organisation', organisationId);
      await this.repository.setOrganisationRules(manager, organisationId, changes);
      return { organisationId, ...organisationRulesOf({ ...organisation, ...changes }) };
    });
  }

  async teamRules(teamId: string, within?: EntityManager): Promise<TeamWorkingTimeView> {
    const team = await this.repository.team(teamId, within);
    if (!team) throw new NotFoundError('team', teamId);
    return viewOf(team, await this.organisationOf(team, within));
  }

  async updateTeamRules(teamId: string, input: TeamWorkingTimeChanges): Promise<TeamWorkingTimeView> {
    const { inherit, ...values } = input;
    const inherited = parseInherit(inherit);
    const changes = parseWorkingTimeChanges(values);
    const both = inherited.filter((name) => name in changes);
    if (both.length > 0)
      throw new InvalidInputError(
        'The working-time rules are not valid.',
        both.map((name) => ({ path: `$.${name}`, message: `${name} cannot be both set and inherited` })),
        'working-time.unknown-rule',
      );
    return this.repository.transaction(async (manager) => {
      const team = await this.repository.teamForUpdate(manager, teamId);
      if (!team) throw new NotFoundError('team', teamId);
      const overrides: TeamWorkingTimeOverrides = { ...(team.workingTimeOverrides ?? {}), ...changes };
      for (const name of inherited) delete overrides[name];
      await this.repository.setTeamOverrides(manager, teamId, overrides);
      return viewOf({ ...team, workingTimeOverrides: overrides }, await this.organisationOf(team, manager));
    });
  }

  private async organisationOf(team: Team, manager?: EntityManager): Promise<Organisation> {
    const organisation = await this.repository.organisation(team.organisationId, manager);
    if (!organisation) throw new NotFoundError('organisation', team.organisationId);
    return organisation;
  }
}

function parseInherit(inherit: unknown): WorkingTimeRuleName[] {
  if (inherit === undefined) return [];
  const names = WORKING_TIME_RULE_NAMES as readonly string[];
  if (!Array.isArray(inherit) || inherit.some((name) => typeof name !== 'string' || !names.includes(name)))
    throw new InvalidInputError(
      'The working-time rules are not valid.',
      [{ path: '$.inherit', message: `inherit lists rules among ${names.join(', ')}` }],
      'working-time.unknown-rule',
    );
  return [...new Set(inherit as WorkingTimeRuleName[])];
}

function viewOf(
  team: Pick<Team, 'id' | 'organisationId' | 'workingTimeOverrides'>,
  organisation: Organisation,
): TeamWorkingTimeView {
  const overrides: Partial<WorkingTimeRulesView> = {};
  for (const name of WORKING_TIME_RULE_NAMES) {
    const value = team.workingTimeOverrides?.[name];
    if (value !== undefined) overrides[name] = value;
  }
  return {
    teamId: team.id,
    organisationId: team.organisationId,
    organisation: organisationRulesOf(organisation),
    overrides,
    effective: effectiveRulesOf(organisation, team.workingTimeOverrides),
  };
}
