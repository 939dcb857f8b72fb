import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  In,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { InvalidInputError, NotFoundError } from '@homecare/common';
import {
  AvailabilityException,
  AvailabilityPattern,
  AvailabilityWindow,
  Caregiver,
  Client,
  ClientCaregiverHistory,
  Organisation,
  Team,
  Visit,
  VisitPin,
} from '@homecare/database';
import {
  addDays,
  isLocalDate,
  startOfLocalDate,
  validateScenario,
  type ScenarioDocument,
  type ScenarioProblem,
} from '@homecare/scenario';
import { expandAvailability } from '../availability/availability-expansion';
import { type ExportedAvailability, toScenarioDocument } from './scenario-export.mapper';
import {
  planScenarioImport,
  SCENARIO_IMPORT_LIMITS,
  type ScenarioImportPlan,
  scenarioStorageProblems,
} from './scenario-import.plan';

/** Longest period one export covers (a quarter): the document stays a size people can handle. */
export const MAX_EXPORT_DAYS = 92;
// PostgreSQL takes at most 65,535 bind parameters per statement.
const MAX_BIND_PARAMETERS = 65_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface ScenarioImportOptions {
  /** Existing organisation to add the team to; without it, a new one named after the scenario. */
  organisationId?: string;
}

export interface ScenarioImportResult {
  teamId: string;
  organisationId: string;
  /** scenario id -> new database id */
  ids: ScenarioImportPlan['ids'];
  counts: {
    caregivers: number;
    availabilityWindows: number;
    clients: number;
    history: number;
    visits: number;
    pins: number;
  };
}

/** Caregivers and visits an export is cut down to. */
export interface ScenarioExportPart {
  caregiverIds: string[];
  visitIds: string[];
}

/** Never an id: keeps `IN (...)` valid for an empty list. */
const NONE = '00000000-0000-0000-0000-000000000000';

export interface ScenarioExportPeriod {
  /** Local dates `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
}

@Injectable()
export class ScenariosService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates a team with everything a homecare-scenario/v1 document describes, all or nothing.
   * An invalid document is refused with every problem at once, before anything is written.
   */
  async importScenario(input: unknown, options: ScenarioImportOptions = {}): Promise<ScenarioImportResult> {
    const validation = validateScenario(input, SCENARIO_IMPORT_LIMITS);
    if (!validation.ok)
      throw new InvalidInputError('The scenario document is not valid.', validation.problems);
    const scenario = validation.scenario;
    const problems = scenarioStorageProblems(scenario);
    if (problems.length > 0) throw new InvalidInputError('The scenario document is not valid.', problems);

    return this.dataSource.transaction(async (manager) => {
      const organisationId = await this.organisationFor(manager, scenario, options.organisationId);
      const teamId = randomUUID();
      await manager.insert(Team, {
        id: teamId,
        organisationId,
        name: scenarioName(scenario),
        timezone: scenario.timezone,
        travelSpeedKmh: scenario.travel?.speedKmh,
        travelDetourFactor: scenario.travel?.detourFactor,
      });
      const plan = planScenarioImport(scenario, teamId, randomUUID);
      await this.writePlan(manager, plan);
      return {
        teamId,
        organisationId,
        ids: plan.ids,
        counts: {
          caregivers: plan.caregivers.length,
          availabilityWindows: plan.availabilityWindows.length,
          clients: plan.clients.length,
          history: plan.history.length,
          visits: plan.visits.length,
          pins: plan.pins.length,
        },
      };
    });
  }

