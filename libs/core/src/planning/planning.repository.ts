import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { PlanningWeek, Team, TeamPlanningSettings } from '@homecare/database';
import type { PlanningSettings } from './planning-settings';

export interface EnabledTeam {
  teamId: string;
  timezone: string;
  settings: PlanningSettings;
}

/** Every statement of rolling planning: the teams' settings and the weeks the schedule prepared. */
@Injectable()
export class PlanningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  team(teamId: string): Promise<Team | null> {
    return this.dataSource.manager.findOneBy(Team, { id: teamId });
  }

  settingsOf(teamId: string): Promise<TeamPlanningSettings | null> {
    return this.dataSource.manager.findOneBy(TeamPlanningSettings, { teamId });
  }

  async saveSettings(teamId: string, settings: PlanningSettings): Promise<void> {
    await this.dataSource.manager.upsert(TeamPlanningSettings, { teamId, ...settings }, ['teamId']);
  }

  async enabledTeams(): Promise<EnabledTeam[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(TeamPlanningSettings, 'settings')
      .innerJoinAndSelect('settings.team', 'team')
      .where('settings.rollingPlanningEnabled = true')
      .orderBy('settings.teamId')
      .getMany();
    return rows.map(({ team, updatedAt: _updatedAt, teamId, ...settings }) => ({
      teamId,
      timezone: team!.timezone,
      settings,
    }));
  }

  /** A plan of the team already covers part of the week (by hand or by the schedule). */
  async weekHasPlan(
    teamId: string,
    weekStart: string,
    weekEnd: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM roster_plan WHERE team_id = $1 AND period_start <= $3 AND period_end >= $2
       UNION ALL SELECT 1 FROM planning_week WHERE team_id = $1 AND week_start = $2
       LIMIT 1`,
      [teamId, weekStart, weekEnd],
    );
    return rows.length > 0;
  }

  /**
   * In the plan's transaction: one preparation per team at a time (two workers, or a rerun, wait
   * here), then the week is free only if no plan covers it yet. The unique key of planning_week
   * backs this up should anything get past the lock.
   */
  async claimWeek(
    manager: EntityManager,
    teamId: string,
    weekStart: string,
    weekEnd: string,
  ): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rolling-planning:${teamId}`]);
    return !(await this.weekHasPlan(teamId, weekStart, weekEnd, manager));
  }

  async recordWeek(
    manager: EntityManager,
    week: Pick<PlanningWeek, 'teamId' | 'weekStart' | 'planId' | 'reviewDeadline'>,
  ): Promise<void> {
    await manager.insert(PlanningWeek, week);
  }

  /** Prepared weeks whose review the schedule has still to open (their proposal was computing). */
  weeksAwaitingReview(planId?: string): Promise<PlanningWeek[]> {
    return this.dataSource.manager.findBy(PlanningWeek, {
      reviewOpenedAt: IsNull(),
      ...(planId ? { planId } : {}),
    });
  }

  async markReviewOpened(id: string, at: Date): Promise<void> {
    await this.dataSource.manager.update(PlanningWeek, { id }, { reviewOpenedAt: at });
  }
}
