// Help to swap: for one visit of a plan, who in the team could take it (by the engine's checker,
// as a claim is checked) ranked by continuity, and whether the signed-in member's own Claim or
// Offer would pass, so the board offers only those. A read: nothing here writes.
import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@homecare/common';
import type { Principal } from '../auth/principal';
import { visitCandidates } from './plan-candidates';
import { PlanPeriodService } from './plan-period.service';
import { scenarioVisitOf } from './plan-rules';
import { rowsOfVersion } from './plan-versions.repository';
import { OPEN_FOR_CHANGES } from './plan-writes';
import { RosterPlanReader } from './roster-plan.reader';
import { RosterPlanRepository } from './roster-plan.repository';
import type { VisitCandidatesView } from './roster-plan.view';

@Injectable()
export class PlanCandidatesService {
  constructor(
    private readonly reader: RosterPlanReader,
    private readonly repository: RosterPlanRepository,
    private readonly periods: PlanPeriodService,
  ) {}

  /** The caller may read the plan (the route's guard decided); they need not be a member. */
  async forVisit(principal: Principal, planId: string, visitId: string): Promise<VisitCandidatesView> {
    const { view: plan } = await this.reader.readPlan(this.repository.manager, planId);
    if (plan.currentVersion === 0)
      throw new ConflictError('The plan has no version yet.', { code: 'plan.no-version' });
    const assignment = plan.assignments.find((entry) => entry.visitId === visitId);
    if (!assignment) throw new NotFoundError('visit', `${visitId} in this plan`);
    const [rows, period, member] = await Promise.all([
      rowsOfVersion(this.repository.manager, planId, plan.currentVersion),
      this.periods.load(plan.teamId, plan.periodStart, plan.periodEnd),
      principal.role === 'caregiver'
        ? this.repository.activeMemberOf(plan.teamId, principal.userId)
        : Promise.resolve(undefined),
    ]);
    const row = rows.find((entry) => entry.visitId === visitId);
    const visit = scenarioVisitOf(period, visitId);
    const me = member?.caregiverId ?? null;
    const needed = visit?.caregiversNeeded ?? 1;
    const onIt = row?.caregiverIds ?? [];
    // Whose place a colleague takes, as claim and offer do: the member's own (an offer), a free
    // place, the oldest objector's (a claim of an objected visit), else the first caregiver's.
    const objector = plan.objections
      .filter((objection) => objection.visitId === visitId && onIt.includes(objection.caregiverId))
      .sort(
        (first, second) => new Date(first.createdAt).getTime() - new Date(second.createdAt).getTime(),
      )[0]?.caregiverId;
    const takesOverFrom =
      me !== null && onIt.includes(me) ? me : onIt.length < needed ? null : (objector ?? onIt[0] ?? null);
    const result =
      row && visit
        ? visitCandidates(period, rows, visitId, takesOverFrom)
        : { visitId, takesOverFrom, candidates: [] };
    const open =
      OPEN_FOR_CHANGES.includes(plan.status) &&
      plan.computation?.status !== 'queued' &&
      plan.computation?.status !== 'running';
    const mine = me !== null && onIt.includes(me);
    const claimable = onIt.length < needed || objector !== undefined;
    return {
      planId,
      visitId,
      clientId: assignment.clientId,
      version: plan.currentVersion,
      takesOverFrom: result.takesOverFrom,
      candidates: result.candidates,
      you: {
        canClaim:
          open &&
          me !== null &&
          !mine &&
          claimable &&
          result.candidates.some((candidate) => candidate.caregiverId === me && candidate.able),
        canOffer:
          open && mine && !(row?.pinned ?? false) && result.candidates.some((candidate) => candidate.able),
      },
    };
  }
}
