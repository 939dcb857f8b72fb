// The engine's violations in plain words for people: names of caregivers and clients instead of
// ids, the local day and time of the visit. The checker's own messages name ids (it is a referee
// for documents); what the API says to a member in a refusal or a flag comes from here, built from
// the violation's rule and params, so it never carries an id.
import type { RosterViolation } from '@homecare/roster-engine';
import type { ScenarioDocument } from '@homecare/scenario';

const hours = (minutes: number): string =>
  `${Math.floor(minutes / 60)}h${String(Math.round(minutes % 60)).padStart(2, '0')}`;

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
const number = (value: string | number | undefined): number =>
  typeof value === 'number' ? value : Number(value ?? 0);

/** The words a violation needs from the period: who, which client, which day. */
function namesOf(scenario: ScenarioDocument, violation: RosterViolation) {
  const caregiver = scenario.caregivers.find((entry) => entry.id === violation.caregiverId);
  const who = caregiver?.name?.trim() || 'a caregiver who is no longer in the team';
  const visit = scenario.visits.find((entry) => entry.id === violation.visitId);
  const client = visit && scenario.clients.find((entry) => entry.id === visit.clientId);
  const day = visit ? visit.earliestStart.slice(0, 10) : '';
  const theVisit = visit ? `the visit to ${client?.name?.trim() || 'a client'} on ${day}` : 'a visit';
  return { who, client: client?.name?.trim() || 'the client', theVisit };
}

/** One violation as a sentence without ids (English: the API's language; the web words the codes). */
export function plainMessage(scenario: ScenarioDocument, violation: RosterViolation): string {
  const { who, client, theVisit } = namesOf(scenario, violation);
  const params = violation.params ?? {};
  switch (violation.rule) {
    case 'skill':
      return `${who} does not have the skill ${text(params.skills)} that ${theVisit} needs`;
    case 'excluded':
      return `${client} does not want ${who} for their visits`;
    case 'availability':
      return `${who} has not said they can work for the whole of ${theVisit} (${text(params.start)} to ${text(params.end)})`;
    case 'overlap':
      return `${who} cannot reach ${theVisit} at ${text(params.start)} in time: the visit before it${params.previousClient ? ` (${text(params.previousClient)})` : ''} ends at ${text(params.previousEnd)} and the trip takes ${text(params.travelMinutes)} minutes`;
    case 'time-window':
      return `${theVisit} would start at ${text(params.start)}, outside the agreed time ${text(params.earliest)} to ${text(params.latest)}`;
    case 'staffing':
      return `${theVisit} needs ${text(params.needed)} different caregivers starting together, but has ${text(params.planned)}`;
    case 'pinned':
      return `the team agreed who takes ${theVisit} and when (pinned)`;
    case 'max-week':
      return `${who} would work ${hours(number(params.minutes))} in the week of Monday ${text(params.week)}, more than the contract's ${hours(number(params.limitMinutes))}`;
    case 'max-day':
      return `${who} would work ${hours(number(params.minutes))} on ${text(params.date)}, more than the ${hours(number(params.limitMinutes))} allowed per day`;
    case 'rest':
      return `${who} would have ${hours(number(params.restMinutes))} rest between ${text(params.from)} and ${text(params.to)}, less than the ${hours(number(params.requiredMinutes))} required`;
    case 'consecutive-days':
      return `${who} would work ${text(params.days)} days in a row up to ${text(params.until)}, more than the ${text(params.limit)} allowed`;
    case 'unknown-caregiver':
      return `${theVisit} goes to ${who}`;
    default:
      return `the change would break the roster's rule "${violation.rule}" for ${theVisit}`;
  }
}

/** Several violations as one detail: sentences, the first letter of each capitalised. */
export function plainDetail(messages: string[]): string {
  return messages.map((message) => message.charAt(0).toUpperCase() + message.slice(1)).join('. ') + '.';
}
