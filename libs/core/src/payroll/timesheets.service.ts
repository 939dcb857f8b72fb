import { Clock } from '@homecare/common';
import { Injectable } from '@nestjs/common';
import { addDays, localDateOf } from '@homecare/scenario';
import {
  periodInstants,
  TimesheetCalculator,
  toEpochMinutes,
  type CaregiverTimesheet,
  type PayPeriod,
  type TimesheetFlag,
  type TimeCorrection,
  type WeeklyTotal,
  type WorkedVisit,
} from '@homecare/payroll';
import { AvailabilityService } from '../availability';
import { PublishedRosterService, type PublishedVisit } from '../published-roster';
import { effectiveRulesOf } from '../teams';
import { calculatorSettingsOf } from './payroll-settings.service';
import type { PayrollSettingsView } from './payroll.view';
import {
  TimesheetsRepository,
  type CaregiverSqlRow,
  type CorrectionRow,
  type PayrollCaregiverFilter,
} from './timesheets.repository';

export type { CorrectionRow } from './timesheets.repository';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Caregivers per query when a whole organisation is computed or exported. */
export const PAYROLL_PAGE_SIZE = 100;

/** A caregiver row as payroll reads it. */
export interface PayrollCaregiver {
  id: string;
  teamId: string;
  name: string;
  maxMinutesPerWeek: number;
  maxMinutesPerDay: number | null;
  travelSpeedKmh: number | null;
}

interface TeamContext {
  timezone: string;
  calculator: TimesheetCalculator;
  /** Published visits of the team around the period, loaded once per team and period. */
  visits?: { periodId: string; list: PublishedVisit[] };
}

/**
 * Builds timesheets from the database: the published assignments of the period, check-ins and
 * their corrections, shifts (availability intervals: paid travel only inside one), client
 * locations, the caregiver's and team's travel settings and the adjustments carried into the
 * period, through the library's TimesheetCalculator. A page of caregivers costs a fixed number
 * of queries, whatever its size.
 */
@Injectable()
export class TimesheetsService {
  constructor(
    private readonly repository: TimesheetsRepository,
    private readonly published: PublishedRosterService,
    private readonly availability: AvailabilityService,
    private readonly clock: Clock,
  ) {}

  /** A computing run over one organisation's settings: reuse it for every page of one request. */
  run(organisationId: string, settings: PayrollSettingsView, period: PayPeriod): TimesheetRun {
    return new TimesheetRun(this, organisationId, settings, period, this.clock.now());
  }

  /** Caregivers of an organisation in a stable order (team, id), a page at a time (keyset). */
  async caregiverPage(
    organisationId: string,
    after: { teamId: string; id: string } | null,
    limit = PAYROLL_PAGE_SIZE,
  ): Promise<PayrollCaregiver[]> {
    const rows = await this.repository.caregiverPage(organisationId, after, limit);
    return rows.map(caregiverOf);
  }

  /** The caregivers of an organisation by offset (the timesheet list), with the total. */
  async caregiversByOffset(
    organisationId: string,
    filter: PayrollCaregiverFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: PayrollCaregiver[]; total: number }> {
    const { rows, total } = await this.repository.caregiversByOffset(organisationId, filter, page);
    return { items: rows.map(caregiverOf), total };
  }

  /** @internal for TimesheetRun */
  async loadTeam(teamId: string, settings: PayrollSettingsView): Promise<TeamContext> {
    const team = await this.repository.team(teamId);
    // The rest the roster was planned with is the rest payroll flags against, so that an agreed
    // roster that kept the team's rules never raises a rest flag; payroll's own value stands only
    // where the team plans without a rest rule.
    const rules = effectiveRulesOf(
      { minRestMinutes: team.min_rest_minutes, maxConsecutiveDays: team.max_consecutive_days },
      team.working_time_overrides,
    );
    const calculatorSettings = calculatorSettingsOf(settings, {
      timezone: team.timezone,
      travelSpeedKmh: team.travel_speed_kmh,
      travelDetourFactor: team.travel_detour_factor,
    });
    if (rules.minRestMinutes !== null)
      calculatorSettings.workingTime = {
        ...calculatorSettings.workingTime,
        minRestMinutes: rules.minRestMinutes,
      };
    // Days in a row: the team's rule exactly (none when the team plans without one).
    calculatorSettings.maxConsecutiveDays = rules.maxConsecutiveDays;
    return {
      timezone: team.timezone,
      calculator: new TimesheetCalculator(calculatorSettings),
    };
  }

