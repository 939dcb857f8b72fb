import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { InvalidInputError, NotFoundError } from '@homecare/common';
import { Roster, Team, type RosterStatus, type RosterUnassignedVisit } from '@homecare/database';
import {
  parseRosterTime,
  type RosterDocument,
  type RosterKpis,
  type ScenarioDocument,
} from '@homecare/scenario';
import { ScenariosService } from '../scenarios';
import { storedExplanation, storedReason } from '../shared';
import { RosterComputationRepository } from './roster-computation.repository';

// The worker's side of a roster: begin an attempt, gather the input, report progress, store the
// proposal, or fail or requeue it. The API's side (requests and reads) is RostersService.

const MINUTE_MS = 60_000;

/** What the worker needs to solve a roster and to map the result back to database ids. */
export interface RosterSolveInput {
  roster: Roster;
  timezone: string;
  scenario: ScenarioDocument;
  /** scenario id -> database id */
  visitIds: Map<string, string>;
  caregiverIds: Map<string, string>;
}

export interface RosterProposal {
  roster: RosterDocument;
  kpis: RosterKpis;
  stats: Record<string, unknown>;
}

/** The input of a computation is wrong for good: retrying cannot help (the job fails at once). */
export class RosterInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterInputError';
  }
}

@Injectable()
export class RosterComputationService {
  constructor(
    private readonly computations: RosterComputationRepository,
    @InjectRepository(Roster) private readonly rosters: Repository<Roster>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    private readonly scenarios: ScenariosService,
  ) {}

  /**
   * Marks the roster running for one more attempt. Returns undefined when there is nothing to do:
   * the roster is gone (its team was deleted) or already finished (a duplicate delivery).
   */
  async beginComputation(rosterId: string): Promise<{ roster?: Roster; finished?: RosterStatus }> {
    const running = await this.computations.markRunning(rosterId);
    const roster = await this.rosters.findOneBy({ id: rosterId });
    if (!roster) return {};
    if (!running) return { finished: roster.status };
    return { roster };
  }

  /** The team's scenario for the roster's period, with the id maps to store the result. */
  async solveInput(roster: Roster): Promise<RosterSolveInput> {
    const team = await this.teams.findOneBy({ id: roster.teamId });
    if (!team) throw new RosterInputError('the team no longer exists');
    let scenario: ScenarioDocument;
    try {
      // The snapshot taken at request time is what the request (and its hash) stood for.
      scenario =
        (roster.input as ScenarioDocument | null) ??
        (await this.scenarios.exportScenario(roster.teamId, {
          from: roster.periodStart,
          to: roster.periodEnd,
        }));
    } catch (error) {
      if (error instanceof NotFoundError) throw new RosterInputError('the team no longer exists');
      if (error instanceof InvalidInputError) throw new RosterInputError(error.message);
      throw error;
    }
    if (scenario.visits.length === 0)
      throw new RosterInputError(`no visits are planned from ${roster.periodStart} to ${roster.periodEnd}`);
    const { visitIds, caregiverIds } = await this.computations.idMaps(roster.teamId);
    return { roster, timezone: team.timezone, scenario, visitIds, caregiverIds };
  }

  /** Progress while running; ignored once the roster has finished. */
  recordProgress(rosterId: string, progress: number, bestKpis: Record<string, unknown>): Promise<void> {
    return this.computations.recordProgress(rosterId, progress, bestKpis);
  }

  /**
   * Stores the proposal, all or nothing. A retried or duplicated job cannot store a second one:
   * the roster turns done only once (status guard), in the same transaction as its assignments,
   * and an assignment is unique per roster and visit. Returns false when it was already stored.
   */
  storeProposal(
    input: RosterSolveInput,
    proposal: RosterProposal,
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    const { roster, timezone, visitIds, caregiverIds } = input;
    const databaseId = (map: Map<string, string>, id: string, what: string): string => {
      const found = map.get(id);
      if (!found) throw new RosterInputError(`the roster names an unknown ${what} ${id}`);
      return found;
    };
    const assignments = proposal.roster.assignments.map((assignment) => ({
      rosterId: roster.id,
      visitId: databaseId(visitIds, assignment.visitId, 'visit'),
      scenarioVisitId: assignment.visitId,
      caregiverIds: assignment.caregiverIds.map((id) => databaseId(caregiverIds, id, 'caregiver')),
      scenarioCaregiverIds: assignment.caregiverIds,
      start: new Date(parseRosterTime(assignment.start, timezone) * MINUTE_MS),
      explanation: storedExplanation(assignment.explanation, assignment.explanationCodes),
    }));
    const unassigned: RosterUnassignedVisit[] = proposal.roster.unassigned.map((visit) => ({
      visitId: databaseId(visitIds, visit.visitId, 'visit'),
      scenarioVisitId: visit.visitId,
      reason: storedReason(visit.reason, visit.reasonCode),
    }));
    // A plan's computation: its next version commits with the proposal, or neither does.
    return this.computations.storeResult(
      roster.id,
      { kpis: proposal.kpis, stats: proposal.stats, unassigned },
      assignments,
      alsoInTransaction,
    );
  }

  /** The reason is shown by the API; a roster already done keeps its proposal. */
  markFailed(rosterId: string, reason: string): Promise<void> {
    return this.computations.markFailed(rosterId, reason.slice(0, 2000));
  }

  /** Back in the queue (a worker stopping mid-solve): shown as queued until a worker takes it again. */
  markRequeued(rosterId: string): Promise<void> {
    return this.computations.markQueued(rosterId);
  }
}
