// What the API shows of a client's access log, access links and erasure. Classes in a `.view.ts` file: the swagger CLI plugin documents
// them from their types.
import { DateTimeString } from '../shared';
import { PageOf } from '../shared';

export class AccessLogView {
  id: string;
  userId: string | null;
  clientId: string;
  action: string;
  route: string;
  @DateTimeString()
  at: string;
}

export class AccessLogPage extends PageOf(AccessLogView) {}

export class ClientAccessLinkView {
  id: string;
  userId: string;
  clientId: string;
  relation: string;
  @DateTimeString()
  createdAt: string;
  @DateTimeString()
  revokedAt: string | null;
}

export class ClientAccessLinkList {
  items: ClientAccessLinkView[];
}

export class ErasureResult {
  clientId: string;
  @DateTimeString()
  erasedAt: string;
  careNeedsRemoved: number;
  futureVisitsCancelled: number;
  accessLinksRevoked: number;
  invitationsRevoked: number;
  /** Check-ins at the client's visits whose GPS position (the client's door) was removed. */
  checkInPositionsRemoved: number;
  /** Calendar feeds of the client (a family's, a coordinator's), deleted: their links stop answering. */
  calendarFeedsRemoved: number;
  /** Computations still to run whose stored input named the client, scrubbed like the client itself. */
  pendingRosterInputsScrubbed: number;
}
