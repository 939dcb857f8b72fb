// What the API shows of check-ins. Classes in a `.view.ts` file: the swagger CLI plugin documents
// them from their types.
import type { CheckInField } from '@homecare/database';
import { DateTimeString } from '../shared';

export class CorrectionView {
  id: string;
  checkInId: string;
  field: CheckInField;
  @DateTimeString()
  originalValue: string | null;
  @DateTimeString()
  correctedValue: string;
  reason: string;
  correctedBy: string;
  @DateTimeString()
  createdAt: string;
}

export class LocationView {
  latitude: number;
  longitude: number;
}

/** The check-in times after corrections (the latest of each field wins). */
export class EffectiveTimesView {
  @DateTimeString()
  checkedInAt: string;
  @DateTimeString()
  checkedOutAt: string | null;
}

export class CheckInView {
  id: string;
  visitId: string;
  caregiverId: string;
  /** As recorded. */
  @DateTimeString()
  checkedInAt: string;
  @DateTimeString()
  checkedOutAt: string | null;
  location: LocationView | null;
  checkOutLocation: LocationView | null;
  /** As they stand after corrections (the latest of each field wins). */
  effective: EffectiveTimesView;
  corrections: CorrectionView[];
  @DateTimeString()
  createdAt: string;
  @DateTimeString()
  updatedAt: string;
}
