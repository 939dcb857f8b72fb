import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@homecare/common';
import { RosterPlan, RosterPlanAmendment, RosterPlanObjection } from '@homecare/database';
import type { ForbiddenPair } from '@homecare/roster-engine';
import { parseRosterTime, type RosterDocument, type ScenarioDocument } from '@homecare/scenario';
import type { RosterProposal, RosterSolveInput } from '../rosters/roster-computation.service';
import { PlanNotifications } from './plan-notifications';
import { fromScenario } from './plan-period.service';
import { RosterPlanRepository } from './roster-plan.repository';
import { rosterOf, scenarioWithPins, type PlanPeriod, type PlanRow } from './plan-rules';
import {
  claimComputedVersion,
  publishRows,
  recordEvent,
  rowsOfVersion,
  storeVersion,
} from './plan-versions.repository';
import { storedExplanation, storedReason } from '../shared';

const MINUTE_MS = 60_000;

/** What a plan adds to a computation: its pins, its objections, and the version to keep close to. */
export interface PlanSolveOptions {
  scenario: ScenarioDocument;
  previousRoster?: RosterDocument;
  forbidden?: ForbiddenPair[];
}

/**
 * The worker's side of negotiation: a computation that belongs to a plan is solved from the plan's
 * current version (pins kept, objections forbidden, fewest changes), and its result is stored as
 * the plan's next version in the transaction that stores the proposal, so a redelivered job stores
 * neither twice.
 */
@Injectable()
export class PlanComputationsService {
  constructor(
    private readonly repository: RosterPlanRepository,
    private readonly clock: Clock,
    private readonly notifications: PlanNotifications,
  ) {}

  async prepare(input: RosterSolveInput): Promise<PlanSolveOptions | undefined> {
    const { roster } = input;
    if (!roster.planId || roster.basedOnVersion === null) return undefined;
    const manager = this.repository.manager;
    const period = periodOf(input);
    const rows = await rowsOfVersion(manager, roster.planId, roster.basedOnVersion);
    const objections = await manager.findBy(RosterPlanObjection, { planId: roster.planId });
    // Every objection ever raised (but withdrawn ones) keeps that visit away from that member.
    const forbidden: ForbiddenPair[] = objections
      .filter((objection) => objection.status !== 'withdrawn')
      .flatMap((objection) => {
        const visitId = period.visitToScenario.get(objection.visitId);
        const caregiverId = period.caregiverToScenario.get(objection.caregiverId);
        return visitId !== undefined && caregiverId !== undefined ? [{ visitId, caregiverId }] : [];
      });
    const forbiddenKeys = new Set(
      objections.map((objection) => `${objection.visitId}|${objection.caregiverId}`),
    );
    const amendment = await manager.findOneBy(RosterPlanAmendment, { rosterId: roster.id });
    const pinnedRows = rows.map((row) => {
      // An amendment re-rosters the rest of the period: what starts before it stays as it is.
      const before = amendment !== null && row.start !== null && row.start < amendment.startsAt;
      return before && row.caregiverIds.length > 0 ? { ...row, pinned: true } : row;
    });
    const scenario = scenarioWithPins(period, pinnedRows, (row) => {
      if (row.caregiverIds.some((caregiverId) => forbiddenKeys.has(`${row.visitId}|${caregiverId}`)))
        return true;
      // A pin of the caregiver who is away cannot be kept.
      return (
        amendment !== null &&
        row.caregiverIds.includes(amendment.caregiverId) &&
        row.start !== null &&
        row.end !== null &&
        row.start < amendment.endsAt &&
        row.end > amendment.startsAt
      );
    });
    return { scenario, previousRoster: rosterOf(period, rows), forbidden };
  }

