// The statements of plan versions, inside a caller's transaction: a version's rows, a new version
// stored with its changes, events, the published rows, and the worker's claim of a computed
// version. Shared by the API's write path and the worker's storing of computed versions, so both
// create versions the same way; functions (not a class) because both call them with their manager.
import type { EntityManager } from 'typeorm';
import { ConflictError } from '@homecare/common';
import {
  PublishedAssignment,
  RosterPlan,
  RosterPlanAssignment,
  RosterPlanEvent,
  RosterPlanVersion,
  type RosterPlanFlag,
  type RosterPlanStatus,
  type RosterPlanVersionKind,
} from '@homecare/database';
import { availabilityFlags, changesBetween, type PlanPeriod, type PlanRow } from './plan-rules';

/** Who acted: a user, as a member when they acted as one; null for the system. */
export interface PlanActor {
  userId: string;
  caregiverId: string | null;
  name: string | null;
}

export const etagOf = (revision: number): string => `"r${revision}"`;

/**
 * The worker's claim of a computed version: the plan's pending computation cleared and its
 * revision moved on, only while that computation is still the one the plan waits for.
 */
export async function claimComputedVersion(
  manager: EntityManager,
  planId: string,
  rosterId: string,
): Promise<boolean> {
  const claimed: unknown[] = await manager.query(
    `UPDATE roster_plan SET revision = revision + 1, pending_roster_id = NULL, updated_at = now()
      WHERE id = $1 AND pending_roster_id = $2 RETURNING id`,
    [planId, rosterId],
  );
  return affectedRows(claimed) > 0;
}

/** UPDATE ... RETURNING through TypeORM's postgres driver gives [rows, count]. */
export function affectedRows(result: unknown[]): number {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return result.length;
}

/** 409 with what the caller needs to catch up: the current revision, its ETag and version. */
export async function staleError(
  manager: EntityManager,
  planId: string,
  expected: number,
): Promise<ConflictError> {
  const plan = await manager.findOneBy(RosterPlan, { id: planId });
  return new ConflictError(
    `The plan changed since you read it (you sent revision ${expected}, it is now at ${plan?.revision ?? '?'}). Reload it and try again.`,
    {
      code: 'plan.stale-revision',
      currentRevision: plan?.revision ?? null,
      etag: plan ? etagOf(plan.revision) : null,
      currentVersion: plan?.currentVersion ?? null,
      planStatus: plan?.status ?? null,
    },
  );
}

/** A `roster_plan_assignment` row as the plan reads select it: arrays as JSON, instants as epoch ms. */
export interface AssignmentRecord {
  visit_id: string;
  caregiver_ids: string[];
  start_ms: number | null;
  end_ms: number | null;
  pinned: boolean;
  explanation: string[];
}

/**
 * The rows of a version (only those of one caregiver, with `caregiverId`), in plain SQL with its
 * arrays as JSON and its instants as epoch milliseconds: entity mapping and pg's parsing of arrays
 * and timestamps (in JavaScript, character by character) were most of a plan read's cost.
 */
export async function rowsOfVersion(
  manager: EntityManager,
  planId: string,
  number: number,
  caregiverId?: string,
): Promise<PlanRow[]> {
  if (number <= 0) return [];
  const rows: (AssignmentRecord & { flags: RosterPlanFlag[] })[] = await manager.query(
    `SELECT a.visit_id, to_json(a.caregiver_ids) AS caregiver_ids,
            (extract(epoch FROM a.start) * 1000)::float8 AS start_ms,
            (extract(epoch FROM a."end") * 1000)::float8 AS end_ms,
            a.pinned, to_json(a.explanation) AS explanation, a.flags
       FROM roster_plan_assignment a JOIN roster_plan_version v ON v.id = a.version_id
      WHERE v.plan_id = $1 AND v.number = $2 ${caregiverId ? 'AND $3 = ANY(a.caregiver_ids)' : ''}
      ORDER BY a.start ASC NULLS LAST, a.visit_id ASC`,
    caregiverId ? [planId, number, caregiverId] : [planId, number],
  );
  return rows.map((row) => ({
    visitId: row.visit_id,
    caregiverIds: row.caregiver_ids,
    start: row.start_ms === null ? null : new Date(row.start_ms),
    end: row.end_ms === null ? null : new Date(row.end_ms),
    pinned: row.pinned,
    explanation: row.explanation,
    flags: row.flags,
  }));
}

