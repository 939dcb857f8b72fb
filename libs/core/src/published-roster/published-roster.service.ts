import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database';
import { accessLogInsertSql, actionOf, readableSql } from '../access';
import type { Principal } from '../principal';
import type { VisitStatus } from '@homecare/database';
import type { PublishedChange, PublishedVisit } from './published-roster.view';

/** Whose published visits: a team's, a client's, or a caregiver's. */
export type PublishedScope = { teamId: string } | { clientId: string } | { caregiverId: string };

/** A published assignment's keys: what every read of the table selects. */
interface AssignmentKeys {
  visit_id: string;
  client_id: string;
  team_id: string;
  plan_id: string;
  version: number;
  caregiver_id: string;
}

interface Row extends AssignmentKeys {
  starts_at: Date;
  ends_at: Date;
  published_at: Date;
  removed_at: Date | null;
  changed_at: Date;
}

/** A check-in with its effective times (the latest correction of each wins). */
export interface PublishedCheckIn {
  visitId: string;
  caregiverId: string;
  checkedInAt: Date;
  checkedOutAt: Date | null;
}

/** A published visit with its window and its caregivers' first names. */
export type DetailedVisit = {
  visit: PublishedVisit;
  earliestStart: Date;
  latestEnd: Date;
  firstNames: (string | null)[];
};

/**
 * Per published row: the check-ins its visit's status rests on (effective times: the latest
 * correction wins): the check-ins of its visit, and its caregiver's from the start of that
 * local day (`zone`: an SQL expression for the team's zone; an hour earlier, for a day that does
 * not start at midnight) to the visit's end, as [id, visit, caregiver, in ms, out ms]. One index
 * probe each, in the same statement as the rows: a family's plan reads them on every look.
 */
const checkInsOfRow = (zone: string) => `LEFT JOIN LATERAL (
    SELECT json_agg(json_build_array(k.id, k.visit_id, k.caregiver_id,
             (extract(epoch FROM k.checked_in_at) * 1000)::float8,
             (extract(epoch FROM k.checked_out_at) * 1000)::float8)) AS check_ins
      FROM (SELECT c.id, c.visit_id, c.caregiver_id,
                   coalesce((SELECT x.corrected_value FROM visit_check_in_correction x
                              WHERE x.check_in_id = c.id AND x.field = 'checkedInAt'
                              ORDER BY x.created_at DESC, x.id DESC LIMIT 1), c.checked_in_at) AS checked_in_at,
                   coalesce((SELECT x.corrected_value FROM visit_check_in_correction x
                              WHERE x.check_in_id = c.id AND x.field = 'checkedOutAt'
                              ORDER BY x.created_at DESC, x.id DESC LIMIT 1), c.checked_out_at) AS checked_out_at
              FROM visit_check_in c
             WHERE c.visit_id = p.visit_id
                OR (c.caregiver_id = p.caregiver_id AND c.checked_in_at < p.ends_at
                    AND c.checked_in_at >= (date_trunc('day', p.starts_at AT TIME ZONE ${zone}) AT TIME ZONE ${zone}) - interval '1 hour')) k
  ) ci ON true`;

/** A published row as `publishedRowsSql` selects it. */
export type PublishedRow = AssignmentKeys & {
  starts_ms: number;
  ends_ms: number;
  status: VisitStatus | null;
  earliest_ms?: number;
  latest_ms?: number;
  first_name?: string | null;
  check_ins?: [string, string, string, number, number | null][] | null;
};

/**
 * The published rows of a scope that overlap a range, as SQL over expressions (`condition` on the
 * row `p`, the range's instants `from` and `to`): with `details`, each visit's window and its
 * caregiver's first name; with `checkInsZone`, the check-ins its status rests on. Ordered by start.
 * Its own statement, or part of a larger one (a visit plan's single statement).
 */
