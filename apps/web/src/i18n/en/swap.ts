// Help to swap: who in the team could take a visit, and why the others cannot (one text per rule
// of the roster engine; the API sends the rule as a code with its params, never ids).
export const swap = {
  'swap.title': 'Who could take this visit',
  'swap.loading': 'Looking who could take this visit…',
  'swap.none': 'There is nobody else in the team.',
  'swap.summary': '{count} of {total} could take it.',
  'swap.able': 'could take it at {time}',
  'swap.unable': 'cannot take it',
  'swap.you': '{name} (you)',
  'swap.known': 'knows {client} ({count} visits)',
  'swap.knownOne': 'knows {client} (1 visit)',
  'swap.preferred': '{client} prefers this caregiver',
  'swap.stranger': 'new to {client}',
  'swap.refusedBecause': 'Why:',
  'swap.reason.skill': 'does not have the skill {skills}',
  'swap.reason.excluded': 'the client does not want this caregiver',
  'swap.reason.availability': 'has not said they can work {start}–{end}',
  'swap.reason.overlap':
    'cannot get there in time: the visit before ends at {previousEnd} and the trip takes {travelMinutes} minutes',
  'swap.reason.time-window': 'would start at {start}, outside the agreed time {earliest}–{latest}',
  'swap.reason.staffing': 'the visit needs {needed} caregivers starting together',
  'swap.reason.pinned': 'the team fixed who does this visit',
  'swap.reason.max-day': 'would work {minutes} on {date}, more than the {limitMinutes} allowed per day',
  'swap.reason.max-week':
    "would work {minutes} in the week of {week}, more than the contract's {limitMinutes}",
  'swap.reason.rest':
    'would have only {restMinutes} rest between {from} and {to} ({requiredMinutes} required)',
  'swap.reason.consecutive-days': 'would work {days} days in a row, more than the {limit} allowed',
  'swap.reason.other': 'would break a rule of the roster',
} as const;
