// What the API shows of a caregiver's day. Classes in a `.view.ts` file: the swagger CLI plugin
// documents them from their types.
import type { VisitStatus } from '@homecare/database';
import { DateTimeString } from '../shared';

/** The caregiver's own check-in of a visit, as recorded (the tap), before any correction. */
export class MyDayCheckInView {
  checkInId: string;
  @DateTimeString()
  checkedInAt: string;
  @DateTimeString()
  checkedOutAt: string | null;
}

export class MyDayVisitView {
  visitId: string;
  /** The published plan this visit belongs to (for a sick call: POST /roster-plans/{planId}/amendments). */
  planId: string;
  teamId: string;
  clientId: string;
  clientName: string;
  address: string;
  latitude: number;
  longitude: number;
  /** What to do: the care need's description; null for a one-off visit. */
  careNeed: string | null;
  @DateTimeString()
  plannedStart: string;
  @DateTimeString()
  plannedEnd: string;
  /** The window agreed with the client. */
  @DateTimeString()
  windowStart: string;
  @DateTimeString()
  windowEnd: string;
  /** First names of the colleagues on the same visit (a double-up); empty when alone. */
  partners: string[];
  status: VisitStatus;
  checkIn: MyDayCheckInView | null;
  /** Minutes of travel from this client to the next visit's, as the roster counts it; null for the last. */
  travelToNextMinutes: number | null;
}

/** A caregiver's published visits of one local day, in order. */
export class MyDayView {
  /** The local date, in the team's zone. */
  date: string;
  timezone: string;
  visits: MyDayVisitView[];
}

/** Who was told that the caregiver is running late. */
export class RunningLateView {
  visitId: string;
  minutes: number;
  /** How many people were told (the client's family and the team, not the caregiver). */
  told: number;
}