  /** The team as a homecare-scenario/v1 document for the local dates `from`..`to`. */
  async exportScenario(teamId: string, period: ScenarioExportPeriod): Promise<ScenarioDocument> {
    assertPeriod(period);
    // One snapshot: an import or an edit running meanwhile never shows half in the document.
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      this.exportWith(manager, teamId, period),
    );
  }

  /**
   * The same document cut down to some caregivers and visits (and the clients of those visits),
   * read through `manager`: enough to check those caregivers' assignments of those visits with
   * the engine's own checker, at a fraction of the cost of the whole team.
   */
  async exportPart(
    manager: EntityManager,
    teamId: string,
    period: ScenarioExportPeriod,
    part: ScenarioExportPart,
  ): Promise<ScenarioDocument> {
    assertPeriod(period);
    return this.exportWith(manager, teamId, period, part);
  }

  private async exportWith(
    manager: EntityManager,
    teamId: string,
    period: ScenarioExportPeriod,
    part?: ScenarioExportPart,
  ): Promise<ScenarioDocument> {
    const team = await manager.findOneBy(Team, { id: teamId });
    if (!team) throw new NotFoundError('team', teamId);
    const timezone = team.timezone;
    const rangeStart = new Date(startOfLocalDate(period.from, timezone) * MINUTE_MS);
    const rangeEnd = new Date(startOfLocalDate(addDays(period.to, 1), timezone) * MINUTE_MS);
    const visitsOf = (query: SelectQueryBuilder<ObjectLiteral>) => {
      query
        .andWhere("visit.status = 'planned'")
        .andWhere('visit.earliestStart >= :rangeStart AND visit.earliestStart < :rangeEnd', {
          rangeStart,
          rangeEnd,
        });
      return part
        ? query.andWhere('visit.id IN (:...visitIds)', { visitIds: [NONE, ...part.visitIds] })
        : query;
    };

    const caregivers = await manager.find(Caregiver, {
      where: { teamId, active: true, ...(part ? { id: In(part.caregiverIds) } : {}) },
      order: { externalRef: 'ASC', firstName: 'ASC', id: 'ASC' },
    });
    const availability = await this.loadAvailability(manager, teamId, caregivers, period, timezone, part);
    const visits = (await visitsOf(
      manager.createQueryBuilder(Visit, 'visit').where('visit.teamId = :teamId', { teamId }),
    )
      .orderBy('visit.earliestStart', 'ASC')
      .addOrderBy('visit.externalRef', 'ASC')
      .addOrderBy('visit.id', 'ASC')
      .getMany()) as Visit[];
    const clientIds = part ? [...new Set(visits.map((visit) => visit.clientId))] : undefined;
    const clients =
      clientIds?.length === 0
        ? []
        : await manager.find(Client, {
            where: { teamId, ...(clientIds ? { id: In(clientIds) } : {}) },
            order: { externalRef: 'ASC', name: 'ASC', id: 'ASC' },
          });
    const history = await manager
      .createQueryBuilder(ClientCaregiverHistory, 'history')
      .innerJoin(Client, 'client', 'client.id = history.clientId')
      .where('client.teamId = :teamId', { teamId })
      .andWhere(clientIds ? 'client.id IN (:...clientIds)' : 'TRUE', {
        clientIds: [NONE, ...(clientIds ?? [])],
      })
      .getMany();
    const pins = (await visitsOf(
      manager
        .createQueryBuilder(VisitPin, 'pin')
        .innerJoin(Visit, 'visit', 'visit.id = pin.visitId')
        .where('visit.teamId = :teamId', { teamId }),
    ).getMany()) as VisitPin[];

    return toScenarioDocument({
      team,
      period: { start: period.from, end: period.to },
      caregivers,
      availability,
      clients,
      history,
      visits,
      pins,
    });
  }

  private async organisationFor(
    manager: EntityManager,
    scenario: ScenarioDocument,
    organisationId: string | undefined,
  ): Promise<string> {
    if (organisationId !== undefined) {
      if (!(await manager.existsBy(Organisation, { id: organisationId })))
        throw new NotFoundError('organisation', organisationId);
      return organisationId;
    }
    const id = randomUUID();
    await manager.insert(Organisation, { id, name: scenarioName(scenario) });
    return id;
  }

  /** In dependency order: caregivers before the clients that prefer them, visits before their pins. */
  private async writePlan(manager: EntityManager, plan: ScenarioImportPlan): Promise<void> {
    await insertInChunks(manager, Caregiver, plan.caregivers);
    await insertInChunks(manager, AvailabilityWindow, plan.availabilityWindows);
    await insertInChunks(manager, Client, plan.clients);
    await insertInChunks(manager, ClientCaregiverHistory, plan.history);
    await insertInChunks(manager, Visit, plan.visits);
    await insertInChunks(manager, VisitPin, plan.pins);
  }

  private async loadAvailability(
    manager: EntityManager,
    teamId: string,
    caregivers: Caregiver[],
    period: ScenarioExportPeriod,
    timezone: string,
    part?: ScenarioExportPart,
  ): Promise<ExportedAvailability[]> {
    if (caregivers.length === 0) return [];
    // A day's margin either side covers any zone offset; expansion trims to the period exactly.
    const margin = {
      from: new Date(Date.parse(`${period.from}T00:00:00Z`) - 2 * DAY_MS),
      to: new Date(Date.parse(`${addDays(period.to, 1)}T00:00:00Z`) + 2 * DAY_MS),
    };
    const ofTeam = (query: SelectQueryBuilder<ObjectLiteral>) =>
      query
        .innerJoin(Caregiver, 'caregiver', `caregiver.id = ${query.alias}.caregiverId`)
        .where('caregiver.teamId = :teamId AND caregiver.active', { teamId })
        .andWhere(part ? 'caregiver.id IN (:...caregiverIds)' : 'TRUE', {
          caregiverIds: [NONE, ...(part?.caregiverIds ?? [])],
        });
    const windows = (await ofTeam(manager.createQueryBuilder(AvailabilityWindow, 'window'))
      .andWhere('window.endsAt > :from AND window.startsAt < :to', margin)
      .getMany()) as AvailabilityWindow[];
    const patterns = (await ofTeam(
      manager.createQueryBuilder(AvailabilityPattern, 'pattern'),
    ).getMany()) as AvailabilityPattern[];
    const exceptions = (await ofTeam(manager.createQueryBuilder(AvailabilityException, 'exception'))
      .andWhere('exception.endsAt > :from AND exception.startsAt < :to', margin)
      .getMany()) as AvailabilityException[];

    const byCaregiver = <T extends { caregiverId: string }>(rows: T[]): Map<string, T[]> => {
      const grouped = new Map<string, T[]>();
      for (const row of rows) grouped.set(row.caregiverId, [...(grouped.get(row.caregiverId) ?? []), row]);
      return grouped;
    };
    const windowsOf = byCaregiver(windows);
    const patternsOf = byCaregiver(patterns);
    const exceptionsOf = byCaregiver(exceptions);
    return caregivers.flatMap((caregiver) =>
      expandAvailability(
        {
          windows: windowsOf.get(caregiver.id) ?? [],
          patterns: patternsOf.get(caregiver.id) ?? [],
          exceptions: exceptionsOf.get(caregiver.id) ?? [],
        },
        { from: period.from, to: period.to, timezone },
      ).map((window) => ({ caregiverId: caregiver.id, start: window.start, end: window.end })),
    );
  }
}