  /** @internal for TimesheetRun: one page of caregivers of one team. */
  async computeTeamPage(
    organisationId: string,
    period: PayPeriod,
    team: TeamContext,
    teamId: string,
    caregivers: PayrollCaregiver[],
    now: Date,
  ): Promise<CaregiverTimesheet[]> {
    const bounds = periodInstants(period, team.timezone);
    // A day before the period too: a visit of the evening before may be the origin of travel.
    const from = new Date(bounds.start * MINUTE_MS - DAY_MS);
    const to = new Date(bounds.end * MINUTE_MS);
    if (team.visits?.periodId !== period.id) {
      team.visits = {
        periodId: period.id,
        list: await this.published.publishedAssignments({ teamId }, { from, to }),
      };
    }
    const caregiverIds = caregivers.map((caregiver) => caregiver.id);
    const mine = new Set(caregiverIds);
    const visits = team.visits.list.filter((visit) => visit.caregiverIds.some((id) => mine.has(id)));
    const visitIds = visits.map((visit) => visit.visitId);

    const checkIns = await this.repository.checkIns(caregiverIds, visitIds);
    const corrections = await this.repository.corrections(checkIns.map((checkIn) => checkIn.id));
    const clients = await this.repository.clientLocations([
      ...new Set(visits.map((visit) => visit.clientId)),
    ]);
    const shifts = await this.availability.availabilityFor(caregiverIds, {
      from: addDays(period.start, -1),
      to: period.end,
      timezone: team.timezone,
    });
    const history = await this.weeklyHistory(caregiverIds, period);
    const carried = await this.repository.carriedAdjustments(organisationId, period.id, caregiverIds);

    const location = new Map(
      clients.map((client) => [client.id, { lat: client.latitude, lon: client.longitude }]),
    );
    const checkInOf = new Map(checkIns.map((row) => [`${row.caregiver_id}:${row.visit_id}`, row]));
    const correctionsOf = new Map<string, CorrectionRow[]>();
    for (const row of corrections)
      correctionsOf.set(row.check_in_id, [...(correctionsOf.get(row.check_in_id) ?? []), row]);
    const asOf = Math.min(toEpochMinutes(now), bounds.end);

    return caregivers.map((caregiver) => {
      const windows = shifts.get(caregiver.id) ?? [];
      const extraFlags: TimesheetFlag[] = [];
      const worked: WorkedVisit[] = [];
      for (const visit of visits) {
        if (!visit.caregiverIds.includes(caregiver.id)) continue;
        const plannedStart = new Date(visit.plannedStart);
        const plannedEnd = new Date(visit.plannedEnd);
        const checkIn = checkInOf.get(`${caregiver.id}:${visit.visitId}`);
        const plannedMinutes = Math.round((plannedEnd.getTime() - plannedStart.getTime()) / MINUTE_MS);
        const effective = checkIn
          ? effectiveCheckIn(checkIn, correctionsOf.get(checkIn.id) ?? [], plannedMinutes)
          : null;
        let status: WorkedVisit['status'] = visit.status === 'cancelled' ? 'cancelled' : 'scheduled';
        if (status === 'scheduled' && !checkIn && plannedEnd <= now) {
          // No check-in for a visit that is over: the planned times count (source `planned`), and
          // the coordinator sees it flagged (a visit nobody made is cancelled, then not paid).
          status = 'done';
          const date = localDateOf(toEpochMinutes(plannedStart), team.timezone);
          if (date >= period.start && date <= period.end)
            extraFlags.push({
              kind: 'missed',
              visitId: visit.visitId,
              reason: 'no-check-in',
              message: `visit ${visit.visitId} has no check-in: counted at its planned times`,
            });
        }
        const window = windows.find(
          (candidate) => candidate.start <= plannedStart && candidate.end >= plannedEnd,
        );
        worked.push({
          id: visit.visitId,
          clientId: visit.clientId,
          location: location.get(visit.clientId) ?? { lat: 0, lon: 0 },
          // Outside every availability interval: a shift of its own, so no travel is paid to it.
          shiftId: window ? `${caregiver.id}:${window.start.toISOString()}` : `visit:${visit.visitId}`,
          status,
          plannedStart: toEpochMinutes(plannedStart),
          plannedEnd: toEpochMinutes(plannedEnd),
          ...(effective
            ? {
                checkIn: toEpochMinutes(effective.start),
                ...(effective.end ? { checkOut: toEpochMinutes(effective.end) } : {}),
                ...(effective.correction ? { corrections: [effective.correction] } : {}),
              }
            : {}),
        });
      }
      const timesheet = team.calculator.compute(
        period,
        {
          caregiver: {
            id: caregiver.id,
            name: caregiver.name,
            contractMinutesPerWeek: caregiver.maxMinutesPerWeek,
            maxMinutesPerDay: caregiver.maxMinutesPerDay,
            speedKmh: caregiver.travelSpeedKmh,
          },
          visits: worked,
          weeklyHistory: history.get(caregiver.id) ?? [],
          carriedAdjustments: carried
            .filter((row) => row.caregiver_id === caregiver.id)
            .flatMap((row) => row.lines),
        },
        { asOf },
      );
      timesheet.flags.push(...extraFlags);
      return timesheet;
    });
  }