export function publishedRowsSql(options: {
  condition: string;
  from: string;
  to: string;
  details: boolean;
  checkInsZone?: string;
}): string {
  const { condition, from, to, details, checkInsZone } = options;
  // Instants as epoch milliseconds: pg parses every timestamp with a regular expression, and a
  // team's week is a thousand of them on a read made hundreds of times a second.
  return `SELECT p.visit_id, p.client_id, p.team_id, p.plan_id, p.version, p.caregiver_id, v.status,
              (extract(epoch FROM p.starts_at) * 1000)::float8 AS starts_ms,
              (extract(epoch FROM p.ends_at) * 1000)::float8 AS ends_ms
              ${
                details
                  ? `, (extract(epoch FROM v.earliest_start) * 1000)::float8 AS earliest_ms,
                     (extract(epoch FROM v.latest_end) * 1000)::float8 AS latest_ms, c.first_name`
                  : ''
              }
              ${checkInsZone ? ', ci.check_ins' : ''}
         FROM published_assignment p
              -- Each row's visit by its key. As a plain join the planner prefers hashing a scan of
              -- every visit of every team for a team's week, which grows with the organisation's
              -- whole history; OFFSET 0 keeps the lookup a lookup.
              CROSS JOIN LATERAL (SELECT status, earliest_start, latest_end FROM visit
                                   WHERE visit.id = p.visit_id OFFSET 0) v
              -- The same for the caregiver's first name: a plain join hashed every caregiver of
              -- the organisation for a client's twenty rows.
              ${details ? 'LEFT JOIN LATERAL (SELECT first_name FROM caregiver WHERE caregiver.id = p.caregiver_id OFFSET 0) c ON true' : ''}
              ${checkInsZone ? checkInsOfRow(checkInsZone) : ''}
        WHERE p.removed_at IS NULL AND ${condition} AND p.starts_at < ${to} AND p.ends_at > ${from}
        ORDER BY p.starts_at, p.visit_id, p.caregiver_id`;
}

/** Published rows (in order) as visits, each with its caregivers, and the check-ins they came with. */
export function publishedVisitsOf(rows: PublishedRow[]): {
  visits: DetailedVisit[];
  checkIns: PublishedCheckIn[];
} {
  const visits = new Map<string, DetailedVisit>();
  const checkIns = new Map<string, PublishedCheckIn>();
  for (const row of rows) {
    for (const [checkInId, visitId, caregiverId, inMs, outMs] of row.check_ins ?? [])
      checkIns.set(checkInId, {
        visitId,
        caregiverId,
        checkedInAt: new Date(inMs),
        checkedOutAt: outMs === null ? null : new Date(outMs),
      });
    const entry = visits.get(row.visit_id);
    if (entry) {
      entry.visit.caregiverIds.push(row.caregiver_id);
      entry.firstNames.push(row.first_name ?? null);
      continue;
    }
    const visit: PublishedVisit = {
      visitId: row.visit_id,
      clientId: row.client_id,
      teamId: row.team_id,
      planId: row.plan_id,
      version: row.version,
      caregiverIds: [row.caregiver_id],
      plannedStart: new Date(row.starts_ms).toISOString(),
      plannedEnd: new Date(row.ends_ms).toISOString(),
      status: row.status ?? 'planned',
    };
    visits.set(row.visit_id, {
      visit,
      earliestStart: new Date(row.earliest_ms ?? row.starts_ms),
      latestEnd: new Date(row.latest_ms ?? row.ends_ms),
      firstNames: [row.first_name ?? null],
    });
  }
  return { visits: [...visits.values()], checkIns: [...checkIns.values()] };
}

/**
 * The published roster, for the features that show it (a family's visit plan, payroll): the
 * currently published assignment of each visit, and what changed since a moment. It reads the
 * `published_assignment` table, which only publishing and amendments write.
 */
@Injectable()
export class PublishedRosterService {
  constructor(private readonly dataSource: DataSource) {}

  async publishedAssignments(
    scope: PublishedScope,
    range: { from: Date; to: Date },
  ): Promise<PublishedVisit[]> {
    return (await this.read(scope, range, false)).map(({ visit }) => visit);
  }

  /**
   * The same with each visit's agreed window and its caregivers' first names, in the same query:
   * what a visit plan or a calendar feed shows (the first name is all a family sees of a caregiver;
   * null for a caregiver no longer there).
   */
  async publishedAssignmentsWithDetails(
    scope: PublishedScope,
    range: { from: Date; to: Date },
  ): Promise<DetailedVisit[]> {
    return this.read(scope, range, true);
  }

  private async read(
    scope: PublishedScope,
    range: { from: Date; to: Date },
    details: boolean,
  ): Promise<DetailedVisit[]> {
    const [condition, id] = scopeCondition(scope);
    const rows = await preparedQuery<PublishedRow>(
      this.dataSource,
      publishedRowsSql({ condition, from: '$2', to: '$3', details }),
      [id, range.from, range.to],
    );
    return publishedVisitsOf(rows).visits;
  }

