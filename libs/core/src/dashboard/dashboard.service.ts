import { Injectable } from '@nestjs/common';
import { Clock, InvalidInputError, NotFoundError } from '@homecare/common';
import type { CaregiverTimesheet, PayPeriod } from '@homecare/payroll';
import { addDays, isoWeekday, localDateOf } from '@homecare/scenario';
import { continuityFigures } from '../continuity';
import { PayrollSettingsService, TimesheetsService, type PayrollCaregiver } from '../payroll';
import { PlanningSettingsService } from '../planning';
import { DashboardRepository, type WeekCareRow } from './dashboard.repository';
import type { DashboardClient, DashboardWeek, TeamDashboardView } from './dashboard.view';

/** Twelve weeks: a quarter, what a team looks back on in its monthly meeting. */
export const MAX_DASHBOARD_WEEKS = 12;

/**
 * The team's weeks at a glance: coverage and continuity from the dashboard's own SQL, continuity
 * measured as the engine measures it (continuityFigures), hours, overtime and working-time flags
 * from payroll's timesheets of each week (the same numbers the hours page shows).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly timesheets: TimesheetsService,
    private readonly payrollSettings: PayrollSettingsService,
    private readonly planning: PlanningSettingsService,
    private readonly clock: Clock,
  ) {}

  /** The `weeks` ISO weeks (team's zone) ending with the current one. The caller checked access. */
  async dashboard(teamId: string, weeks = MAX_DASHBOARD_WEEKS): Promise<TeamDashboardView> {
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_DASHBOARD_WEEKS)
      throw new InvalidInputError(
        `The dashboard shows 1 to ${MAX_DASHBOARD_WEEKS} weeks at once.`,
        [{ path: 'query.weeks', message: `must be a whole number from 1 to ${MAX_DASHBOARD_WEEKS}` }],
        'period.too-long',
      );
    const team = await this.repository.team(teamId);
    if (!team) throw new NotFoundError('team', teamId);
    const today = localDateOf(this.clock.nowMs() / 60_000, team.timezone);
    const thisMonday = addDays(today, 1 - isoWeekday(today));
    const mondays = Array.from({ length: weeks }, (_, index) =>
      addDays(thisMonday, -7 * (weeks - 1 - index)),
    );
    const from = mondays[0];
    const to = addDays(thisMonday, 6);

    const [settings, coverage, care, changes, caregivers, payroll] = await Promise.all([
      this.planning.settingsOf(teamId),
      this.repository.coverage(teamId, from, to),
      this.repository.care(teamId, from, to),
      this.repository.changes(teamId, team.timezone, from, to),
      this.repository.caregivers(teamId),
      this.payrollSettings.get(team.organisationId),
    ]);
    const target = settings.continuityTargetDistinctCaregivers;
    const members: PayrollCaregiver[] = caregivers.map((row) => ({
      id: row.id,
      teamId: row.team_id,
      name: `${row.first_name} ${row.last_name}`.trim(),
      maxMinutesPerWeek: row.max_minutes_per_week,
      maxMinutesPerDay: row.max_minutes_per_day,
      travelSpeedKmh: row.travel_speed_kmh,
    }));

    const result: DashboardWeek[] = [];
    for (const monday of mondays) {
      // Each week as a pay period of its own: payroll's calculator counts it as the hours page does.
      const period: PayPeriod = {
        id: `${monday}/${addDays(monday, 6)}`,
        frequency: 'weekly',
        start: monday,
        end: addDays(monday, 6),
      };
      const sheets: CaregiverTimesheet[] =
        members.length > 0
          ? await this.timesheets.run(team.organisationId, payroll, period).compute(members)
          : [];
      const week = coverage.find((row) => row.weekStart === monday);
      const figures = continuityFigures(slotsOf(care.filter((row) => row.weekStart === monday)));
      const flags = new Map<string, number>();
      for (const sheet of sheets)
        for (const flag of sheet.flags) flags.set(flag.kind, (flags.get(flag.kind) ?? 0) + 1);
      const changed = changes.find((row) => row.weekStart === monday);
      const sum = (pick: (sheet: CaregiverTimesheet) => number) =>
        sheets.reduce((total, sheet) => total + pick(sheet), 0);
      const visits = week?.visits ?? 0;
      const covered = week?.coveredVisits ?? 0;
      result.push({
        weekStart: monday,
        weekEnd: addDays(monday, 6),
        visits,
        coveredVisits: covered,
        coverage: visits ? round(covered / visits) : 1,
        clients: figures.clients,
        meanDistinctCaregivers: round(figures.meanDistinctCaregivers),
        primaryShare: round(figures.primaryShare),
        withinTarget: figures.clients === 0 || figures.meanDistinctCaregivers <= target,
        visitMinutes: sum((sheet) => sheet.totals.visitMinutes),
        workedMinutes: sum((sheet) => sheet.totals.workedMinutes),
        contractMinutes: sum((sheet) => sheet.totals.contractMinutes),
        overtimeMinutes: sum((sheet) => sheet.totals.overtimeMinutes),
        flagCount: [...flags.values()].reduce((total, count) => total + count, 0),
        flags: [...flags]
          .map(([kind, count]) => ({ kind, count }))
          .sort((a, b) => a.kind.localeCompare(b.kind)),
        amendments: changed?.amendments ?? 0,
        changedVisits: changed?.changedVisits ?? 0,
      });
    }
    return {
      teamId,
      timezone: team.timezone,
      targetDistinctCaregivers: target,
      weeks: result,
      clients: await this.clientsOf(care, mondays),
    };
  }

  /** Per client, who came in which week: the rows in the weeks' order, most visits first. */
  private async clientsOf(care: WeekCareRow[], mondays: string[]): Promise<DashboardClient[]> {
    const clientIds = [...new Set(care.map((row) => row.clientId))];
    const caregiverIds = [...new Set(care.map((row) => row.caregiverId))];
    const [clients, caregivers] = await Promise.all([
      this.repository.clients(clientIds),
      this.repository.caregiverNames(caregiverIds),
    ]);
    const nameOf = new Map(caregivers.map((row) => [row.id, row.name]));
    return clients.map((client) => {
      const perCaregiver = new Map<string, number[]>();
      for (const row of care) {
        if (row.clientId !== client.id) continue;
        const counts = perCaregiver.get(row.caregiverId) ?? mondays.map(() => 0);
        counts[mondays.indexOf(row.weekStart)] += row.visits;
        perCaregiver.set(row.caregiverId, counts);
      }
      const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);
      return {
        clientId: client.id,
        name: client.name,
        caregivers: [...perCaregiver]
          .map(([caregiverId, visitsPerWeek]) => ({
            caregiverId,
            name: nameOf.get(caregiverId) ?? '',
            visitsPerWeek,
          }))
          .sort((a, b) => total(b.visitsPerWeek) - total(a.visitsPerWeek) || a.name.localeCompare(b.name)),
      };
    });
  }
}

/** Visit counts as the care slots continuityFigures counts (one per caregiver and visit). */
function* slotsOf(rows: WeekCareRow[]): Generator<{ clientId: string; caregiverId: string }> {
  for (const row of rows)
    for (let index = 0; index < row.visits; index += 1)
      yield { clientId: row.clientId, caregiverId: row.caregiverId };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
