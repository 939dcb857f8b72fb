// Why the engine gave a visit to someone, or to nobody, as codes with parameters: the engine says
// what happened, and whoever shows it to a person words it in that person's language
// (roster-reason-texts.ts). Instants are ISO strings with the team's zone beside them, local dates
// `YYYY-MM-DD`, durations in minutes; people are named by the names the scenario gives them.

/** A working-time rule a caregiver would break by taking the visit. */
export type RosterBreach =
  | { rule: 'max-week'; worked: number; limit: number; week: string }
  | { rule: 'max-day'; worked: number; limit: number; date: string }
  | {
      rule: 'rest';
      /** minutes of rest the caregiver would have, and the minutes the rule asks for */
      rest: number;
      required: number;
      /**
       * before: too little rest before the caregiver's early visit on `date` at `at`; after: too
       * little rest after their late visit on `date` that ends at `at`
       */
      side: 'before' | 'after';
      date: string;
      at: string;
    }
  | { rule: 'consecutive-days'; run: number; limit: number; firstDate: string; lastDate: string };

/** A caregiver the visit could not go to, and the rule that kept them away. */
export interface RosterLimit {
  caregiver: string;
  breach: RosterBreach;
}

export const ROSTER_REASON_CODES = [
  // why a visit went to these caregivers
  'pinned',
  'kept-from-previous',
  'critical-first',
  'knows-client',
  'preferred-by-client',
  'already-visits-client',
  'same-address',
  'travel-from-previous',
  'first-of-shift',
  'skills-and-free',
  'kept-away-by-rule',
  'pinned-breaks-rule',
  // why a visit went to nobody
  'no-caregivers',
  'no-skill',
  'none-available',
  'excluded-or-objected',
  'too-few-for-team-visit',
  'stopped-early',
  'no-common-moment',
  'fully-booked',
  // changes people made on the board
  'claimed',
  'edited',
  'taken-over',
  'swapped',
  'not-planned-yet',
] as const;
export type RosterReasonCode = (typeof ROSTER_REASON_CODES)[number];

export interface RosterReasonParams {
  /** the team's IANA zone, for `from`, `to` and breach instants */
  zone?: string;
  /** the caregiver the line is about (a visit with several caregivers) */
  caregiver?: string;
  /** the person who made a change on the board */
  by?: string;
  /** earlier visits (knows-client), other visits (already-visits-client) */
  count?: number;
  /** already-visits-client: a week or a longer period */
  period?: 'week' | 'period';
  minutes?: number;
  /** the visit's window, ISO instants */
  from?: string;
  to?: string;
  skills?: string[];
  /** caregivers named by the reason */
  available?: string[];
  excluded?: string[];
  objected?: string[];
  free?: string[];
  busy?: string[];
  limits?: RosterLimit[];
  needed?: number;
  breach?: RosterBreach;
  /** the visit is critical: it says so first */
  critical?: boolean;
  /** pinned-breaks-rule: the checker's rule name (skill, overlap, rest, ...) */
  rule?: string;
}

export interface RosterReason {
  code: RosterReasonCode;
  params: RosterReasonParams;
}

const CODES = new Set<string>(ROSTER_REASON_CODES);

export function isRosterReason(value: unknown): value is RosterReason {
  return (
    typeof value === 'object' &&
    value !== null &&
    CODES.has((value as { code?: unknown }).code as string) &&
    typeof (value as { params?: unknown }).params === 'object'
  );
}
