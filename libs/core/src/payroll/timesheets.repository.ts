import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TeamWorkingTimeOverrides } from '@homecare/database';
import type { TimesheetLine, WeeklyTotal } from '@homecare/payroll';

/** A caregiver row as payroll reads it. */
export interface CaregiverSqlRow {
  id: string;
  team_id: string;
  first_name: string;
  last_name: string;
  max_minutes_per_week: number;
  max_minutes_per_day: number | null;
  travel_speed_kmh: number | null;
}

/** A team's zone, travel model and working-time rules (its organisation's and its own overrides). */
export interface PayrollTeamRow {
  timezone: string;
  travel_speed_kmh: number;
  travel_detour_factor: number;
  working_time_overrides: TeamWorkingTimeOverrides;
  min_rest_minutes: number | null;
  max_consecutive_days: number | null;
}

export interface CheckInRow {
  id: string;
  visit_id: string;
  caregiver_id: string;
  checked_in_at: Date;
  checked_out_at: Date | null;
}

export interface CorrectionRow {
  check_in_id: string;
  field: 'checkedInAt' | 'checkedOutAt';
  corrected_value: Date;
  reason: string;
  corrected_by: string;
  created_at: Date;
}

/** The filter of the timesheet list: some caregivers, or the caregiver of one user. */
export interface PayrollCaregiverFilter {
  caregiverIds?: string[];
  userId?: string;
}

const CAREGIVER_COLUMNS =
  'c.id, c.team_id, c.first_name, c.last_name, c.max_minutes_per_week, c.max_minutes_per_day, c.travel_speed_kmh';

/** The statements that read what timesheets are computed from. */
@Injectable()
export class TimesheetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Caregivers of an organisation in a stable order (team, id), after `after` (keyset). */
  caregiverPage(
    organisationId: string,
    after: { teamId: string; id: string } | null,
    limit: number,
  ): Promise<CaregiverSqlRow[]> {
    return this.dataSource.query<CaregiverSqlRow[]>(
      `SELECT ${CAREGIVER_COLUMNS}
         FROM caregiver c JOIN team t ON t.id = c.team_id
        WHERE t.organisation_id = $1 AND ($2::uuid IS NULL OR (c.team_id, c.id) > ($2::uuid, $3::uuid))
        ORDER BY c.team_id, c.id LIMIT $4`,
      [organisationId, after?.teamId ?? null, after?.id ?? null, limit],
    );
  }

  /** The caregivers of an organisation by offset, in (team, id) order, with the total. */
  async caregiversByOffset(
    organisationId: string,
    filter: PayrollCaregiverFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: CaregiverSqlRow[]; total: number }> {
    const where = `t.organisation_id = $1 AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[])) AND ($3::uuid IS NULL OR c.user_id = $3::uuid)`;
    const parameters = [organisationId, filter.caregiverIds ?? null, filter.userId ?? null];
    const rows = await this.dataSource.query<CaregiverSqlRow[]>(
      `SELECT ${CAREGIVER_COLUMNS}
         FROM caregiver c JOIN team t ON t.id = c.team_id WHERE ${where}
        ORDER BY c.team_id, c.id LIMIT $4 OFFSET $5`,
      [...parameters, page.limit, page.offset],
    );
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM caregiver c JOIN team t ON t.id = c.team_id WHERE ${where}`,
      parameters,
    );
    return { rows, total };
  }

  async team(teamId: string): Promise<PayrollTeamRow> {
    const [team] = await this.dataSource.query<PayrollTeamRow[]>(
      `SELECT t.timezone, t.travel_speed_kmh, t.travel_detour_factor, t.working_time_overrides,
              o.min_rest_minutes, o.max_consecutive_days
         FROM team t JOIN organisation o ON o.id = t.organisation_id WHERE t.id = $1`,
      [teamId],
    );
    return team;
  }

  checkIns(caregiverIds: string[], visitIds: string[]): Promise<CheckInRow[]> {
    return this.dataSource.query<CheckInRow[]>(
      `SELECT id, visit_id, caregiver_id, checked_in_at, checked_out_at FROM visit_check_in
        WHERE caregiver_id = ANY($1::uuid[]) AND visit_id = ANY($2::uuid[])`,
      [caregiverIds, visitIds],
    );
  }

  /** The corrections of these check-ins, oldest first. */
  corrections(checkInIds: string[]): Promise<CorrectionRow[]> {
    return this.dataSource.query<CorrectionRow[]>(
      `SELECT check_in_id, field, corrected_value, reason, corrected_by, created_at FROM visit_check_in_correction
        WHERE check_in_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [checkInIds],
    );
  }

  clientLocations(clientIds: string[]): Promise<{ id: string; latitude: number; longitude: number }[]> {
    return this.dataSource.query<{ id: string; latitude: number; longitude: number }[]>(
      'SELECT id, latitude, longitude FROM client WHERE id = ANY($1::uuid[])',
      [clientIds],
    );
  }

  /** Adjustment lines carried into the period, oldest first. */
  carriedAdjustments(
    organisationId: string,
    periodId: string,
    caregiverIds: string[],
  ): Promise<{ caregiver_id: string; lines: TimesheetLine[] }[]> {
    return this.dataSource.query<{ caregiver_id: string; lines: TimesheetLine[] }[]>(
      `SELECT caregiver_id, lines FROM payroll_adjustment
        WHERE organisation_id = $1 AND period_id = $2 AND caregiver_id = ANY($3::uuid[]) ORDER BY created_at, id`,
      [organisationId, periodId, caregiverIds],
    );
  }

  /** Weekly totals of the locked timesheets of other periods overlapping `from`..`to`. */
  lockedWeeklyTotals(
    caregiverIds: string[],
    exceptPeriodId: string,
    from: string,
    to: string,
  ): Promise<{ caregiver_id: string; weekly: WeeklyTotal[] | null }[]> {
    return this.dataSource.query<{ caregiver_id: string; weekly: WeeklyTotal[] | null }[]>(
      `SELECT caregiver_id, timesheet->'weeklyTotals' AS weekly FROM payroll_locked_timesheet
        WHERE caregiver_id = ANY($1::uuid[]) AND period_id <> $2 AND period_end >= $3 AND period_start <= $4`,
      [caregiverIds, exceptPeriodId, from, to],
    );
  }
}
