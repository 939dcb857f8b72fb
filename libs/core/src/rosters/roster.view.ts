// What the API shows of roster computations. Classes in a `.view.ts` file: the swagger CLI plugin
// documents them from their types.
import type { RosterStatus, RosterUnassignedVisit } from '@homecare/database';
import type { RosterKpis } from '@homecare/scenario';
import { DateTimeString } from '../shared';
import { PageOf } from '../shared';

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
  explanation: string[];
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
  unassigned?: RosterUnassignedVisit[];
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
