// What the API shows of a negotiation. Classes (not interfaces) in a `.view.ts` file: the swagger
// CLI plugin documents them from their types, so the OpenAPI document cannot drift from them.
import type {
  AmendmentStatus,
  ObjectionStatus,
  OfferStatus,
  RosterPlanChange,
  RosterPlanFlag,
  RosterPlanStatus,
  RosterPlanVersionKind,
  RosterStatus,
} from '@homecare/database';
import type { RosterKpis } from '@homecare/scenario';
import { PageOf } from '../shared/page-of';
import { DateTimeString } from '../shared/date-time-string';
import { RosterReasonView } from '../shared';

/** One visit of a version: who goes, when, and why. */
export class PlanAssignmentView {
  visitId: string;
  clientId: string | null;
  caregiverIds: string[];
  /** ISO 8601 instant; null while the visit is unassigned. */
  @DateTimeString()
  start: string | null;
  @DateTimeString()
  end: string | null;
  /** Local `YYYY-MM-DDTHH:mm` in the team's zone. */
  startLocal: string | null;
  pinned: boolean;
  flags: RosterPlanFlag[];
  /** Why these caregivers (or why none), in the reader's language (Accept-Language; Dutch when none is given). */
  explanation: string[];
  /** The same as codes with parameters (lines written before the codes have none). */
  explanationCodes: RosterReasonView[];
}

/** A plan as the team's list shows it. */
export class PlanSummaryView {
  id: string;
  teamId: string;
  /** Local date `YYYY-MM-DD`. */
  periodStart: string;
  periodEnd: string;
  status: RosterPlanStatus;
  revision: number;
  /** The plan's ETag (`"r3"`): If-Match of every write. */
  etag: string;
  currentVersion: number;
  publishedVersion: number | null;
  createdAt: Date;
}

export class PlanSummaryPage extends PageOf(PlanSummaryView) {}

/** The computation a plan waits for (its first proposal, a recompute or an amendment). */
export class PlanComputationView {
  rosterId: string;
  status: RosterStatus;
  failureReason: string | null;
}

export class PlanMemberView {
  caregiverId: string;
  /** First name. */
  name: string;
  /** Consented to the current version. */
  consented: boolean;
}

export class PlanObjectionView {
  id: string;
  version: number;
  visitId: string;
  caregiverId: string;
  reason: string;
  status: ObjectionStatus;
  createdAt: Date;
}

export class PlanOfferView {
  id: string;
  version: number;
  visitId: string;
  fromCaregiverId: string;
  /** null: offered to anyone in the team. */
  toCaregiverId: string | null;
  /** A visit of the receiver given in exchange, if any. */
  exchangeVisitId: string | null;
  note: string | null;
  status: OfferStatus;
  createdAt: Date;
}

/** The plan with its current version, members and their consent, open objections and offers. */
export class PlanView extends PlanSummaryView {
  reviewDeadline: Date | null;
  agreedAt: Date | null;
  publishedAt: Date | null;
  computation: PlanComputationView | null;
  members: PlanMemberView[];
  /** Open objections. */
  objections: PlanObjectionView[];
  /** Open offers. */
  offers: PlanOfferView[];
  /** Assignments of the current version with at least one flag. */
  flaggedCount: number;
  kpis: RosterKpis | null;
  assignments: PlanAssignmentView[];
}

/** What the version list and one version have in common. */
class PlanVersionBase {
  number: number;
  kind: RosterPlanVersionKind;
  /** The version it was made from. */
  basedOn: number | null;
  reason: string;
  createdAt: Date;
  /** Assignments changed from the version before. */
  changedCount: number;
  kpis: RosterKpis | null;
}

export class PlanVersionSummaryView extends PlanVersionBase {
  /** User id. */
  createdBy: string | null;
  rosterId: string | null;
}

export class PlanVersionView extends PlanVersionBase {
  changes: RosterPlanChange[];
  assignments: PlanAssignmentView[];
}

/** A version that changed a visit between the two compared. */
export class PlanDiffReasonView {
  version: number;
  kind: RosterPlanVersionKind;
  reason: string;
}