  /**
   * Stores the computed roster as the plan's next version (called inside the proposal's
   * transaction). Guarded by the plan's pending computation: a plan that moved on (or is gone)
   * keeps its versions, and the proposal is stored on its own.
   */
  async storeVersion(
    manager: EntityManager,
    input: RosterSolveInput,
    proposal: RosterProposal,
  ): Promise<void> {
    const { roster } = input;
    if (!roster.planId) return;
    if (!(await claimComputedVersion(manager, roster.planId, roster.id))) return;
    const plan = await manager.findOneByOrFail(RosterPlan, { id: roster.planId });
    const period = periodOf(input);
    const before =
      roster.basedOnVersion === null ? [] : await rowsOfVersion(manager, plan.id, roster.basedOnVersion);
    const previous = new Map(before.map((row) => [row.visitId, row]));
    const durations = new Map(input.scenario.visits.map((visit) => [visit.id, visit.durationMinutes]));
    const rows: PlanRow[] = [];
    for (const assignment of proposal.roster.assignments) {
      const visitId = input.visitIds.get(assignment.visitId);
      if (!visitId) continue;
      const start = new Date(parseRosterTime(assignment.start, input.timezone) * MINUTE_MS);
      const caregiverIds = assignment.caregiverIds.map((id) => input.caregiverIds.get(id) ?? id);
      const earlier = previous.get(visitId);
      rows.push({
        visitId,
        caregiverIds,
        start,
        end: new Date(start.getTime() + (durations.get(assignment.visitId) ?? 0) * MINUTE_MS),
        // A pin stays a pin while the engine kept it.
        pinned:
          earlier?.pinned === true &&
          [...earlier.caregiverIds].sort().join(',') === [...caregiverIds].sort().join(',') &&
          earlier.start?.getTime() === start.getTime(),
        explanation: storedExplanation(assignment.explanation, assignment.explanationCodes),
        flags: [],
      });
    }
    for (const visit of proposal.roster.unassigned) {
      const visitId = input.visitIds.get(visit.visitId);
      if (!visitId) continue;
      rows.push({
        visitId,
        caregiverIds: [],
        start: null,
        end: null,
        pinned: false,
        explanation: [storedReason(visit.reason, visit.reasonCode)],
        flags: [],
      });
    }
    const amendment = await manager.findOneBy(RosterPlanAmendment, { rosterId: roster.id });
    const kind = amendment ? 'amendment' : roster.basedOnVersion === null ? 'computed' : 'recompute';
    const reason = amendment
      ? // Not the amendment's reason: versions are the team's to read, the reason is not.
        'amendment: re-rostered around an absence'
      : kind === 'computed'
        ? 'first proposal computed by the engine'
        : `recomputed from version ${roster.basedOnVersion} (pins kept, objections honoured, fewest changes)`;
    const { number, changedCount, resolvedObjections } = await storeVersion(manager, plan, period, null, {
      kind,
      reason,
      rows,
      before,
      rosterId: roster.id,
      kpis: proposal.kpis as unknown as Record<string, unknown>,
    });
    if (plan.status === 'published') {
      // Continuity of care: the amended roster is what everyone sees at once; members confirm after.
      await publishRows(manager, plan, number, rows);
      await manager.update(
        RosterPlan,
        { id: plan.id },
        { publishedVersion: number, publishedAt: this.clock.now() },
      );
    }
    if (amendment) {
      const changedVisits = new Set<string>();
      const affected = new Set<string>();
      const after = new Map(rows.map((row) => [row.visitId, row]));
      for (const [visitId, row] of previous) {
        const next = after.get(visitId);
        const same =
          next !== undefined &&
          [...row.caregiverIds].sort().join(',') === [...next.caregiverIds].sort().join(',') &&
          row.start?.getTime() === next.start?.getTime();
        if (same) continue;
        changedVisits.add(visitId);
        for (const caregiverId of [...row.caregiverIds, ...(next?.caregiverIds ?? [])])
          if (caregiverId !== amendment.caregiverId) affected.add(caregiverId);
      }
      await manager.update(
        RosterPlanAmendment,
        { id: amendment.id },
        { status: 'published', version: number, changedCount, affectedCaregiverIds: [...affected] },
      );
      if (plan.status === 'published')
        await this.notifications.amended(manager, plan, before, rows, {
          caregiverId: amendment.caregiverId,
          createdBy: amendment.createdBy,
          affectedCaregiverIds: [...affected],
        });
    }
    await this.notifications.objectionsResolved(manager, plan, resolvedObjections, before, undefined);
    await recordEvent(
      manager,
      plan,
      null,
      kind === 'amendment' ? 'amended' : 'computed',
      `${reason}: version ${number}, ${changedCount} changed assignment(s)${plan.status === 'published' ? ', published' : ''}`,
      roster.basedOnVersion === null ? null : { version: roster.basedOnVersion },
      {
        version: number,
        changedCount,
        rosterId: roster.id,
        ...(amendment ? { amendmentId: amendment.id } : {}),
      },
    );
  }
}

function periodOf(input: RosterSolveInput): PlanPeriod {
  return fromScenario(input.scenario, input.timezone, input.visitIds, input.caregiverIds);
}
