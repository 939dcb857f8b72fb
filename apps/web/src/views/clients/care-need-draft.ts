// A care need as its form holds it (text fields), and the body the API takes from it. Pure.
import type { CareNeed, CareNeedBody } from './clients-api';

export interface CareNeedDraft {
  description: string;
  weekdays: number[];
  windowStart: string;
  windowEnd: string;
  durationMinutes: string;
  caregiversNeeded: string;
  requiredSkills: string;
  priority: CareNeedBody['priority'] & string;
  startsOn: string;
  endsOn: string;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A new care need's starting point: every weekday morning, from `today` on. */
export function newDraft(today: string): CareNeedDraft {
  return {
    description: '',
    weekdays: [1, 2, 3, 4, 5],
    windowStart: '08:00',
    windowEnd: '10:00',
    durationMinutes: '30',
    caregiversNeeded: '1',
    requiredSkills: '',
    priority: 'normal',
    startsOn: today,
    endsOn: '',
  };
}

export function draftOf(careNeed: CareNeed): CareNeedDraft {
  return {
    description: careNeed.description,
    weekdays: [...careNeed.weekdays].sort(),
    windowStart: careNeed.windowStart,
    windowEnd: careNeed.windowEnd,
    durationMinutes: String(careNeed.durationMinutes),
    caregiversNeeded: String(careNeed.caregiversNeeded),
    requiredSkills: careNeed.requiredSkills.join(', '),
    priority: careNeed.priority,
    startsOn: careNeed.startsOn,
    endsOn: careNeed.endsOn ?? '',
  };
}

/** The API's body; numbers it cannot read are sent as they are, for the API to say why not. */
export function bodyOf(draft: CareNeedDraft): CareNeedBody {
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return {
    description: draft.description.trim(),
    weekdays: [...draft.weekdays].sort(),
    windowStart: draft.windowStart,
    windowEnd: draft.windowEnd,
    durationMinutes: number(draft.durationMinutes),
    caregiversNeeded: number(draft.caregiversNeeded),
    requiredSkills: draft.requiredSkills
      .split(',')
      .map((skill) => skill.trim())
      .filter((skill) => skill !== ''),
    priority: draft.priority,
    startsOn: draft.startsOn,
    endsOn: draft.endsOn === '' ? null : draft.endsOn,
  };
}
