// The project's interchange formats, exactly as ../shared/spec/scenario-format.md defines them.
// Times are local wall-clock strings `YYYY-MM-DDTHH:mm` in the scenario's IANA zone; rosters may
// also use ISO 8601 with an offset or `Z`.

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

/**
 * A hard rule that kept a caregiver from a visit, in codes and figures, so that it can be worded in
 * the team's language ("not Anna: she would have 9 h 30 rest after Tuesday's late visit"). Dates
 * are local `YYYY-MM-DD`, times local `HH:mm`, in the scenario's zone. Not part of the spec.
 */
export type RosterRuleReason = { caregiverId: string; caregiverName: string } & (
  | {
      rule: 'rest';
      /** rest the caregiver would have, and the rest the rule asks */
      restMinutes: number;
      requiredMinutes: number;
      /** the working day before the rest and the end of its last visit */
      earlierDate: string;
      earlierDayEnd: string;
      /** the working day after the rest and the start of its first visit */
      laterDate: string;
      laterDayStart: string;
      /** `late`: this visit would be the earlier day's late visit; `early`: the later day's early one */
      visitIs: 'late' | 'early';
    }
  | { rule: 'consecutive-days'; days: number; limitDays: number; firstDate: string; lastDate: string }
  | { rule: 'max-week'; workedMinutes: number; limitMinutes: number; weekStart: string }
  | { rule: 'max-day'; workedMinutes: number; limitMinutes: number; date: string }
);

export interface RosterAssignment {
  visitId: string;
  caregiverIds: string[];
  start: string;
  /** why these caregivers (not part of the spec; readers ignore unknown fields) */
  explanation?: string[];
  /** the client's own caregivers a hard rule kept from this visit (the "not Anna: …" lines) */
  keptAway?: RosterRuleReason[];
  [extra: string]: unknown;
}

/** Why a visit has no caregiver, as a code a team's language can word (`reason` is the English). */
export type RosterUnassignedCode =
  | 'no-caregivers'
  | 'no-skill'
  | 'not-available'
  | 'excluded-or-objection'
  | 'too-few-for-double'
  | 'stopped-early'
  | 'no-common-moment'
  | 'fully-booked';

export interface RosterUnassigned {
  visitId: string;
  reason: string;
  /** not part of the spec: the reason as a code, whether the visit is critical, the rules that blocked whom */
  code?: RosterUnassignedCode;
  critical?: boolean;
  rules?: RosterRuleReason[];
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
