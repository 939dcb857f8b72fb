// What the API shows of a client's continuity (classes in a `.view.ts` file: the swagger CLI
// plugin documents them from their types).
import { ApiProperty } from '@nestjs/swagger';

/** One caregiver who knows the client. */
export class CaregiverContinuityView {
  caregiverId: string;
  firstName: string;
  lastName: string;
  /** Their visits to the client in the published roster, in the window before now. */
  publishedVisits: number;
  /** Their check-ins at the client's visits in the window. */
  checkedInVisits: number;
  /** Visits before this system (imported or set by hand). */
  importedVisits: number;
  /** Their latest visit in the window that counts (checked in, or as published); null: none. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastVisitAt: string | null;
  /** The local date of that visit in the team's zone. */
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-23' })
  lastVisitDate: string | null;
  /** What the roster engine's history carries for them: imported plus recent visits, weighted. */
  weight: number;
}

/** Who knows this client: the history the next roster is computed with. */
export class ClientContinuityView {
  clientId: string;
  /** Weeks before now that count (the organisation's `continuityWindowWeeks`). */
  windowWeeks: number;
  /** Different caregivers who came in the last 4 weeks. */
  distinctCaregiversLast4Weeks: number;
  /** The ones who weigh most first. */
  caregivers: CaregiverContinuityView[];
}