export async function recordEvent(
  manager: EntityManager,
  plan: Pick<RosterPlan, 'id' | 'revision'>,
  actor: PlanActor | null,
  kind: string,
  summary: string,
  before: Record<string, unknown> | null = null,
  after: Record<string, unknown> | null = null,
): Promise<void> {
  await manager.insert(RosterPlanEvent, {
    planId: plan.id,
    kind,
    actorUserId: actor?.userId ?? null,
    actorCaregiverId: actor?.caregiverId ?? null,
    revision: plan.revision,
    // TypeORM's deep-partial typing cannot see through Record<string, unknown> for jsonb.
    before: before as never,
    after: after as never,
    summary,
  });
}

export interface StoredVersion {
  number: number;
  changedCount: number;
  /** Objections the version answered (their members are told). */
  resolvedObjections: { caregiverId: string; visitId: string }[];
}

export interface NewVersion {
  kind: RosterPlanVersionKind;
  reason: string;
  rows: PlanRow[];
  before: PlanRow[];
  rosterId?: string | null;
  kpis?: Record<string, unknown> | null;
}

/**
 * Stores the next version of the plan (the caller holds the plan's row through its compare-and-set
 * and has bumped the revision). Also: availability flags on the new rows, objections the version
 * answers resolved, offers it overtook voided, and an agreed plan back in review (a new version
 * needs consent again).
 */
export async function storeVersion(
  manager: EntityManager,
  plan: RosterPlan,
  period: PlanPeriod,
  actor: PlanActor | null,
  input: NewVersion,
): Promise<StoredVersion> {
  const number = plan.currentVersion + 1;
  const flags = availabilityFlags(period, input.rows);
  const rows = input.rows.map((row) => ({ ...row, flags: flags.get(row.visitId) ?? [] }));
  const changes = changesBetween(input.before, rows, input.reason);
  const inserted = await manager.insert(RosterPlanVersion, {
    planId: plan.id,
    number,
    kind: input.kind,
    basedOn: plan.currentVersion > 0 ? plan.currentVersion : null,
    rosterId: input.rosterId ?? null,
    reason: input.reason,
    createdBy: actor?.userId ?? null,
    changes,
    changedCount: changes.length,
    kpis: (input.kpis ?? null) as never,
  });
  const versionId = (inserted.identifiers[0] as { id: string }).id;
  for (let index = 0; index < rows.length; index += 1000) {
    const chunk = rows.slice(index, index + 1000);
    if (chunk.length === 0) continue;
    await manager.insert(
      RosterPlanAssignment,
      chunk.map((row) => ({
        versionId,
        visitId: row.visitId,
        caregiverIds: row.caregiverIds,
        start: row.start,
        end: row.end,
        pinned: row.pinned,
        explanation: row.explanation,
        flags: row.flags,
      })),
    );
  }
  const status: RosterPlanStatus = plan.status === 'agreed' ? 'in-review' : plan.status;
  await manager.update(
    RosterPlan,
    { id: plan.id },
    { currentVersion: number, status, ...(status !== plan.status ? { agreedAt: null } : {}) },
  );
  if (status !== plan.status)
    await recordEvent(
      manager,
      plan,
      actor,
      'reopened',
      `version ${number} needs everyone's consent again`,
      {
        status: plan.status,
      },
      { status },
    );
  plan.currentVersion = number;
  plan.status = status;

  // Objections the new version answers: the objecting member no longer has that visit.
  const holders = new Map(rows.map((row) => [row.visitId, new Set(row.caregiverIds)]));
  const open: { id: string; visit_id: string; caregiver_id: string }[] = await manager.query(
    `SELECT id, visit_id, caregiver_id FROM roster_plan_objection WHERE plan_id = $1 AND status = 'open'`,
    [plan.id],
  );
  const answered = open.filter((objection) => !holders.get(objection.visit_id)?.has(objection.caregiver_id));
  if (answered.length > 0) {
    await manager.query(
      `UPDATE roster_plan_objection SET status = 'resolved', resolved_in_version = $2, closed_at = now() WHERE id = ANY($1::uuid[])`,
      [answered.map((objection) => objection.id), number],
    );
    await recordEvent(
      manager,
      plan,
      actor,
      'objections-resolved',
      `version ${number} answers ${answered.length} objection(s)`,
      null,
      {
        objectionIds: answered.map((objection) => objection.id),
      },
    );
  }
  // Offers overtaken by the version: the visit (or the one in exchange) changed hands.
  const offers: {
    id: string;
    visit_id: string;
    from_caregiver_id: string;
    to_caregiver_id: string | null;
    exchange_visit_id: string | null;
  }[] = await manager.query(
    `SELECT id, visit_id, from_caregiver_id, to_caregiver_id, exchange_visit_id FROM roster_plan_offer WHERE plan_id = $1 AND status = 'open'`,
    [plan.id],
  );
  const overtaken = offers.filter(
    (offer) =>
      !holders.get(offer.visit_id)?.has(offer.from_caregiver_id) ||
      (offer.exchange_visit_id !== null &&
        !holders.get(offer.exchange_visit_id)?.has(offer.to_caregiver_id ?? '')),
  );
  if (overtaken.length > 0)
    await manager.query(
      `UPDATE roster_plan_offer SET status = 'void', closed_at = now() WHERE id = ANY($1::uuid[])`,
      [overtaken.map((offer) => offer.id)],
    );
  return {
    number,
    changedCount: changes.length,
    resolvedObjections: answered.map((objection) => ({
      caregiverId: objection.caregiver_id,
      visitId: objection.visit_id,
    })),
  };
}

