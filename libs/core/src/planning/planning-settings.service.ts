import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@homecare/common';
import { applyPlanningChanges, DEFAULT_PLANNING_SETTINGS, type PlanningSettings } from './planning-settings';
import { PlanningRepository } from './planning.repository';

export interface PlanningSettingsView extends PlanningSettings {
  teamId: string;
  /** The team's zone, in which the weekdays and the deadline time are read. */
  timezone: string;
}

/** A team's rolling-planning settings: read (defaults until set) and changed. */
@Injectable()
export class PlanningSettingsService {
  constructor(private readonly repository: PlanningRepository) {}

  async settingsOf(teamId: string): Promise<PlanningSettingsView> {
    const team = await this.repository.team(teamId);
    if (!team) throw new NotFoundError('team', teamId);
    return { teamId, timezone: team.timezone, ...(await this.current(teamId)) };
  }

  async update(teamId: string, input: Record<string, unknown>): Promise<PlanningSettingsView> {
    const team = await this.repository.team(teamId);
    if (!team) throw new NotFoundError('team', teamId);
    const next = applyPlanningChanges(await this.current(teamId), input);
    await this.repository.saveSettings(teamId, next);
    return { teamId, timezone: team.timezone, ...next };
  }

  private async current(teamId: string): Promise<PlanningSettings> {
    const stored = await this.repository.settingsOf(teamId);
    if (!stored) return { ...DEFAULT_PLANNING_SETTINGS };
    const {
      rollingPlanningEnabled,
      weeksAhead,
      reviewOpensWeekday,
      reviewDeadlineWeekday,
      reviewDeadlineTime,
      continuityTargetDistinctCaregivers,
    } = stored;
    return {
      rollingPlanningEnabled,
      weeksAhead,
      reviewOpensWeekday,
      reviewDeadlineWeekday,
      reviewDeadlineTime,
      continuityTargetDistinctCaregivers,
    };
  }
}
