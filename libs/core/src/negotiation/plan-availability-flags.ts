import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RosterPlanFlag } from '@homecare/database';
import { PlanPeriodService } from './plan-period.service';
import { availabilityFlags, type PlanPeriod, type PlanRow } from './plan-rules';
import { recordEvent } from './plan-versions.repository';
import { RosterPlanRepository } from './roster-plan.repository';

/**
 * Negotiation's answer to a change of availability: the assignments of the caregiver's open plans
 * that no longer fit are flagged in the change's own transaction. Kept apart from the members'
 * writes because it is driven by the availability feature, not by a member, and needs no revision:
 * a flag is not a member's change to the plan.
 */
@Injectable()
export class PlanAvailabilityFlags {
  constructor(
    private readonly repository: RosterPlanRepository,
    private readonly periods: PlanPeriodService,
  ) {}

  /**
   * A change of a caregiver's availability (`change`, in the transaction given to it) and the flags
   * it causes on their team's plans, committed together: the change is answered only once both
   * are stored, and a failure in between (Postgres going away) leaves neither.
   */
  async changeAvailability<T>(
    caregiverId: string,
    actorUserId: string | null,
    change: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.repository.transaction(async (manager) => {
      const result = await change(manager);
      await this.flagAvailability(manager, caregiverId, actorUserId);
      return result;
    });
  }

  /**
   * After a change of a caregiver's availability, in the change's transaction (`manager`, which
   * sees the change): in the current version of every plan of their team that is not over, their
   * assignments that no longer fit are flagged (and the flags of those that fit again cleared).
   * Only that caregiver's flags can change, so only their assignments are checked, with the
   * engine's own checker on the period cut down to them and those visits: a few small queries
   * instead of the team's whole period, on every change.
   */
  private async flagAvailability(
    manager: EntityManager,
    caregiverId: string,
    actorUserId: string | null,
  ): Promise<number> {
    // Most changes move no flag (a pattern for later weeks, more hours): that is found in one
    // statement without any lock, and only a plan where a flag moves is locked and checked again.
    const checks = await this.periods.caregiverChecks(caregiverId, null, manager);
    let flagged = 0;
    // Plans are locked in one order (by id), so that two changes never wait for each other.
    for (const { plan, rows, period } of checks) {
      if (availabilityFlagChanges(period, rows, caregiverId).length === 0) continue;
      const locked = await this.repository.lockPlanRevision(manager, plan.id);
      if (!locked) continue;
      // Read again after the lock: the version's rows and the availability the change left.
      const [current] = await this.periods.caregiverChecks(caregiverId, plan.id, manager);
      if (!current) continue;
      const changed = availabilityFlagChanges(current.period, current.rows, caregiverId);
      if (changed.length === 0) continue;
      await this.repository.setFlags(
        manager,
        plan.id,
        current.plan.currentVersion,
        Object.fromEntries(changed.map(({ row, flags }) => [row.visitId, flags])),
      );
      const nowFlagged = changed.filter(({ flags }) => flags.length > 0).map(({ row }) => row.visitId);
      flagged += nowFlagged.length;
      await recordEvent(
        manager,
        locked,
        actorUserId ? { userId: actorUserId, caregiverId: null, name: null } : null,
        'availability-changed',
        `availability of caregiver ${caregiverId} changed: ${nowFlagged.length} assignment(s) no longer fit`,
        { flagged: changed.filter(({ row }) => row.flags.length > 0).map(({ row }) => row.visitId) },
        { flagged: nowFlagged },
      );
    }
    return flagged;
  }
}

/**
 * Flags by what they say. Stored flags come back from jsonb with their keys reordered, so comparing
 * them as written would count every flagged row as changed: a plan locked, its flags rewritten and
 * an event recorded on every change of that caregiver's availability, whether a flag moved or not.
 */
const flagsText = (flags: RosterPlanFlag[]): string =>
  JSON.stringify(flags.map((flag) => [flag.rule, flag.caregiverId, flag.message]));

/**
 * The caregiver's rows whose availability flags differ from what the period (cut down to the
 * caregiver) says now, with the flags they should have: theirs anew, everybody else's as they
 * were, in the order of the row's caregivers.
 */
function availabilityFlagChanges(
  period: PlanPeriod,
  rows: PlanRow[],
  caregiverId: string,
): { row: PlanRow; flags: RosterPlanFlag[] }[] {
  const theirs = availabilityFlags(period, rows);
  return rows.flatMap((row) => {
    const flags = [
      ...row.caregiverIds.flatMap((id) =>
        id === caregiverId
          ? (theirs.get(row.visitId) ?? []).filter((flag) => flag.caregiverId === caregiverId)
          : row.flags.filter((flag) => flag.caregiverId === id),
      ),
      ...row.flags.filter((flag) => !row.caregiverIds.includes(flag.caregiverId ?? '')),
    ];
    return flagsText(flags) === flagsText(row.flags) ? [] : [{ row, flags }];
  });
}