  /** Weekly totals of the 16 weeks before the period, from the locked timesheets of other periods. */
  private async weeklyHistory(
    caregiverIds: string[],
    period: PayPeriod,
  ): Promise<Map<string, WeeklyTotal[]>> {
    const rows = await this.repository.lockedWeeklyTotals(
      caregiverIds,
      period.id,
      addDays(period.start, -7 * 17),
      period.end,
    );
    const sums = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const weeks = sums.get(row.caregiver_id) ?? new Map<string, number>();
      for (const week of row.weekly ?? [])
        weeks.set(week.weekStart, (weeks.get(week.weekStart) ?? 0) + week.workedMinutes);
      sums.set(row.caregiver_id, weeks);
    }
    return new Map(
      [...sums].map(([caregiverId, weeks]) => [
        caregiverId,
        [...weeks].map(([weekStart, workedMinutes]) => ({ weekStart, workedMinutes })),
      ]),
    );
  }
}

/** One organisation, one period: teams are loaded once, caregivers a page at a time. */
export class TimesheetRun {
  private readonly teams = new Map<string, Promise<TeamContext>>();
  constructor(
    private readonly service: TimesheetsService,
    readonly organisationId: string,
    readonly settings: PayrollSettingsView,
    readonly period: PayPeriod,
    /** One "now" for every page of the run (which visits are still to come). */
    private readonly now: Date,
  ) {}

  /** Timesheets of these caregivers, in their order. */
  async compute(caregivers: PayrollCaregiver[]): Promise<CaregiverTimesheet[]> {
    const byTeam = new Map<string, PayrollCaregiver[]>();
    for (const caregiver of caregivers)
      byTeam.set(caregiver.teamId, [...(byTeam.get(caregiver.teamId) ?? []), caregiver]);
    const result = new Map<string, CaregiverTimesheet>();
    for (const [teamId, members] of byTeam) {
      let team = this.teams.get(teamId);
      if (!team) {
        // Only the current team's visits stay in memory: pages come in team order.
        this.teams.clear();
        team = this.service.loadTeam(teamId, this.settings);
        this.teams.set(teamId, team);
      }
      const sheets = await this.service.computeTeamPage(
        this.organisationId,
        this.period,
        await team,
        teamId,
        members,
        this.now,
      );
      for (const sheet of sheets) result.set(sheet.caregiverId, sheet);
    }
    return caregivers.map((caregiver) => result.get(caregiver.id)!);
  }

  /** Every caregiver of the organisation, computed a page at a time: for exports and locking. */
  async *all(): AsyncGenerator<CaregiverTimesheet> {
    let after: { teamId: string; id: string } | null = null;
    for (;;) {
      const page = await this.service.caregiverPage(this.organisationId, after);
      if (page.length === 0) return;
      yield* await this.compute(page);
      const last = page[page.length - 1];
      after = { teamId: last.teamId, id: last.id };
      if (page.length < PAYROLL_PAGE_SIZE) return;
    }
  }
}

function caregiverOf(row: CaregiverSqlRow): PayrollCaregiver {
  return {
    id: row.id,
    teamId: row.team_id,
    name: `${row.first_name} ${row.last_name}`.trim(),
    maxMinutesPerWeek: row.max_minutes_per_week,
    maxMinutesPerDay: row.max_minutes_per_day,
    travelSpeedKmh: row.travel_speed_kmh,
  };
}

/**
 * The times of a check-in as they stand: the latest correction of each field, else what was
 * recorded. With a correction, the library counts it as `corrected` (the latest reason wins).
 */
export function effectiveCheckIn(
  checkIn: { checked_in_at: Date; checked_out_at: Date | null },
  corrections: readonly CorrectionRow[],
  plannedMinutes: number,
): { start: Date; end: Date | null; correction: TimeCorrection | null } {
  let start = new Date(checkIn.checked_in_at);
  let end = checkIn.checked_out_at ? new Date(checkIn.checked_out_at) : null;
  let latest: CorrectionRow | null = null;
  for (const correction of corrections) {
    if (correction.field === 'checkedInAt') start = new Date(correction.corrected_value);
    else end = new Date(correction.corrected_value);
    latest = correction;
  }
  if (!latest) return { start, end, correction: null };
  return {
    start,
    end,
    correction: {
      start: toEpochMinutes(start),
      // Without a check-out the planned duration counts from the start (the library's own rule).
      end: end ? toEpochMinutes(end) : toEpochMinutes(start) + plannedMinutes,
      reason: latest.reason,
      correctedAt: toEpochMinutes(new Date(latest.created_at)),
      correctedBy: latest.corrected_by,
    },
  };
}
