import {
  formatLocalDateTime,
  isoWeekday,
  type RosterRuleReason,
  type RosterUnassignedCode,
} from '@homecare/scenario';
import { pairKey, type ProblemModel, type VisitModel } from './problem-model';
import type { RosterState, StartRange } from './roster-state';
import type { RuleBreach } from './work-calendar';
import { hoursAndMinutes } from './working-time';

// Words for the team: why each caregiver got a visit, and why a visit could not be covered. Beside
// the English words, the rules that kept someone away go out as codes and figures (RosterRuleReason)
// and an unassigned visit's reason as a code, for texts in the team's own language.

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (value: number): string => NUMBERS[value] ?? String(value);
const plural = (value: number, word: string): string => `${value} ${word}${value === 1 ? '' : 's'}`;

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  const shown = names.slice(0, 5);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** "Sunday 2026-11-29 09:00–12:00" (the end date is added when the window crosses midnight). */
export function describeWindow(model: ProblemModel, visit: VisitModel): string {
  const from = formatLocalDateTime(visit.earliestStart, model.timeZone);
  const to = formatLocalDateTime(visit.latestEnd, model.timeZone);
  const date = from.slice(0, 10);
  const weekday = WEEKDAYS[isoWeekday(date) - 1];
  const end = to.slice(0, 10) === date ? to.slice(11) : `${to.slice(0, 10)} ${to.slice(11)}`;
  return `${weekday} ${date} ${from.slice(11)}–${end}`;
}

export interface AssignmentExplanation {
  lines: string[];
  /** the client's own caregivers a hard rule kept away, with the rule and its figures */
  keptAway: RosterRuleReason[];
}

export function explainAssignment(state: RosterState, visitIndex: number): AssignmentExplanation {
  const model = state.model;
  const visit = model.visits[visitIndex];
  const client = model.clients[visit.client];
  const caregivers = state.assigned[visitIndex] ?? [];
  const lines: string[] = [];
  if (visit.pin) lines.push('pinned by the team');
  if (visit.previous && !state.isChanged(visit, caregivers)) lines.push('kept from the previous roster');
  const periodWord = model.dayStarts.length <= 11 ? 'this week' : 'this period';
  for (const caregiver of caregivers) {
    const reasons: string[] = [];
    const earlier = client.history.get(caregiver);
    if (earlier) reasons.push(`knows the client (${plural(earlier, 'earlier visit')})`);
    if (client.preferred.has(caregiver)) reasons.push('preferred by the client');
    const others = state.slotCount[visit.client * state.caregiverCount + caregiver] - 1;
    if (others > 0)
      reasons.push(`already visits this client ${periodWord} (${plural(others, 'other visit')})`);
    const { previous } = state.neighbours(caregiver, visitIndex);
    const stop = state.routes[caregiver].find((candidate) => candidate.visit === visitIndex);
    if (previous && stop && previous.block === stop.block && stop.block >= 0) {
      const trip = state.travel(caregiver, previous.client, visit.client);
      reasons.push(
        trip === 0
          ? 'already at this address for the previous visit'
          : `${trip} min travel from the previous visit`,
      );
    } else reasons.push('first visit of this shift');
    if (reasons.length === 1 && !visit.pin) reasons.unshift('has the skills and is free then');
    const prefix = caregivers.length > 1 ? `${model.caregivers[caregiver].label}: ` : '';
    for (const reason of reasons) lines.push(prefix + reason);
  }
  if (visit.priority === 'critical') lines.unshift('critical visit: planned before all others');
  const keptAway = visit.pin ? [] : rulesThatKeptAway(state, visit, caregivers);
  for (const reason of keptAway) lines.push(`not ${reason.caregiverName}: ${describeBreach(reason)}`);
  return { lines, keptAway };
}

type Obstacle = { kind: 'busy' } | { kind: 'rule'; breach: RuleBreach } | { kind: 'fits' };

function obstacleFor(state: RosterState, visit: VisitModel, caregiver: number): Obstacle {
  const ranges: StartRange[] = [];
  state.startRanges(visit, caregiver, ranges);
  if (ranges.length === 0) return { kind: 'busy' };
  let first: RuleBreach | undefined;
  for (const range of ranges) {
    const outcome = state.placeInRange(visit, range);
    if (!('rule' in outcome)) return { kind: 'fits' };
    first ??= outcome;
  }
  return { kind: 'rule', breach: first! };
}

const weekdayOf = (date: string): string => WEEKDAYS[isoWeekday(date) - 1];
const clock = (model: ProblemModel, epochMinutes: number): string =>
  formatLocalDateTime(epochMinutes, model.timeZone).slice(11);

