// What the API shows of roster computations. Classes in a `.view.ts` file: the swagger CLI plugin
// documents them from their types.
import type { RosterStatus } from '@homecare/database';
import type { RosterKpis } from '@homecare/scenario';
import { DateTimeString } from '../shared';
import { PageOf, RosterReasonView } from '../shared';

export class RosterRequestResult {
  rosterId: string;
  jobId: string;
  status: RosterStatus;
  /** false when an identical pending computation was joined instead. */
  created: boolean;
}

export class RosterAssignmentView {
  visitId: string;
  scenarioVisitId: string;
  caregiverIds: string[];
  scenarioCaregiverIds: string[];
  /** ISO 8601 instant */
  @DateTimeString()
  start: string;
  /** local wall-clock time in the team's zone */
  startLocal: string;
  /** Why these caregivers, in the reader's language (Accept-Language; Dutch when none is given). */
  explanation: string[];
  /** The same as codes with parameters. */
  explanationCodes: RosterReasonView[];
}

/** A visit the proposal leaves open, with a reason the team can act on. */
export class RosterUnassignedView {
  visitId: string;
  /** The visit's id in the team's scenario export (external reference, else the database id). */
  scenarioVisitId: string;
  /** In the reader's language (Accept-Language; Dutch when none is given). */
  reason: string;
  /** The same as a code with parameters (absent for proposals stored before the codes). */
  reasonCode?: RosterReasonView;
}

export class RosterSummary {
  id: string;
  teamId: string;
  runId: string | null;
  periodStart: string;
  periodEnd: string;
  timeLimitMs: number;
  seed: number;
  jobId: string;
  status: RosterStatus;
  progress: number;
  /** The best KPIs so far, while the computation runs. */
  bestKpis: RosterKpis | null;
  kpis: RosterKpis | null;
  failureReason: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export class RosterSummaryPage extends PageOf(RosterSummary) {}

export class RosterView extends RosterSummary {
  /** The solver's own statistics (iterations, moves, timings); free-form. */
  stats: Record<string, unknown> | null;
  assignments?: RosterAssignmentView[];
  unassigned?: RosterUnassignedView[];
}

/** One team's part of an organisation-wide run. */
export class RosterRunTeamView {
  teamId: string;
  teamName: string | null;
  rosterId: string | null;
  status: RosterStatus;
  progress: number;
  kpis: RosterKpis | null;
  failureReason: string | null;
}

export class RosterRunView {
  id: string;
  organisationId: string;
  periodStart: string;
  periodEnd: string;
  timeLimitMs: number;
  status: RosterStatus;
  counts: Record<RosterStatus, number>;
  createdAt: Date;
  finishedAt: Date | null;
  teams: RosterRunTeamView[];
}
