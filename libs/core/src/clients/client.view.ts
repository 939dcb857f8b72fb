// What the API shows of clients. Classes in a `.view.ts` file: the swagger CLI plugin documents
// them from their types.
import { Client } from '@homecare/database';
import { PageOf } from '../shared';

export class ClientHistoryEntry {
  caregiverId: string;
  /** Visits this caregiver made to the client before (imported, plus those this system knows). */
  visits: number;
}

export class ClientWithHistory extends Client {
  history: ClientHistoryEntry[];
}

export class ClientHistoryView {
  history: ClientHistoryEntry[];
}

export class ClientPage extends PageOf(Client) {}