/** A breach in codes and figures: local dates and times, minutes. */
export function ruleReasonOf(model: ProblemModel, caregiver: number, breach: RuleBreach): RosterRuleReason {
  const who = {
    caregiverId: model.caregivers[caregiver].id,
    caregiverName: model.caregivers[caregiver].label,
  };
  switch (breach.rule) {
    case 'rest':
      return {
        ...who,
        rule: 'rest',
        restMinutes: Math.max(0, breach.rest),
        requiredMinutes: breach.required,
        earlierDate: breach.earlierDate,
        earlierDayEnd: clock(model, breach.lastEnd),
        laterDate: breach.laterDate,
        laterDayStart: clock(model, breach.firstStart),
        visitIs: breach.visitIsEarlier ? 'late' : 'early',
      };
    case 'consecutive-days':
      return {
        ...who,
        rule: 'consecutive-days',
        days: breach.run,
        limitDays: breach.limit,
        firstDate: breach.firstDate,
        lastDate: breach.lastDate,
      };
    case 'max-week':
      return {
        ...who,
        rule: 'max-week',
        workedMinutes: breach.worked,
        limitMinutes: breach.limit,
        weekStart: breach.week,
      };
    case 'max-day':
      return {
        ...who,
        rule: 'max-day',
        workedMinutes: breach.worked,
        limitMinutes: breach.limit,
        date: breach.date,
      };
  }
}

/** The rule a caregiver would break, in words: "would have 9h30 rest after Tuesday's late visit until 22:30, ...". */
export function describeBreach(reason: RosterRuleReason): string {
  switch (reason.rule) {
    case 'rest': {
      const rest = hoursAndMinutes(reason.restMinutes);
      const required = `less than the ${hoursAndMinutes(reason.requiredMinutes)} required`;
      return reason.visitIs === 'late'
        ? `would have ${rest} rest before ${weekdayOf(reason.laterDate)}'s early visit at ${reason.laterDayStart}, ${required}`
        : `would have ${rest} rest after ${weekdayOf(reason.earlierDate)}'s late visit until ${reason.earlierDayEnd}, ${required}`;
    }
    case 'consecutive-days':
      return `would work ${reason.days} days in a row, ${weekdayOf(reason.firstDate)} ${reason.firstDate} to ${weekdayOf(reason.lastDate)} ${reason.lastDate}, more than the ${reason.limitDays} allowed`;
    case 'max-week':
      return `would work ${hoursAndMinutes(reason.workedMinutes)} in the week of Monday ${reason.weekStart}, more than the contract's ${hoursAndMinutes(reason.limitMinutes)}`;
    case 'max-day':
      return `would work ${hoursAndMinutes(reason.workedMinutes)} on ${weekdayOf(reason.date)} ${reason.date}, more than the ${hoursAndMinutes(reason.limitMinutes)} allowed a day`;
  }
}

/** "not Anna: would have 9h30 rest after Tuesday's late visit", for the client's own caregivers a rule kept away. */
function rulesThatKeptAway(
  state: RosterState,
  visit: VisitModel,
  caregivers: readonly number[],
): RosterRuleReason[] {
  const model = state.model;
  const client = model.clients[visit.client];
  let primary = -1;
  let most = 0;
  for (let caregiver = 0; caregiver < state.caregiverCount; caregiver++) {
    const served = state.slotCount[visit.client * state.caregiverCount + caregiver];
    if (served > most) {
      most = served;
      primary = caregiver;
    }
  }
  const own = visit.eligible.filter(
    (caregiver) =>
      !caregivers.includes(caregiver) &&
      (caregiver === primary || client.preferred.has(caregiver) || client.history.has(caregiver)),
  );
  const reasons: RosterRuleReason[] = [];
  for (const caregiver of own.slice(0, 3)) {
    const obstacle = obstacleFor(state, visit, caregiver);
    if (obstacle.kind === 'rule') reasons.push(ruleReasonOf(model, caregiver, obstacle.breach));
  }
  return reasons;
}

export interface UnassignedExplanation {
  reason: string;
  code: RosterUnassignedCode;
  critical: boolean;
  /** the qualified caregivers free then whom a hard rule kept away, with the rule and its figures */
  rules: RosterRuleReason[];
}

/** Why nobody could take this visit, worded so a team knows what to change; critical visits say so first. */
export function explainUnassigned(
  state: RosterState,
  visitIndex: number,
  cancelled: boolean,
): UnassignedExplanation {
  const { text, code, rules = [] } = unassignedReason(state, visitIndex, cancelled);
  const critical = state.model.visits[visitIndex].priority === 'critical';
  return { reason: critical ? `critical visit left out: ${text}` : text, code, critical, rules };
}

