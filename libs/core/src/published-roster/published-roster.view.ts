// What the API shows of the published roster (classes in a `.view.ts` file: the swagger CLI
// plugin documents them from their types).
import type { VisitStatus } from '@homecare/database';
import { DateTimeString } from '../shared';

export class PublishedVisit {
  visitId: string;
  clientId: string;
  teamId: string;
  planId: string;
  version: number;
  caregiverIds: string[];
  /** ISO 8601 instants. */
  @DateTimeString()
  plannedStart: string;
  @DateTimeString()
  plannedEnd: string;
  /** The visit's own status. */
  status: VisitStatus;
}

/** Who goes and when, as published at one moment. */
export class PublishedState {
  caregiverIds: string[];
  @DateTimeString()
  plannedStart: string;
  @DateTimeString()
  plannedEnd: string;
}

export class PublishedChange {
  visitId: string;
  clientId: string;
  /** As it was published at `since`; null when it was not published then. */
  before: PublishedState | null;
  /** As it is published now; null when it no longer is. */
  after: PublishedState | null;
  @DateTimeString()
  changedAt: string;
}

/** A team's published roster for a period, and what changed since `since` when it was asked. */
export class PublishedRosterView {
  visits: PublishedVisit[];
  changedSince?: PublishedChange[];
}
