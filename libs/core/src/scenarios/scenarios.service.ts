import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { InvalidInputError, NotFoundError } from '@homecare/common';
import {
  AvailabilityException,
  AvailabilityPattern,
  AvailabilityWindow,
  CareNeed,
  Caregiver,
  CaregiverWish,
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
import { expandAvailability, type WeeklyPatternWindow } from '../availability';
import { ContinuityService } from '../continuity';
import { effectiveRulesOf, scenarioRulesOf } from '../teams';
import {
  type ExportedAvailability,
  type ScenarioExportSource,
  toScenarioDocument,
} from './scenario-export.mapper';
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

export interface ScenarioExportPeriod {
  /** Local dates `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
}

@Injectable()
export class ScenariosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly continuity: ContinuityService,
  ) {}

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
        // The team keeps exactly the document's rules: a rule the document leaves out is off.
        workingTimeOverrides: {
          minRestMinutes: scenario.rules?.minRestMinutes ?? null,
          maxConsecutiveDays: scenario.rules?.maxConsecutiveDays ?? null,
        },
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

  /**
   * The team as a homecare-scenario/v1 document for the local dates `from`..`to`. In a caller's
   * transaction (`within`), as that transaction sees the team, its own changes included.
   */
  async exportScenario(
    teamId: string,
    period: ScenarioExportPeriod,
    within?: EntityManager,
  ): Promise<ScenarioDocument> {
    assertPeriod(period);
    const read = async (manager: EntityManager): Promise<ScenarioDocument> => {
      const team = await manager.findOneBy(Team, { id: teamId });
      if (!team) throw new NotFoundError('team', teamId);
      const timezone = team.timezone;
      const rangeStart = new Date(startOfLocalDate(period.from, timezone) * MINUTE_MS);
      const rangeEnd = new Date(startOfLocalDate(addDays(period.to, 1), timezone) * MINUTE_MS);

      const caregivers = await manager.find(Caregiver, {
        where: { teamId, active: true },
        order: { externalRef: 'ASC', firstName: 'ASC', id: 'ASC' },
      });
      const availability = await this.loadAvailability(manager, teamId, caregivers, period, timezone);
      const clients = await manager.find(Client, {
        where: { teamId },
        order: { externalRef: 'ASC', name: 'ASC', id: 'ASC' },
      });
      // Imported counts plus the published and checked-in visits of the weeks before the period:
      // every period the engine solves starts from who the clients saw before it.
      const history = await this.continuity.historyFor(manager, teamId, rangeStart);
      const visits = await manager
        .createQueryBuilder(Visit, 'visit')
        .where('visit.teamId = :teamId', { teamId })
        .andWhere("visit.status = 'planned'")
        .andWhere('visit.earliestStart >= :rangeStart AND visit.earliestStart < :rangeEnd', {
          rangeStart,
          rangeEnd,
        })
        .orderBy('visit.earliestStart', 'ASC')
        .addOrderBy('visit.externalRef', 'ASC')
        .addOrderBy('visit.id', 'ASC')
        .getMany();
      const careNeedIds = [
        ...new Set(visits.flatMap((visit) => (visit.careNeedId ? [visit.careNeedId] : []))),
      ];
      const careNeedPriority = new Map<string, CareNeed['priority']>();
      for (let index = 0; index < careNeedIds.length; index += 10_000) {
        const rows = await manager
          .createQueryBuilder(CareNeed, 'careNeed')
          .select(['careNeed.id', 'careNeed.priority'])
          .where('careNeed.id IN (:...ids)', { ids: careNeedIds.slice(index, index + 10_000) })
          .getMany();
        for (const row of rows) careNeedPriority.set(row.id, row.priority);
      }
      const organisation = await manager.findOneByOrFail(Organisation, { id: team.organisationId });
      const wishes = caregivers.length
        ? await manager
            .createQueryBuilder(CaregiverWish, 'wish')
            .innerJoin(Caregiver, 'caregiver', 'caregiver.id = wish.caregiverId')
            .where('caregiver.teamId = :teamId', { teamId })
            .andWhere('wish.endsAt > :rangeStart AND wish.startsAt < :rangeEnd', { rangeStart, rangeEnd })
            .getMany()
        : [];
      const pins = await manager
        .createQueryBuilder(VisitPin, 'pin')
        .innerJoin(Visit, 'visit', 'visit.id = pin.visitId')
        .where('visit.teamId = :teamId', { teamId })
        .andWhere("visit.status = 'planned'")
        .andWhere('visit.earliestStart >= :rangeStart AND visit.earliestStart < :rangeEnd', {
          rangeStart,
          rangeEnd,
        })
        .getMany();

      return toScenarioDocument({
        team,
        rules: scenarioRulesOf(effectiveRulesOf(organisation, team.workingTimeOverrides)),
        wishes: wishes.map((wish) => ({
          caregiverId: wish.caregiverId,
          start: wish.startsAt,
          end: wish.endsAt,
          kind: wish.kind,
        })),
        period: { start: period.from, end: period.to },
        caregivers,
        availability,
        clients,
        history,
        visits: visits.map((visit) => ({
          ...visit,
          priority:
            visit.priority ?? (visit.careNeedId ? careNeedPriority.get(visit.careNeedId) : undefined) ?? null,
        })),
        pins,
      });
    };
    // One snapshot: an import or an edit running meanwhile never shows half in the document.
    return within ? read(within) : this.dataSource.transaction('REPEATABLE READ', read);
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
    await insertInChunks(manager, CaregiverWish, plan.wishes);
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
  ): Promise<ExportedAvailability[]> {
    if (caregivers.length === 0) return [];
    const sources = await this.availabilitySources(manager, period, { teamId });
    return caregivers.flatMap((caregiver) => exportedAvailability(caregiver.id, sources, period, timezone));
  }

  /** Windows, patterns and exceptions of a team's active caregivers (or of some) that may touch the period. */
  private async availabilitySources(
    manager: EntityManager,
    period: ScenarioExportPeriod,
    of: { teamId: string } | { caregiverIds: string[] },
  ): Promise<AvailabilitySources> {
    // A day's margin either side covers any zone offset; expansion trims to the period exactly.
    const margin = {
      from: new Date(Date.parse(`${period.from}T00:00:00Z`) - 2 * DAY_MS),
      to: new Date(Date.parse(`${addDays(period.to, 1)}T00:00:00Z`) + 2 * DAY_MS),
    };
    const whose = <T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> =>
      'teamId' in of
        ? query
            .innerJoin(Caregiver, 'caregiver', `caregiver.id = ${query.alias}.caregiverId`)
            .where('caregiver.teamId = :teamId AND caregiver.active', { teamId: of.teamId })
        : query.where(`${query.alias}.caregiverId IN (:...caregiverIds)`, { caregiverIds: of.caregiverIds });
    const windows = await whose(manager.createQueryBuilder(AvailabilityWindow, 'window'))
      .andWhere('window.endsAt > :from AND window.startsAt < :to', margin)
      .getMany();
    const patterns = await whose(manager.createQueryBuilder(AvailabilityPattern, 'pattern')).getMany();
    const exceptions = await whose(manager.createQueryBuilder(AvailabilityException, 'exception'))
      .andWhere('exception.endsAt > :from AND exception.startsAt < :to', margin)
      .getMany();
    const byCaregiver = <T extends { caregiverId: string }>(rows: T[]): Map<string, T[]> => {
      const grouped = new Map<string, T[]>();
      for (const row of rows) grouped.set(row.caregiverId, [...(grouped.get(row.caregiverId) ?? []), row]);
      return grouped;
    };
    return {
      windows: byCaregiver(windows),
      patterns: byCaregiver(patterns),
      exceptions: byCaregiver(exceptions),
    };
  }
}

interface AvailabilitySources {
  windows: Map<string, AvailabilityWindowSource[]>;
  patterns: Map<string, WeeklyPatternWindow[]>;
  exceptions: Map<string, AvailabilityWindowSource[]>;
}

/** What one caregiver's part of their team's scenario is made of (see caregiverPartDocuments). */
export interface CaregiverPart {
  team: ScenarioExportSource['team'];
  caregiver: ScenarioExportSource['caregivers'][number];
  /** Their dated windows and exceptions that may touch the periods (a day's margin), and their whole pattern. */
  availability: {
    windows: AvailabilityWindowSource[];
    patterns: WeeklyPatternWindow[];
    exceptions: AvailabilityWindowSource[];
  };
  /** Visits of their team, ordered as the export orders them. */
  visits: ScenarioExportSource['visits'];
  /** The clients of those visits, ordered as the export orders them. */
  clients: ScenarioExportSource['clients'];
}

type AvailabilityWindowSource = { startsAt: Date; endsAt: Date };

/**
 * One caregiver's part of their team's scenario for each period: their availability, the given
 * visits and those visits' clients, each document holding for them what the whole export of its
 * period holds. What checking their assignments in the plans of those periods needs, at a fraction
 * of the cost of the team's whole periods. Pure: the caller loads the part (in one query).
 */
export function caregiverPartDocuments(
  part: CaregiverPart,
  periods: ScenarioExportPeriod[],
): ScenarioDocument[] {
  const { team, caregiver } = part;
  const sources: AvailabilitySources = {
    windows: new Map([[caregiver.id, part.availability.windows]]),
    patterns: new Map([[caregiver.id, part.availability.patterns]]),
    exceptions: new Map([[caregiver.id, part.availability.exceptions]]),
  };
  return periods.map((period) =>
    toScenarioDocument({
      team,
      period: { start: period.from, end: period.to },
      caregivers: [caregiver],
      availability: caregiver.active
        ? exportedAvailability(caregiver.id, sources, period, team.timezone)
        : [],
      clients: part.clients,
      history: [],
      visits: part.visits,
      pins: [],
    }),
  );
}

/** A caregiver's availability as the export holds it: expanded over the period, trimmed to it. */
function exportedAvailability(
  caregiverId: string,
  sources: AvailabilitySources,
  period: ScenarioExportPeriod,
  timezone: string,
): ExportedAvailability[] {
  return expandAvailability(
    {
      windows: sources.windows.get(caregiverId) ?? [],
      patterns: sources.patterns.get(caregiverId) ?? [],
      exceptions: sources.exceptions.get(caregiverId) ?? [],
    },
    { from: period.from, to: period.to, timezone },
  ).map((window) => ({ caregiverId, start: window.start, end: window.end }));
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
