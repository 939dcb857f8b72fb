import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ForbiddenError, NotFoundError } from '@homecare/common';
import type { Principal } from '../principal';
import { AccessLogService, actionOf } from './access-log.service';
import { preparedQuery } from '../database';

/** `read` to see an object, `write` to change it (or anything that belongs to it). */
export type AccessMode = 'read' | 'write';

/** Where an object lives, which is all an access decision needs. */
interface Placement {
  id: string;
  teamId: string;
  organisationId: string;
  clientId?: string | null;
  userId?: string | null;
  /** Clients only: the caller has an active access link to it (a family member's). */
  linked: boolean;
  /** The caller is a member (has an active Caregiver row) of the object's team. */
  member: boolean;
}

/** What a list may show: everything, or only these teams (or organisations). */
export type Scope = { all: true } | { all: false; ids: string[] };

/**
 * The read rule of `AccessService` for a client or a team as an SQL condition, for the busiest
 * reads: they check, log and read in one statement, and log and show nothing when it is false.
 * `sql` names the statement's aliases of the client and team rows and of a row of the caller's
 * `user_id` and `organisation_id` (a coordinator's). It must say what `decide` says of a read (both
 * are held to the same cases by test/access.e2e-spec.ts and the authorization fuzz).
 */
export function readableSql(
  role: Principal['role'],
  resource: 'client' | 'team',
  sql: { client?: string; team: string; caller: string },
): string {
  // By the role alone (the caller's ids are the statement's parameters): one text per role.
  switch (role) {
    case 'administrator':
      return 'true';
    case 'coordinator':
      return `${sql.team}.organisation_id = ${sql.caller}.organisation_id`;
    case 'caregiver':
      return `EXISTS (SELECT 1 FROM caregiver m WHERE m.team_id = ${sql.team}.id AND m.user_id = ${sql.caller}.user_id AND m.active)`;
    default:
      // A family member reads the linked client itself, nothing else of its team.
      return resource === 'client' && sql.client
        ? `EXISTS (SELECT 1 FROM client_access_link l
                    WHERE l.client_id = ${sql.client}.id AND l.user_id = ${sql.caller}.user_id AND l.revoked_at IS NULL)`
        : 'false';
  }
}

/**
 * Every object-level decision in one place, in bulk: one query per call whatever the number of
 * ids. An object the caller may not see is "not found" (404), exactly like one that does not
 * exist; an object they may see but not change is "forbidden" (403).
 *
 * - administrator: everything.
 * - coordinator: everything of their organisation, read and write.
 * - caregiver: reads the teams they are an active member of (their Caregiver rows with `active`;
 *   a deactivated member has no access to that team from the next request on); writes only their
 *   own availability.
 * - family: reads the clients of their active access links; nothing of any team.
 */
@Injectable()
export class AccessService {
  private readonly memberships = new WeakMap<Principal, Promise<Set<string>>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  /** The teams a caregiver works in (cached for the request). */
  teamsOf(principal: Principal): Promise<Set<string>> {
    let teams = this.memberships.get(principal);
    if (!teams) {
      teams = preparedQuery<{ team_id: string }>(
        this.dataSource,
        'SELECT team_id FROM caregiver WHERE user_id = $1 AND active',
        [principal.userId],
      ).then((rows) => new Set(rows.map((row) => row.team_id)));
      this.memberships.set(principal, teams);
    }
    return teams;
  }

