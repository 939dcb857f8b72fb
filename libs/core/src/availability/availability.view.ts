// What the API shows of availability. Classes in a `.view.ts` file: the swagger CLI plugin
// documents them from their types.
import { ApiProperty } from '@nestjs/swagger';
import { DateTimeString } from '../shared';
import { PageOf } from '../shared';

export const EXCEPTION_KINDS = ['leave', 'sick', 'appointment', 'training', 'other'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** A stored span shown both ways: local wall-clock time in the team's zone and as instants. */
export class TimeSpanView {
  /** Local `YYYY-MM-DDTHH:mm` in the team's zone. */
  start: string;
  end: string;
  @DateTimeString()
  startsAt: string;
  @DateTimeString()
  endsAt: string;
}

export class WindowView extends TimeSpanView {
  id: string;
  caregiverId: string;
}

export class WindowPage extends PageOf(WindowView) {}

export class ExceptionView extends WindowView {
  kind: ExceptionKind;
  note: string | null;
}

export class ExceptionPage extends PageOf(ExceptionView) {}

/** One weekly window: `weekday` 1 (Monday) to 7, local `HH:mm` times. */
export class PatternWindowView {
  id: string;
  weekday: number;
  start: string;
  end: string;
  validFrom: string;
  validUntil: string | null;
}

export class PatternView {
  caregiverId: string;
  timezone: string;
  validFrom: string | null;
  validUntil: string | null;
  windows: PatternWindowView[];
}

export class ExpandedWindowView extends TimeSpanView {
  source: 'window' | 'pattern';
}

export class CaregiverAvailabilityView {
  caregiverId: string;
  timezone: string;
  from: string;
  to: string;
  windows: ExpandedWindowView[];
}

/** One caregiver's expanded availability in a team's. */
export class CaregiverWindowsView {
  caregiverId: string;
  firstName: string;
  lastName: string;
  windows: ExpandedWindowView[];
}

export class TeamAvailabilityView extends PageOf(CaregiverWindowsView) {
  teamId: string;
  timezone: string;
  from: string;
  to: string;
}

/** A caregiver's soft wish: rather not work (`avoid`) or rather work (`prefer`) in this span. */
export class WishView extends TimeSpanView {
  @ApiProperty({ enum: ['avoid', 'prefer'] })
  kind: 'avoid' | 'prefer';
}

export class CaregiverWishesView {
  caregiverId: string;
  timezone: string;
  /** In start order. */
  wishes: WishView[];
}