/** Visit -> client, for published rows. */
async function clientsOf(manager: EntityManager, visitIds: string[]): Promise<Map<string, string>> {
  const rows: { id: string; client_id: string }[] = await manager.query(
    'SELECT id, client_id FROM visit WHERE id = ANY($1::uuid[])',
    [visitIds],
  );
  return new Map(rows.map((row) => [row.id, row.client_id]));
}

/**
 * Makes the version the published roster: rows that stay the same are kept, the others are marked
 * removed (kept for "what changed since") and the new ones inserted, removals first, so that the
 * exclusion constraint only ever sees the roster as it will be.
 */
export async function publishRows(
  manager: EntityManager,
  plan: RosterPlan,
  number: number,
  rows: PlanRow[],
): Promise<void> {
  const live: { id: string; visit_id: string; caregiver_id: string; starts_at: Date; ends_at: Date }[] =
    await manager.query(
      'SELECT id, visit_id, caregiver_id, starts_at, ends_at FROM published_assignment WHERE plan_id = $1 AND removed_at IS NULL',
      [plan.id],
    );
  const keyOf = (visitId: string, caregiverId: string, start: Date, end: Date) =>
    `${visitId}|${caregiverId}|${start.getTime()}|${end.getTime()}`;
  const wanted = new Map<string, { visitId: string; caregiverId: string; start: Date; end: Date }>();
  for (const row of rows)
    if (row.start && row.end)
      for (const caregiverId of row.caregiverIds)
        wanted.set(keyOf(row.visitId, caregiverId, row.start, row.end), {
          visitId: row.visitId,
          caregiverId,
          start: row.start,
          end: row.end,
        });
  const liveKeys = new Set<string>();
  const removed: string[] = [];
  for (const row of live) {
    const key = keyOf(row.visit_id, row.caregiver_id, new Date(row.starts_at), new Date(row.ends_at));
    liveKeys.add(key);
    if (!wanted.has(key)) removed.push(row.id);
  }
  if (removed.length > 0)
    await manager.query(
      'UPDATE published_assignment SET removed_at = now(), changed_at = now() WHERE id = ANY($1::uuid[])',
      [removed],
    );
  const added = [...wanted.entries()].filter(([key]) => !liveKeys.has(key)).map(([, value]) => value);
  if (added.length === 0) return;
  const clients = await clientsOf(manager, [...new Set(added.map((row) => row.visitId))]);
  for (let index = 0; index < added.length; index += 1000)
    await manager
      .createQueryBuilder()
      .insert()
      .into(PublishedAssignment)
      .values(
        added.slice(index, index + 1000).map((row) => ({
          planId: plan.id,
          version: number,
          teamId: plan.teamId,
          clientId: clients.get(row.visitId),
          visitId: row.visitId,
          caregiverId: row.caregiverId,
          startsAt: row.start,
          endsAt: row.end,
        })),
      )
      .execute();
}