  async assertOrganisations(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    const rows = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM organisation WHERE id = ANY($1::uuid[])',
      [unique],
    );
    const found = new Set(rows.map((row) => row.id));
    const readable = await this.organisationScope(principal);
    for (const id of unique) {
      if (!found.has(id) || (!readable.all && !readable.ids.includes(id)))
        throw new NotFoundError('organisation', id);
      if (
        mode === 'write' &&
        !(
          principal.role === 'administrator' ||
          (principal.role === 'coordinator' && principal.organisationId === id)
        )
      ) {
        throw new ForbiddenError('Only a coordinator of this organisation may change it.');
      }
    }
  }

  async assertTeams(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    const rows = await this.place(
      principal,
      ids,
      'SELECT t.id, t.id AS team_id, t.organisation_id FROM team t WHERE t.id = ANY($1::uuid[])',
    );
    await this.decide(principal, 'team', ids, rows, mode);
  }

  async assertCaregivers(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    const rows = await this.placeCaregivers(principal, ids);
    await this.decide(principal, 'caregiver', ids, rows, mode);
  }

  /**
   * Availability is the caregiver's own: they change theirs, never a colleague's (403, since they
   * can see the colleague); coordinators and administrators change anyone's in their reach.
   */
  async assertAvailabilityOf(principal: Principal, caregiverId: string, mode: AccessMode): Promise<void> {
    const rows = await this.placeCaregivers(principal, [caregiverId]);
    const own = principal.role === 'caregiver' && rows[0]?.userId === principal.userId;
    await this.decide(principal, 'caregiver', [caregiverId], rows, own ? 'read' : mode);
  }

  async assertClients(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    // A family member's links come with the clients, in the same query.
    const rows = await this.place(
      principal,
      ids,
      `SELECT c.id, c.team_id, t.organisation_id, c.id AS client_id,
              $3::boolean AND EXISTS (SELECT 1 FROM client_access_link l
                       WHERE l.client_id = c.id AND l.user_id = $2 AND l.revoked_at IS NULL) AS linked
       FROM client c JOIN team t ON t.id = c.team_id WHERE c.id = ANY($1::uuid[])`,
      [principal.role === 'family'],
    );
    await this.decide(principal, 'client', ids, rows, mode);
  }

  async assertCareNeeds(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    const rows = await this.place(
      principal,
      ids,
      `SELECT n.id, c.team_id, t.organisation_id, c.id AS client_id
       FROM care_need n JOIN client c ON c.id = n.client_id JOIN team t ON t.id = c.team_id WHERE n.id = ANY($1::uuid[])`,
    );
    await this.decide(principal, 'care need', ids, rows, mode);
  }

  async assertVisits(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    const rows = await this.place(
      principal,
      ids,
      `SELECT v.id, v.team_id, t.organisation_id, v.client_id
       FROM visit v JOIN team t ON t.id = v.team_id WHERE v.id = ANY($1::uuid[])`,
    );
    await this.decide(principal, 'visit', ids, rows, mode);
  }

  async assertRosters(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    const rows = await this.place(
      principal,
      ids,
      `SELECT r.id, r.team_id, t.organisation_id
       FROM roster r JOIN team t ON t.id = r.team_id WHERE r.id = ANY($1::uuid[])`,
    );
    await this.decide(principal, 'roster', ids, rows, mode);
  }

  /**
   * Negotiated roster plans: read by whoever reads the team. What a member may do on a plan is
   * decided by the negotiation service (acting as themselves, through their Caregiver row).
   */
  async assertRosterPlans(principal: Principal, ids: string[], mode: AccessMode): Promise<void> {
    const rows = await this.place(
      principal,
      ids,
      `SELECT p.id, p.team_id, t.organisation_id
       FROM roster_plan p JOIN team t ON t.id = p.team_id WHERE p.id = ANY($1::uuid[])`,
    );
    await this.decide(principal, 'roster plan', ids, rows, mode);
  }

  /**
   * Writes the access log for clients a request reaches without naming them (lists, exports).
   * Checks that name a client log by themselves.
   */
  async logClientAccess(principal: Principal, clientIds: Iterable<string>): Promise<void> {
    await this.accessLog.record(principal.userId, clientIds, actionOf(principal.route), principal.route);
  }

  /** Logs every client of a team as accessed (a scenario export carries all of them). */
  async logTeamClientsAccess(principal: Principal, teamId: string): Promise<void> {
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT id FROM client WHERE team_id = $1', [
      teamId,
    ]);
    await this.logClientAccess(
      principal,
      rows.map((row) => row.id),
    );
  }

  /** The teams a list may show. */
  async teamScope(principal: Principal): Promise<Scope> {
    switch (principal.role) {
      case 'administrator':
        return { all: true };
      case 'coordinator': {
        const rows = await this.dataSource.query<{ id: string }[]>(
          'SELECT id FROM team WHERE organisation_id = $1',
          [principal.organisationId],
        );
        return { all: false, ids: rows.map((row) => row.id) };
      }
      case 'caregiver':
        return { all: false, ids: [...(await this.teamsOf(principal))] };
      default:
        return { all: false, ids: [] };
    }
  }

  /** The organisations a list may show: a coordinator's own, a caregiver's teams' ones. */
  async organisationScope(principal: Principal): Promise<Scope> {
    switch (principal.role) {
      case 'administrator':
        return { all: true };
      case 'coordinator':
        return { all: false, ids: principal.organisationId ? [principal.organisationId] : [] };
      case 'caregiver': {
        const rows = await this.dataSource.query<{ organisation_id: string }[]>(
          'SELECT DISTINCT t.organisation_id FROM team t JOIN caregiver c ON c.team_id = t.id WHERE c.user_id = $1 AND c.active',
          [principal.userId],
        );
        return { all: false, ids: rows.map((row) => row.organisation_id) };
      }
      default:
        return { all: false, ids: [] };
    }
  }

  private async placeCaregivers(principal: Principal, ids: string[]): Promise<Placement[]> {
    return this.place(
      principal,
      ids,
      `SELECT c.id, c.team_id, t.organisation_id, c.user_id
       FROM caregiver c JOIN team t ON t.id = c.team_id WHERE c.id = ANY($1::uuid[])`,
    );
  }

  /**
   * The objects' placements, from `sql` ($1: the ids, $2: the caller's user id, then `parameters`),
   * with the caller's team membership of each in the same statement.
   */
  private async place(
    principal: Principal,
    ids: string[],
    sql: string,
    parameters: unknown[] = [],
  ): Promise<Placement[]> {
    if (ids.length === 0) return [];
    const rows = await preparedQuery<{
      id: string;
      team_id: string;
      organisation_id: string;
      client_id?: string | null;
      user_id?: string | null;
      linked?: boolean;
      member: boolean;
    }>(
      this.dataSource,
      `SELECT placed.*,
              placed.team_id IN (SELECT m.team_id FROM caregiver m WHERE m.user_id = $2 AND m.active) AS member
         FROM (${sql}) placed`,
      [[...new Set(ids)], principal.userId, ...parameters],
    );
    return rows.map((row) => ({
      id: row.id,
      teamId: row.team_id,
      organisationId: row.organisation_id,
      clientId: row.client_id,
      userId: row.user_id,
      linked: row.linked === true,
      member: row.member,
    }));
  }

  private async decide(
    principal: Principal,
    resource: string,
    ids: string[],
    rows: Placement[],
    mode: AccessMode,
  ): Promise<void> {
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of ids) {
      const placement = byId.get(id);
      if (!placement) throw new NotFoundError(resource, id);
      let readable: boolean;
      let writable: boolean;
      switch (principal.role) {
        case 'administrator':
          readable = writable = true;
          break;
        case 'coordinator':
          readable = writable = placement.organisationId === principal.organisationId;
          break;
        case 'caregiver':
          readable = placement.member;
          writable = false;
          break;
        default:
          // A family member sees the linked client itself, nothing else of its team.
          readable = resource === 'client' && placement.linked;
          writable = false;
      }
      if (!readable) throw new NotFoundError(resource, id);
      if (mode === 'write' && !writable)
        throw new ForbiddenError(`You may read this ${resource} but not change it.`);
    }
    // Granted: access to a client's data is logged before the data goes anywhere.
    const clientIds = rows.flatMap((placement) => (placement.clientId ? [placement.clientId] : []));
    if (clientIds.length > 0) await this.logClientAccess(principal, clientIds);
  }
}
