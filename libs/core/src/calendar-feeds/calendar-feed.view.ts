// What the API shows of calendar feeds. Classes in a `.view.ts` file: the swagger CLI plugin
// documents them from their types.
import type { CalendarFeedKind } from '@homecare/database';
import { DateTimeString } from '../shared';

export class CalendarFeedView {
  id: string;
  kind: CalendarFeedKind;
  /** What its owner called it when making it; null for links made without a name. */
  name: string | null;
  clientId: string | null;
  caregiverId: string | null;
  @DateTimeString()
  createdAt: string;
  @DateTimeString()
  lastFetchedAt: string | null;
  @DateTimeString()
  revokedAt: string | null;
}

/** A created feed: the token (and the path that holds it) is shown this once; it is stored hashed. */
export class CreatedCalendarFeed extends CalendarFeedView {
  token: string;
  path: string;
}

/** A created feed as the API answers it: with the whole URL to subscribe to. */
export class CalendarFeedLink extends CreatedCalendarFeed {
  url: string;
}

export class CalendarFeedList {
  items: CalendarFeedView[];
}
