import type { RosterDocument, RosterKpis } from '@homecare/scenario';

/**
 * Weights of the solver's objective. The defaults keep a strict order:
 * critical coverage >> coverage >> stability (change) >> continuity (distinct caregivers, preferred,
 * history) >> caregivers' wishes >> fair weekends and evenings >> travel >> fairness of workload.
 */
export interface ObjectiveWeights {
  /** per critical visit left unassigned, on top of unassignedVisit: critical coverage comes first */
  unassignedCritical: number;
  /** per visit left unassigned */
  unassignedVisit: number;
  /** taken off unassignedVisit for an optional visit: of two visits that cannot both go, the optional one gives way */
  optionalVisitDiscount: number;
  /** per different caregiver a client sees in the period */
  distinctCaregiver: number;
  /**
   * taken off distinctCaregiver for a caregiver the client already knows, in proportion to their
   * share of the client's history (their count ÷ that of the client's most-seen caregiver): someone
   * from the last weeks is not a new face, so over several weeks the client keeps the same few people
   */
  familiarCaregiver: number;
  /** per visit slot served by someone the client did not prefer (clients with preferences only) */
  nonPreferred: number;
  /**
   * per visit slot served by someone without history with the client (clients with history only);
   * someone with some history counts in part: 1 − their count ÷ that of the client's most-seen caregiver
   */
  unknownToClient: number;
  /** per visit minute inside the caregiver's `avoid` wishes */
  avoidWishMinute: number;
  /** taken off per visit minute inside the caregiver's `prefer` wishes */
  preferWishMinute: number;
  /** times the sum over caregivers of (visit minutes on weekends or from 18:00 / maxMinutesPerWeek)^2 */
  unsocialFairness: number;
  /** per paid travel minute */
  travelMinute: number;
  /** times the sum over caregivers of (worked / maxMinutesPerWeek)^2: lower means a fairer spread */
  fairness: number;
  /** per visit whose caregivers differ from the previous roster (only with `previousRoster`) */
  change: number;
}

export const DEFAULT_WEIGHTS: ObjectiveWeights = Object.freeze({
  unassignedCritical: 100_000_000,
  unassignedVisit: 1_000_000,
  optionalVisitDiscount: 10_000,
  change: 5_000,
  distinctCaregiver: 1_000,
  familiarCaregiver: 900,
  nonPreferred: 10,
  unknownToClient: 100,
  avoidWishMinute: 8,
  preferWishMinute: 1,
  unsocialFairness: 20_000,
  travelMinute: 1,
  fairness: 200,
});

export interface SolveProgress {
  elapsedMs: number;
  iteration: number;
  /** 0..1 of the time budget (or of maxIterations when that bounds the search) */
  fraction: number;
  best: RosterKpis;
}

export interface ForbiddenPair {
  visitId: string;
  caregiverId: string;
}

export interface SolveOptions {
  /** time budget in milliseconds; default 5000 */
  timeLimitMs?: number;
  /** seed of the solver's own random generator; default 1 */
  seed?: number;
  /**
   * Stop after this many improvement iterations. The clock only decides when to stop, so runs of one
   * scenario with the same options and seed that stop after the same number of iterations return the
   * same roster: with `maxIterations` reached inside the time budget the result is reproducible.
   */
  maxIterations?: number;
  weights?: Partial<ObjectiveWeights>;
  /** stability: change as few assignments of this roster as possible */
  previousRoster?: RosterDocument;
  /** e.g. objections: never give this caregiver this visit */
  forbidden?: ForbiddenPair[];
  onProgress?: (progress: SolveProgress) => void;
  signal?: AbortSignal;
}

export interface SolveStats {
  firstValidMs: number;
  elapsedMs: number;
  iterations: number;
  changedFromPrevious?: number;
  cancelled: boolean;
}

export interface SolveResult {
  roster: RosterDocument;
  kpis: RosterKpis;
  stats: SolveStats;
}

export interface RosterViolation {
  rule: string;
  visitId?: string;
  caregiverId?: string;
  message: string;
  /**
   * What the message says, as data (local times, minutes, skills; never ids), so that a client can
   * word the problem in its own language and an API can name people instead of ids.
   */
  params?: Record<string, string | number>;
}

export interface RosterCheckResult {
  valid: boolean;
  violations: RosterViolation[];
  kpis: RosterKpis;
}
