// What the API shows of visits. Classes in a `.view.ts` file: the swagger CLI plugin documents
// them from their types.
import { ApiProperty } from '@nestjs/swagger';
import type { VisitPriorityValue, VisitStatus } from '@homecare/database';
import { DateTimeString } from '../shared';
import { PageOf } from '../shared';

/** A visit as the API shows it: instants both as ISO (UTC) and as local wall-clock time of the team. */
export class VisitView {
  id: string;
  teamId: string;
  clientId: string;
  careNeedId: string | null;
  /** Local date of the visit (for a generated visit: the occurrence of its care need). */
  date: string;
  @DateTimeString()
  earliestStart: string;
  @DateTimeString()
  latestEnd: string;
  earliestStartLocal: string;
  latestEndLocal: string;
  timezone: string;
  durationMinutes: number;
  requiredSkills: string[];
  caregiversNeeded: number;
  /** In effect: the visit's own priority, else its care need's, else normal. */
  @ApiProperty({ enum: ['critical', 'normal', 'optional'] })
  priority: VisitPriorityValue;
  /** Set on the visit itself; null: it follows its care need. */
  @ApiProperty({ enum: ['critical', 'normal', 'optional'], nullable: true, type: String })
  ownPriority: VisitPriorityValue | null;
  status: VisitStatus;
  detached: boolean;
  externalRef: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class VisitPage extends PageOf(VisitView) {}

export class GenerationResult {
  created: number;
  updated: number;
  unchanged: number;
  cancelled: number;
}
