/**
 * Every rule-level error code the API answers with, in problem+json's `code` member. Clients (the
 * web app, an organisation's own systems) key on these, never on the English text; the OpenAPI
 * document lists them with these descriptions. A code names the rule that refused the request,
 * `<area>.<rule>`; the HTTP status still says the kind (404, 409, 422, ...).
 *
 * Add a code here when a refusal needs its own reaction from a client; the generic ones at the
 * top cover the rest.
 */
export const ERROR_CODES = {
  // Generic: one per kind, for refusals no client needs to tell apart.
  'request.invalid': 'The request is malformed or a value is out of range; `problems` lists each field.',
  'request.too-large': 'The request body is larger than this endpoint accepts.',
  'request.unsupported-media-type': 'The request body is not JSON.',
  'request.precondition-required': 'This change needs an If-Match header with the revision you read.',
  'request.too-many': 'Too many requests; wait and try again.',
  'request.method-not-allowed': 'This path does not take this method.',
  'resource.not-found': 'The resource does not exist, or you may not see it.',
  'resource.conflict': 'The change conflicts with the current state.',
  'resource.duplicate': 'Something with the same key already exists.',
  'resource.in-use': 'Refers to something that does not exist, or is still in use.',
  'resource.overlap': 'Overlaps with an existing entry.',
  'resource.concurrent-change': 'Someone else changed this at the same time; try again.',
  'rule.violated': 'The change would break a rule of the roster.',
  'precondition.failed': 'The resource changed since you read it (If-Match did not match).',
  'auth.unauthenticated': 'Sign in first: no token, a bad token, or a wrong email or password.',
  'auth.forbidden': 'You may see this but not do this.',
  'service.unavailable': 'A service this request needs is unavailable; try again shortly.',
  internal: 'Something went wrong on our side.',

  // Negotiation: the rules of a team's roster plan, its review and its members' steps.
  'plan.stale-revision':
    'The plan changed since you read it; `currentRevision` and `etag` say where it is now. Reload and try again.',
  'plan.not-a-proposal': 'Only a proposal goes into review; the plan is past that (`planStatus`).',
  'plan.not-in-review': 'Consent is given while the plan is in review; it is not (`planStatus`).',
  'plan.closed-for-changes':
    'The plan is published (`planStatus`); its roster is changed only through amendments.',
  'plan.not-agreed':
    'The plan is published once every member has consented and no objection is open; it is not agreed yet.',
  'plan.already-published': 'The plan is already published; change it through an amendment.',
  'plan.not-published': 'Amendments change a published roster; this plan is not published yet.',
  'plan.no-version': 'The plan has no version yet: its first proposal is still being computed.',
  'plan.computing': 'A computation for this plan is under way (`rosterId`); wait for its version.',
  'plan.not-a-member': 'Only active members of the team act in its negotiation; coordinators read it.',
  'plan.visit-not-planned': 'The visit is no longer planned in this period.',
  'consent.objection-open': 'You have an open objection to this plan; withdraw it before you consent.',
  'objection.not-your-visit': 'You can only object to a visit planned for you.',
  'objection.already-open': 'You already have an open objection to this visit.',
  'objection.not-yours': 'Only the member who objected withdraws an objection.',
  'objection.closed': 'The objection is no longer open.',
  'pin.nobody-to-pin': 'The visit has nobody to pin: claim it or name the caregivers.',
  'pin.not-pinned': 'The visit is not pinned.',
  'claim.already-yours': 'The visit is already yours.',
  'claim.fully-staffed': 'The visit already has the caregivers it needs, and none of them objected to it.',
  'offer.not-your-visit':
    'You can only offer a visit planned for you (and swap for one planned for the colleague).',
  'offer.visit-pinned': 'The visit is pinned (a team decision); unpin it before offering it.',
  'offer.to-yourself': 'Offer a visit to a colleague, not to yourself.',
  'offer.own': 'You cannot accept your own offer.',
  'offer.for-another': 'This offer is for another colleague (or made by another).',
  'offer.closed': 'The offer is no longer open (`offerStatus`).',
  'offer.changed-hands': 'A visit of the offer has changed hands since it was made.',
  'caregiver.has-open-hours':
    'The caregiver has worked hours in a pay period that is not locked (`checkIns`); deactivate them instead, which keeps hours and history.',
  'client.has-open-hours':
    'The client has visits with worked hours in a pay period that is not locked (`checkIns`); archive the client instead, which keeps hours and history.',
  'amendment.not-published': 'The amendment is confirmed once it is published.',
  'amendment.not-affected': 'Only the members whose visits the amendment changed confirm it.',
  'amendment.not-own-absence':
    'Only the caregiver themselves or a coordinator records an absence; the organisation does not let colleagues report one.',
  'assignment.outside-availability':
    'The change plans a caregiver outside their availability (`violations`).',
  'assignment.missing-skill': 'The change plans a caregiver without a skill the visit needs (`violations`).',
  'assignment.overlap': "The change overlaps a caregiver's visits, travel included (`violations`).",
  'assignment.breaks-rule':
    'The change would break a hard rule of the roster (`rule` and `violations` name it: availability, skills, overlap, ...).',
  // Access
  'auth.wrong-credentials': 'The email or the password is wrong (which one is not said).',
  'account.disabled': 'This account is disabled; a coordinator or an administrator can enable it again.',
  'account.self-disable': 'You cannot disable your own account.',
  'account.other-organisation':
    'The account also works for another organisation: only an administrator disables it (deactivate their caregiver row in your team instead).',
  'invitation.awaiting-approval':
    "A colleague's invitation into the team waits for a coordinator's approval before it can be accepted.",
  'invitation.not-yours': 'Members withdraw only the invitations they sent themselves.',
  'invitation.inviter-not-member':
    'The colleague who sent this invitation is no longer an active member of the team; ask the team for a new one.',
  // Periods of range reads
  'period.too-long': 'The period is longer than this read takes at once (the `problems` say the limit).',
  'period.out-of-range': 'The period is too far in the past or the future (the `problems` say the bounds).',
  // Email and password reset
  'password-reset.unknown': 'This password reset link is not known (mistyped, or from an older request).',
  'password-reset.used': 'This password reset link has been used already; ask for a new one.',
  'password-reset.expired':
    'This password reset link has expired (it is valid for an hour); ask for a new one.',
  'notification-preferences.unknown-kind':
    'The email settings name a kind of notification that does not exist.',
  'notification-preferences.quiet-hours-invalid':
    'Quiet hours are two different local times HH:MM (an end before the start spans midnight).',
  // Webhooks: an organisation's subscriptions
  'webhook.url-invalid':
    'The receiver is an https URL without a user name, password or #fragment (http only to localhost outside production).',
  'webhook.unknown-event-type':
    'The subscription names an event type that does not exist (`problems` says which).',
  'webhook.no-event-types': 'A subscription names at least one event type.',
  // Working time
  'working-time.min-rest-invalid':
    'minRestMinutes must be a whole number of minutes from 1 to 2880 (two days), or null to not check rest.',
  'working-time.max-consecutive-days-invalid':
    'maxConsecutiveDays must be a whole number from 1 to 31, or null to not limit days in a row.',
  'working-time.unknown-rule': 'Only minRestMinutes and maxConsecutiveDays are working-time rules.',
  // Rolling planning
  'planning.unknown-setting':
    'Only rollingPlanningEnabled, weeksAhead, reviewOpensWeekday, reviewDeadlineWeekday and reviewDeadlineTime are planning settings.',
  'planning.enabled-invalid': 'rollingPlanningEnabled must be true or false.',
  'planning.weeks-ahead-invalid': 'weeksAhead must be a whole number from 1 (next week) to 4.',
  'planning.weekday-invalid':
    'reviewOpensWeekday and reviewDeadlineWeekday are ISO weekdays: whole numbers from 1 (Monday) to 7 (Sunday).',
  'planning.deadline-time-invalid': "reviewDeadlineTime is a local time HH:mm in the team's zone.",
  'planning.deadline-before-opening':
    'The review deadline must come after the review opens (00:00 on its weekday), in the same ISO week.',
  'planning.continuity-target-invalid':
    'continuityTargetDistinctCaregivers is the mean number of different caregivers per client in a week, from 1 to 20.',
  'wish.invalid':
    'A wish needs a kind (avoid or prefer) and a local start before its end, at most 92 days apart.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
