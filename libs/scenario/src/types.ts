// The project's interchange formats, exactly as ../shared/spec/scenario-format.md defines them.
// Times are local wall-clock strings `YYYY-MM-DDTHH:mm` in the scenario's IANA zone; rosters may
// also use ISO 8601 with an offset or `Z`.
import type { RosterReason } from './roster-reasons';

import type { RosterKpis } from './roster-kpis.view';

export const SCENARIO_FORMAT = 'homecare-scenario/v1';
export const ROSTER_FORMAT = 'homecare-roster/v1';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface TimeWindow {
  start: string;
  end: string;
}

/** A caregiver's soft wish: rather not work (`avoid`) or rather work (`prefer`) between two local times. */
export interface CaregiverWish {
  start: string;
  end: string;
  kind: 'avoid' | 'prefer';
}

export const WISH_KINDS = ['avoid', 'prefer'] as const;

/** `critical`: must not be left out while any roster could cover it; `optional` may go first. */
export type VisitPriority = 'critical' | 'normal' | 'optional';
export const VISIT_PRIORITIES = ['critical', 'normal', 'optional'] as const;

/** Working-time rules of the team's organisation; an absent field is not checked. */
export interface WorkingTimeRules {
  /** rest between the last end of one working day and the first start of the next date's */
  minRestMinutes?: number;
  /** at most this many consecutive local dates with visits */
  maxConsecutiveDays?: number;
}

export interface ScenarioCaregiver {
  id: string;
  name?: string;
  skills: string[];
  maxMinutesPerWeek: number;
  maxMinutesPerDay?: number | null;
  speedKmh?: number | null;
  availability: TimeWindow[];
  wishes?: CaregiverWish[];
  [extra: string]: unknown;
}

export interface ScenarioClient {
  id: string;
  name?: string;
  location: LatLon;
  preferredCaregivers?: string[];
  excludedCaregivers?: string[];
  /** caregiverId -> number of earlier visits: who already knows this client */
  history?: Record<string, number>;
  [extra: string]: unknown;
}

export interface ScenarioVisit {
  id: string;
  clientId: string;
  earliestStart: string;
  latestEnd: string;
  durationMinutes: number;
  requiredSkills?: string[];
  /** 1 by default; 2 for a double-up visit (both caregivers start together) */
  caregiversNeeded?: number;
  /** `normal` when absent */
  priority?: VisitPriority;
  [extra: string]: unknown;
}

export interface ScenarioPin {
  visitId: string;
  caregiverIds: string[];
  start?: string;
}

export interface TravelSettings {
  speedKmh?: number;
  detourFactor?: number;
}

export interface ScenarioDocument {
  format: typeof SCENARIO_FORMAT;
  name?: string;
  timezone: string;
  period: { start: string; end: string };
  travel?: TravelSettings;
  caregivers: ScenarioCaregiver[];
  clients: ScenarioClient[];
  visits: ScenarioVisit[];
  pinned?: ScenarioPin[];
  rules?: WorkingTimeRules;
  [extra: string]: unknown;
}

export interface RosterAssignment {
  visitId: string;
  caregiverIds: string[];
  start: string;
  /** why these caregivers, in English (not part of the spec; readers ignore unknown fields) */
  explanation?: string[];
  /** the same as codes with parameters, for readers that word them in their own language */
  explanationCodes?: RosterReason[];
  [extra: string]: unknown;
}

export interface RosterUnassigned {
  visitId: string;
  /** in English */
  reason: string;
  /** the same as a code with parameters (not part of the spec) */
  reasonCode?: RosterReason;
  [extra: string]: unknown;
}

// A class, in a `.view.ts` file, so that the API's OpenAPI plugin documents it where it is shown.
export { RosterKpis } from './roster-kpis.view';

export interface RosterDocument {
  format: typeof ROSTER_FORMAT;
  assignments: RosterAssignment[];
  unassigned: RosterUnassigned[];
  kpis?: Partial<RosterKpis> & Record<string, unknown>;
  [extra: string]: unknown;
}

/** One problem found in a document, located by a JSON path such as `$.visits[3].clientId`. */
export interface ScenarioProblem {
  path: string;
  message: string;
}