/** Who went, and when, in one of the two versions (no caregivers and no start: unassigned there). */
export class PlanDiffStateView {
  caregiverIds: string[];
  start: string | null;
}

export class PlanDiffChangeView {
  visitId: string;
  before: PlanDiffStateView;
  after: PlanDiffStateView;
  why: PlanDiffReasonView[];
  flags: RosterPlanFlag[];
}

export class PlanFlaggedVisitView {
  visitId: string;
  caregiverIds: string[];
  flags: RosterPlanFlag[];
}

export class PlanDiffView {
  from: number;
  to: number;
  changedCount: number;
  /** Changes whose caregivers differ: they come first in `changes`. */
  caregiverChangedCount: number;
  /** Changes where only the time moved (same caregivers): they follow. */
  timeMovedCount: number;
  /** Caregiver changes first, then time moves, each group by start. */
  changes: PlanDiffChangeView[];
  /** Flagged assignments of the later version. */
  flagged: PlanFlaggedVisitView[];
}

/** One entry of a plan's trail. */
export class PlanEventView {
  id: number;
  at: Date;
  kind: string;
  /**
   * The acting user: a member of the team, or (for coordinators and administrators reading) the
   * coordinator or administrator. Caregivers see no user id of someone outside the team, only
   * `actorRole`: an administrator's id is theirs to keep.
   */
  actorUserId: string | null;
  /** The role the actor acted in; null when no person acted (the schedule, the worker). */
  actorRole: 'caregiver' | 'coordinator' | 'administrator' | null;
  actorCaregiverId: string | null;
  /** The plan's revision after the event. */
  revision: number | null;
  summary: string;
  /** What the event changed, as it was and as it became; its shape depends on `kind`. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export class PlanEventPage extends PageOf(PlanEventView) {}

export class PlanAmendmentView {
  id: string;
  caregiverId: string;
  /** The period the caregiver is away. */
  from: Date;
  to: Date;
  /** Only for the absent caregiver and coordinators (often health data); null for colleagues. */
  reason: string | null;
  exceptionId: string | null;
  rosterId: string;
  basedOnVersion: number;
  /** The version the amendment made, once published. */
  version: number | null;
  status: AmendmentStatus;
  failureReason: string | null;
  changedCount: number | null;
  affectedCaregiverIds: string[];
  confirmedBy: string[];
  awaitingConfirmation: string[];
  createdAt: Date;
}

export class PlanVersionList {
  items: PlanVersionSummaryView[];
}

export class PlanAmendmentList {
  items: PlanAmendmentView[];
}

/** Why a caregiver cannot take a visit: the engine's rule, what it found (no ids), in words. */
export class CandidateReasonView {
  /** The engine's rule: skill, availability, overlap, time-window, max-day, max-week, rest, ... */
  code: string;
  /** What the rule found: local times (`HH:mm`), dates, minutes, skills; never ids. */
  params: Record<string, unknown>;
  /** The same in plain English words, naming people rather than ids. */
  message: string;
}

/** One caregiver of the team tried on the visit. */
export class VisitCandidateView {
  caregiverId: string;
  name: string;
  /** Taking the visit breaks no rule the plan did not break already. */
  able: boolean;
  /** The start they would take it at; null when they cannot. */
  @DateTimeString()
  start: string | null;
  /** Empty when able. */
  reasons: CandidateReasonView[];
  /** The client's visits by this caregiver in the continuity window. */
  knownVisits: number;
  /** The client named this caregiver as a preferred one. */
  preferred: boolean;
}

/** What the signed-in member could do on the visit right now (each would pass). */
export class VisitCandidateActionsView {
  canClaim: boolean;
  canOffer: boolean;
}

/** Who in the team could take a visit, able ones first, then by how well the client knows them. */
export class VisitCandidatesView {
  planId: string;
  visitId: string;
  clientId: string | null;
  /** The version the answer was computed on. */
  version: number;
  /** Whose place a candidate takes (a visit with everyone it needs); null: a free place. */
  takesOverFrom: string | null;
  candidates: VisitCandidateView[];
  you: VisitCandidateActionsView;
}
