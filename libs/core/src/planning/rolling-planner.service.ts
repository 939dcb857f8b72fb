import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@homecare/common';
import { PlanLifecycle } from '../negotiation';
import { VisitsService } from '../visits';
import { rollingWeekAt } from './planning-settings';
import { PlanningRepository, type EnabledTeam } from './planning.repository';

export interface PreparedWeek {
  teamId: string;
  planId: string;
  weekStart: string;
}

export interface RollingTick {
  /** Weeks prepared by this tick (a plan made, its first proposal computing). */
  prepared: PreparedWeek[];
  /** Prepared plans whose review this tick opened. */
  reviewsOpened: number;
  /** Teams whose preparation failed (retried next tick); ids only. */
  failedTeamIds: string[];
}

/**
 * Rolling planning: for every team that switched it on, once the review of the week ahead opens
 * (its weekday begun in the team's zone), the week's visits are generated from the care needs and
 * a plan is made for it through the same path as a plan made by hand, with the schedule as its
 * author. Its review opens, with the team's deadline, once the first proposal is stored. Safe to
 * run again or on two workers at once: a week is claimed under a per-team lock in the plan's own
 * transaction, and a week that has any plan is left alone.
 */
@Injectable()
export class RollingPlanner {
  private readonly logger = new Logger(RollingPlanner.name);

  constructor(
    private readonly repository: PlanningRepository,
    private readonly lifecycle: PlanLifecycle,
    private readonly visits: VisitsService,
    private readonly clock: Clock,
  ) {}

  /** What the hourly job runs. */
  async tick(): Promise<RollingTick> {
    const prepared: PreparedWeek[] = [];
    const failedTeamIds: string[] = [];
    for (const team of await this.repository.enabledTeams()) {
      try {
        const week = await this.prepareWeek(team);
        if (week) prepared.push(week);
      } catch (error) {
        // One team's trouble (the queue away, a bad care need) must not stop the others.
        failedTeamIds.push(team.teamId);
        this.logger.warn(`rolling planning of team ${team.teamId} failed: ${(error as Error).message}`);
      }
    }
    const reviewsOpened = await this.openReviews();
    return { prepared, reviewsOpened, failedTeamIds };
  }

  /** Prepares the team's week if its review has opened and no plan covers it yet. */
  async prepareWeek(team: EnabledTeam): Promise<PreparedWeek | undefined> {
    const week = rollingWeekAt(team.settings, team.timezone, this.clock.nowMs());
    if (!week) return undefined;
    // Cheap refusal first: most ticks find the week already prepared.
    if (await this.repository.weekHasPlan(team.teamId, week.weekStart, week.weekEnd)) return undefined;
    await this.visits.generateVisits(team.teamId, { from: week.weekStart, to: week.weekEnd });
    const plan = await this.lifecycle.createScheduledPlan(
      team.teamId,
      { periodStart: week.weekStart, periodEnd: week.weekEnd },
      {
        claim: (manager) => this.repository.claimWeek(manager, team.teamId, week.weekStart, week.weekEnd),
        claimed: (manager, planId) =>
          this.repository.recordWeek(manager, {
            teamId: team.teamId,
            weekStart: week.weekStart,
            planId,
            reviewDeadline: week.reviewDeadline,
          }),
      },
    );
    if (!plan) return undefined;
    this.logger.log(
      `rolling planning: team ${team.teamId} week of ${week.weekStart} prepared (plan ${plan.id})`,
    );
    return { teamId: team.teamId, planId: plan.id, weekStart: week.weekStart };
  }

  /**
   * Opens the review of prepared plans whose first proposal is stored (of one plan, when a
   * computation of it has just finished). Returns how many it opened.
   */
  async openReviews(planId?: string): Promise<number> {
    let opened = 0;
    for (const week of await this.repository.weeksAwaitingReview(planId)) {
      const outcome = await this.lifecycle.openScheduledReview(week.planId, week.reviewDeadline);
      if (outcome === 'computing') continue;
      // Opened here, or taken on by the team (or failed): either way the schedule is done with it.
      await this.repository.markReviewOpened(week.id, this.clock.now());
      if (outcome === 'opened') opened += 1;
    }
    return opened;
  }
}
