// The assignments of a plan view, kept between reads. A plan's view is mostly the few hundred
// assignments of its current version (about 200 KB of JSON), and every write to the negotiation
// answers it: building and serialising it again each time was most of a write's cost.
import type { RosterPlanFlag } from '@homecare/database';
import { formatScenarioTime } from '../scenarios/scenario-export.mapper';
import { minutesOf } from './plan-rules';
import { shownExplanation, type Language } from '../shared';
import type { PlanAssignmentView } from './roster-plan.view';

/**
 * What a version's row shows that never changes once the version is written: its caregivers,
 * times, pin and explanation, and its visit's client (a visit never changes client; a deleted
 * visit is told apart by the read, see AssignmentState). Flags are not here: availability
 * changes rewrite them in place.
 */
export interface AssignmentBase {
  visitId: string;
  clientId: string | null;
  caregiverIds: string[];
  start: string | null;
  end: string | null;
  startLocal: string | null;
  pinned: boolean;
  explanation: string[];
}

/** A version's row as read in full (only when its version is not kept yet). */
export interface AssignmentSource {
  visitId: string;
  clientId: string | null;
  caregiverIds: string[];
  startMs: number | null;
  endMs: number | null;
  pinned: boolean;
  explanation: string[];
}

/**
 * What may change in a version's rows after it is written, as every read gets it from Postgres
 * (JSON text, compared as is): `[[visitId, flags]...]` of its flagged rows by visit, and the
 * visits of its rows that no longer exist (deleted: shown without a client).
 */
export type AssignmentState = [flagged: [string, RosterPlanFlag[]][] | null, missing: string[] | null];

/** The assignments as shown, with their JSON: shared by every read while nothing changes. */
export interface RenderedAssignments {
  /** Frozen: one array serves many answers. */
  assignments: readonly PlanAssignmentView[];
  flaggedCount: number;
  json: Buffer;
}

interface Entry {
  timezone: string;
  base: AssignmentBase[];
  state: string | null;
  rendered: RenderedAssignments | null;
}

/** Versions kept: a week's plan of a team is about 0.5 MB here (its rows and its JSON). */
const MAX_VERSIONS = 64;

/**
 * A bounded LRU of versions by id (a version's id names one plan and number for good). A version
 * read with another team zone (its team moved) is made again, as is its rendering when its state
 * changed.
 */
export class PlanAssignmentsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = MAX_VERSIONS) {}

  /** The kept base of a version for this zone, if any (and it becomes the most recent). */
  has(versionId: string, timezone: string): boolean {
    const entry = this.entries.get(versionId);
    if (!entry || entry.timezone !== timezone) return false;
    this.entries.delete(versionId);
    this.entries.set(versionId, entry);
    return true;
  }

  /** Keeps a version's rows (read in the view's order) for a zone. */
  keep(versionId: string, timezone: string, rows: AssignmentSource[]): void {
    const base = rows.map((row) => baseOf(row, timezone));
    this.entries.delete(versionId);
    this.entries.set(versionId, { timezone, base, state: null, rendered: null });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The version's assignments in a state, worded in a language (`has` or `keep` first). */
  render(versionId: string, state: string, language: Language): RenderedAssignments {
    const entry = this.entries.get(versionId);
    if (!entry) throw new Error(`version ${versionId} is not kept`);
    const key = `${language}${state}`;
    if (entry.rendered && entry.state === key) return entry.rendered;
    entry.rendered = renderAssignments(entry.base, JSON.parse(state) as AssignmentState, language);
    entry.state = key;
    return entry.rendered;
  }

  get size(): number {
    return this.entries.size;
  }
}

function baseOf(row: AssignmentSource, timezone: string): AssignmentBase {
  const start = row.startMs === null ? null : new Date(row.startMs);
  return {
    visitId: row.visitId,
    clientId: row.clientId,
    caregiverIds: row.caregiverIds,
    start: start?.toISOString() ?? null,
    end: row.endMs === null ? null : new Date(row.endMs).toISOString(),
    startLocal: start ? formatScenarioTime(minutesOf(start), timezone) : null,
    pinned: row.pinned,
    explanation: row.explanation,
  };
}

/** The view's rows (keys in the view's order) and their JSON, once per state. */
export function renderAssignments(
  base: AssignmentBase[],
  state: AssignmentState,
  language: Language,
): RenderedAssignments {
  const flags = new Map(state[0] ?? []);
  const missing = new Set(state[1] ?? []);
  let flaggedCount = 0;
  const assignments = base.map((row) => {
    const rowFlags = flags.get(row.visitId) ?? [];
    if (rowFlags.length > 0) flaggedCount += 1;
    return deepFreeze({
      visitId: row.visitId,
      clientId: missing.has(row.visitId) ? null : row.clientId,
      caregiverIds: row.caregiverIds,
      start: row.start,
      end: row.end,
      startLocal: row.startLocal,
      pinned: row.pinned,
      flags: rowFlags,
      ...shownExplanation(row.explanation, language),
    } satisfies PlanAssignmentView);
  });
  return {
    assignments: Object.freeze(assignments),
    flaggedCount,
    json: Buffer.from(JSON.stringify(assignments)),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The JSON of rendered assignments, for answers that send a view's kept JSON as it is. */
const renderedJson = new WeakMap<object, Buffer>();

export function rememberJson(rendered: RenderedAssignments): readonly PlanAssignmentView[] {
  renderedJson.set(rendered.assignments, rendered.json);
  return rendered.assignments;
}

/**
 * A plan view as JSON, byte for byte what JSON.stringify makes of it, with its assignments (its
 * last key, about all of its size) copied from their kept JSON instead of serialised again.
 */
export function planViewJson(view: { assignments: readonly unknown[] }): Buffer {
  const kept = renderedJson.get(view.assignments);
  if (!kept) return Buffer.from(JSON.stringify(view));
  const keys = Object.keys(view);
  if (keys[keys.length - 1] !== 'assignments') return Buffer.from(JSON.stringify(view));
  const head = JSON.stringify({ ...view, assignments: undefined });
  const opening = head === '{}' ? '{"assignments":' : `${head.slice(0, -1)},"assignments":`;
  return Buffer.concat([Buffer.from(opening), kept, Buffer.from('}')]);
}