  /**
   * Opens a read of a team's published roster for local dates `from`..`to`, in one statement: the
   * access check (`readableSql`), the period as instants in the team's zone (from the start of
   * `from` to the start of the day after `to`), and a tag that changes whenever the answer of
   * `publishedAssignments` for it would: the team's published roster revision (counted up by the
   * database's triggers in every transaction that changes a published assignment or a visit's
   * status, see PublishedRosterRevision) and the period's instants (a team that moves to another
   * zone has other days). A change in another week also changes the tag: a copy fetched once more,
   * never one kept too long. The clients it concerns are logged as read by `reader` in the same
   * statement: whether the caller's copy is still good or not, it shows those clients' data.
   * Undefined for no such team, or one the reader may not see.
   */
  async openTeamRead(
    teamId: string,
    period: { from: string; to: string },
    reader: Principal,
  ): Promise<{ tag: string; range: { from: Date; to: Date } } | undefined> {
    const [row] = await preparedQuery<{ revision: string; from_ms: number; to_ms: number }>(
      this.dataSource,
      `WITH caller AS (
         SELECT $4::uuid AS user_id, $7::uuid AS organisation_id
       ), period AS (
         SELECT ($2::date::timestamp AT TIME ZONE t.timezone) AS from_at,
                (($3::date + 1)::timestamp AT TIME ZONE t.timezone) AS to_at
           FROM team t CROSS JOIN caller
          WHERE t.id = $1 AND ${readableSql(reader.role, 'team', { team: 't', caller: 'caller' })}
       ), logged AS (
         ${accessLogInsertSql({
           user: '$4',
           client: 'p.client_id',
           action: '$5',
           route: '$6',
           source: `FROM period, published_assignment p
          WHERE p.removed_at IS NULL AND p.team_id = $1 AND p.starts_at < period.to_at AND p.ends_at > period.from_at`,
         })}
       )
       SELECT (extract(epoch FROM period.from_at) * 1000)::float8 AS from_ms,
              (extract(epoch FROM period.to_at) * 1000)::float8 AS to_ms,
              coalesce((SELECT revision FROM published_roster_revision WHERE team_id = $1), 0) AS revision
         FROM period`,
      [
        teamId,
        period.from,
        period.to,
        reader.userId,
        actionOf(reader.route),
        reader.route,
        reader.organisationId,
      ],
    );
    if (!row) return undefined;
    return {
      tag: `${row.revision}.${row.from_ms.toString(36)}.${row.to_ms.toString(36)}`,
      range: { from: new Date(row.from_ms), to: new Date(row.to_ms) },
    };
  }

  /** Visits whose published assignment changed after `since`: as they were then, and as they are now. */
  async changedSince(scope: PublishedScope, since: Date): Promise<PublishedChange[]> {
    const [condition, id] = scopeCondition(scope, true);
    const rows = await preparedQuery<Row>(
      this.dataSource,
      `SELECT p.visit_id, p.client_id, p.team_id, p.plan_id, p.version, p.caregiver_id, p.starts_at, p.ends_at,
              p.published_at, p.removed_at, p.changed_at
         FROM published_assignment p
        WHERE p.visit_id IN (SELECT visit_id FROM published_assignment p WHERE ${condition} AND p.changed_at > $2)
        ORDER BY p.visit_id, p.caregiver_id`,
      [id, since],
    );
    const byVisit = new Map<string, Row[]>();
    for (const row of rows) byVisit.set(row.visit_id, [...(byVisit.get(row.visit_id) ?? []), row]);
    const state = (list: Row[]) =>
      list.length === 0
        ? null
        : {
            caregiverIds: list.map((row) => row.caregiver_id),
            plannedStart: new Date(list[0].starts_at).toISOString(),
            plannedEnd: new Date(list[0].ends_at).toISOString(),
          };
    const changes: PublishedChange[] = [];
    for (const [visitId, list] of byVisit) {
      const then = list.filter(
        (row) =>
          new Date(row.published_at) <= since &&
          (row.removed_at === null || new Date(row.removed_at) > since),
      );
      const now = list.filter((row) => row.removed_at === null);
      const changedAt = list.reduce((latest, row) => Math.max(latest, new Date(row.changed_at).getTime()), 0);
      changes.push({
        visitId,
        clientId: list[0].client_id,
        before: state(then),
        after: state(now),
        changedAt: new Date(changedAt).toISOString(),
      });
    }
    return changes.sort((first, second) => first.changedAt.localeCompare(second.changedAt));
  }
}

/** A caregiver's visits are every caregiver of the visits they have (or, for changes, had). */
function scopeCondition(scope: PublishedScope, includeRemoved = false): [string, string] {
  if ('teamId' in scope) return ['p.team_id = $1', scope.teamId];
  if ('clientId' in scope) return ['p.client_id = $1', scope.clientId];
  const removed = includeRemoved ? '' : ' AND removed_at IS NULL';
  return [
    `p.visit_id IN (SELECT visit_id FROM published_assignment WHERE caregiver_id = $1${removed})`,
    scope.caregiverId,
  ];
}