function scenarioName(scenario: ScenarioDocument): string {
  return scenario.name?.trim() || 'Imported scenario';
}

function assertPeriod(period: ScenarioExportPeriod): void {
  const problems: ScenarioProblem[] = [];
  if (!isLocalDate(period.from))
    problems.push({
      path: '$.from',
      message: `must be a date YYYY-MM-DD, got ${JSON.stringify(period.from)}`,
    });
  if (!isLocalDate(period.to))
    problems.push({ path: '$.to', message: `must be a date YYYY-MM-DD, got ${JSON.stringify(period.to)}` });
  if (problems.length === 0) {
    const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY_MS + 1;
    if (days < 1) problems.push({ path: '$.to', message: `must not be before from (${period.from})` });
    else if (days > MAX_EXPORT_DAYS) {
      problems.push({
        path: '$.to',
        message: `the period spans ${days} days; at most ${MAX_EXPORT_DAYS} can be exported at once`,
      });
    }
  }
  if (problems.length > 0) throw new InvalidInputError('The export period is not valid.', problems);
}

/**
 * Multi-row INSERTs written directly: TypeORM's insert builder spends seconds per ten thousand
 * rows on entity bookkeeping that a fresh import does not need. Column names come from the entity
 * metadata, values always travel as bind parameters.
 */
async function insertInChunks(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  rows: object[],
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const properties = Object.keys(rows[0]);
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
    return `"${column.databaseName}"`;
  });
  const rowsPerChunk = Math.floor(MAX_BIND_PARAMETERS / properties.length);
  for (let index = 0; index < rows.length; index += rowsPerChunk) {
    const chunk = rows.slice(index, index + rowsPerChunk) as Record<string, unknown>[];
    const parameters: unknown[] = [];
    const tuples = chunk.map(
      (row) => `(${properties.map((property) => `$${parameters.push(row[property])}`).join(', ')})`,
    );
    await manager.query(
      `INSERT INTO "${metadata.tableName}" (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      parameters,
    );
  }
}