interface Reason {
  text: string;
  code: RosterUnassignedCode;
  rules?: RosterRuleReason[];
}

function unassignedReason(state: RosterState, visitIndex: number, cancelled: boolean): Reason {
  const model = state.model;
  const visit = model.visits[visitIndex];
  const client = model.clients[visit.client];
  const when = describeWindow(model, visit);
  const skillText = visit.skills.length ? `with skill ${visit.skills.join(' and ')} ` : '';
  const skilled = model.caregivers.filter((caregiver) =>
    visit.skills.every((skill) => caregiver.skills.has(skill)),
  );
  if (model.caregivers.length === 0)
    return { code: 'no-caregivers', text: `the team has no caregivers yet (${when})` };
  if (skilled.length === 0)
    return {
      code: 'no-skill',
      text: `nobody in the team has the skill ${visit.skills.join(' and ')} this visit needs (${when})`,
    };
  const available = skilled.filter((caregiver) =>
    caregiver.availability.some(
      (interval) =>
        Math.max(interval.start, visit.earliestStart) + visit.duration <=
        Math.min(interval.end, visit.latestEnd),
    ),
  );
  if (available.length === 0)
    return { code: 'not-available', text: `no caregiver ${skillText}is available on ${when}` };
  const excluded = available.filter((caregiver) => client.excluded.has(caregiver.index));
  const objected = available.filter(
    (caregiver) =>
      !client.excluded.has(caregiver.index) && model.forbidden.has(pairKey(visitIndex, caregiver.index)),
  );
  const free = available.filter(
    (caregiver) =>
      !client.excluded.has(caregiver.index) && !model.forbidden.has(pairKey(visitIndex, caregiver.index)),
  );
  const labels = (list: typeof available): string => listNames(list.map((caregiver) => caregiver.label));
  if (free.length === 0) {
    const parts: string[] = [];
    if (excluded.length)
      parts.push(
        `${excluded.length === 1 ? 'is' : excluded.length === 2 ? 'are both' : 'are all'} excluded by the client`,
      );
    if (objected.length)
      parts.push(`${objected.length === 1 ? 'has' : 'have'} an objection recorded against this visit`);
    const who =
      available.length === 1
        ? `the only caregiver ${skillText}free then (${labels(available)})`
        : `the ${count(available.length)} caregivers ${skillText}free then (${labels(available)})`;
    const code = 'excluded-or-objection';
    if (excluded.length && objected.length)
      return {
        code,
        text: `${who} are excluded by the client (${labels(excluded)}) or have an objection recorded (${labels(objected)}) on ${when}`,
      };
    return { code, text: `${who} ${parts.join('')} (${when})` };
  }
  if (free.length < visit.needed) {
    const blocked = excluded.length
      ? `; ${labels(excluded)} ${excluded.length === 1 ? 'is' : 'are'} excluded by the client`
      : '';
    return {
      code: 'too-few-for-double',
      text: `needs ${count(visit.needed)} caregivers together but only ${count(free.length)} qualified caregiver${free.length === 1 ? ' is' : 's are'} available then (${labels(free)}) on ${when}${blocked}`,
    };
  }
  const busy: string[] = [];
  const limits: string[] = [];
  const rules: RosterRuleReason[] = [];
  let fitting = 0;
  for (const caregiver of free) {
    const obstacle = obstacleFor(state, visit, caregiver.index);
    if (obstacle.kind === 'busy') busy.push(caregiver.label);
    else if (obstacle.kind === 'rule') {
      const reason = ruleReasonOf(model, caregiver.index, obstacle.breach);
      rules.push(reason);
      limits.push(`${caregiver.label} ${describeBreach(reason)}`);
    } else fitting++;
  }
  const details: string[] = [];
  if (busy.length)
    details.push(`${listNames(busy)} ${busy.length === 1 ? 'is' : 'are'} busy with other visits then`);
  if (limits.length) details.push(listNames(limits));
  if (cancelled && fitting >= visit.needed)
    return {
      code: 'stopped-early',
      text: `not planned yet: the planning was stopped before this visit was placed (${when})`,
      rules,
    };
  if (visit.needed > 1 && fitting >= visit.needed)
    return {
      code: 'no-common-moment',
      text: `needs ${count(visit.needed)} caregivers together, but no ${count(visit.needed)} of the qualified caregivers free on ${when} have a common free moment (${details.join('; ') || labels(free)})`,
      rules,
    };
  return {
    code: 'fully-booked',
    text: `the ${free.length === 1 ? 'only' : count(free.length)} qualified caregiver${free.length === 1 ? '' : 's'} available on ${when} ${free.length === 1 ? 'is' : 'are'} fully booked or at their limit (${details.join('; ')})`,
    rules,
  };
}
