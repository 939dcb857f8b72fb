import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { VisitStatus } from '@homecare/database';
import { preparedQuery } from '../database';
import { accessLogInsertSql } from '../access';
import { type PublishedRow, publishedRowsSql, publishedVisitsOf } from '../published-roster';

/** A caregiver row of the signed-in person, with what their day needs of their team. */
export interface OwnCaregiver {
  id: string;
  teamId: string;
  timezone: string;
  /** km/h: the caregiver's own speed, else the team's. */
  speedKmh: number;
  detourFactor: number;
}

/** A visit's client and care need, as a caregiver's day shows them. */
export interface VisitPlace {
  visitId: string;
  clientId: string;
  clientName: string;
  address: string;
  latitude: number;
  longitude: number;
  careNeed: string | null;
}

export interface OwnCheckIn {
  id: string;
  visitId: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
}

/** The caller's assignment to a visit in the published roster, for "I'm running late". */
export interface OwnAssignment {
  caregiverId: string;
  firstName: string;
  plannedStart: Date;
  clientId: string;
  teamId: string;
  timezone: string;
  status: VisitStatus;
  checkedOut: boolean;
}

/** Every statement of a caregiver's day. */
@Injectable()
export class MyDayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `work` in one transaction: the messages of "I'm running late" are written together or not at all. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async ownCaregivers(userId: string): Promise<OwnCaregiver[]> {
    const rows = await this.dataSource.query<
      { id: string; team_id: string; timezone: string; speed: number; detour: number }[]
    >(
      `SELECT c.id, c.team_id, t.timezone, coalesce(c.travel_speed_kmh, t.travel_speed_kmh) AS speed,
              t.travel_detour_factor AS detour
         FROM caregiver c JOIN team t ON t.id = c.team_id
        WHERE c.user_id = $1 AND c.active
        ORDER BY t.name, c.id`,
      [userId],
    );
    return rows.map((row) => ({
      id: row.id,
      teamId: row.team_id,
      timezone: row.timezone,
      speedKmh: Number(row.speed),
      detourFactor: Number(row.detour),
    }));
  }

  /** The published visits of a caregiver overlapping a range, with every caregiver of each. */
  async publishedVisits(caregiverId: string, range: { from: Date; to: Date }) {
    const rows = await preparedQuery<PublishedRow>(
      this.dataSource,
      publishedRowsSql({
        condition:
          'p.visit_id IN (SELECT visit_id FROM published_assignment WHERE caregiver_id = $1 AND removed_at IS NULL)',
        from: '$2',
        to: '$3',
        details: true,
      }),
      [caregiverId, range.from, range.to],
    );
    return publishedVisitsOf(rows).visits;
  }

  /**
   * The clients and care needs of the visits, and the read of those clients logged in the same
   * statement: what is shown and what is logged cannot differ.
   */
  async places(
    visitIds: string[],
    log: { userId: string; action: string; route: string },
  ): Promise<VisitPlace[]> {
    if (visitIds.length === 0) return [];
    const rows = await preparedQuery<{
      visit_id: string;
      client_id: string;
      name: string;
      address: string;
      latitude: number;
      longitude: number;
      description: string | null;
    }>(
      this.dataSource,
      `WITH logged AS (
         ${accessLogInsertSql({
           user: '$2',
           client: 'v.client_id',
           action: '$3',
           route: '$4',
           source: 'FROM visit v WHERE v.id = ANY($1::uuid[])',
         })}
       )
       SELECT v.id AS visit_id, c.id AS client_id, c.name, c.address, c.latitude, c.longitude, n.description
         FROM visit v JOIN client c ON c.id = v.client_id LEFT JOIN care_need n ON n.id = v.care_need_id
        WHERE v.id = ANY($1::uuid[])`,
      [visitIds, log.userId, log.action, log.route],
    );
    return rows.map((row) => ({
      visitId: row.visit_id,
      clientId: row.client_id,
      clientName: row.name,
      address: row.address,
      latitude: row.latitude,
      longitude: row.longitude,
      careNeed: row.description?.trim() ? row.description.trim() : null,
    }));
  }

  async ownCheckIns(caregiverId: string, visitIds: string[]): Promise<OwnCheckIn[]> {
    if (visitIds.length === 0) return [];
    const rows = await this.dataSource.query<
      { id: string; visit_id: string; checked_in_at: Date; checked_out_at: Date | null }[]
    >(
      `SELECT id, visit_id, checked_in_at, checked_out_at FROM visit_check_in
        WHERE caregiver_id = $1 AND visit_id = ANY($2::uuid[])`,
      [caregiverId, visitIds],
    );
    return rows.map((row) => ({
      id: row.id,
      visitId: row.visit_id,
      checkedInAt: new Date(row.checked_in_at),
      checkedOutAt: row.checked_out_at ? new Date(row.checked_out_at) : null,
    }));
  }

  /** The caller's published assignment to a visit (through any of their caregiver rows). */
  async ownAssignment(
    manager: EntityManager | DataSource,
    visitId: string,
    userId: string,
  ): Promise<OwnAssignment | undefined> {
    const [row] = await manager.query<
      {
        caregiver_id: string;
        first_name: string;
        starts_at: Date;
        client_id: string;
        team_id: string;
        timezone: string;
        status: VisitStatus;
        checked_out: boolean;
      }[]
    >(
      `SELECT p.caregiver_id, c.first_name, p.starts_at, v.client_id, v.team_id, t.timezone, v.status,
              EXISTS (SELECT 1 FROM visit_check_in k WHERE k.visit_id = v.id AND k.caregiver_id = c.id
                         AND k.checked_out_at IS NOT NULL) AS checked_out
         FROM published_assignment p
              JOIN caregiver c ON c.id = p.caregiver_id
              JOIN visit v ON v.id = p.visit_id
              JOIN team t ON t.id = v.team_id
        WHERE p.visit_id = $1 AND c.user_id = $2 AND p.removed_at IS NULL
        LIMIT 1`,
      [visitId, userId],
    );
    if (!row) return undefined;
    return {
      caregiverId: row.caregiver_id,
      firstName: row.first_name,
      plannedStart: new Date(row.starts_at),
      clientId: row.client_id,
      teamId: row.team_id,
      timezone: row.timezone,
      status: row.status,
      checkedOut: row.checked_out,
    };
  }
}
